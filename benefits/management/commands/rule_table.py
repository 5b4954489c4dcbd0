"""`kechuang rule_table`: write docs/rules-clause-table.md from the policy folders in benefits/rules/
(or, with --check, say whether the committed file is what the rules generate)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from benefits.clause_table import TABLE_PATH, clause_table


class Command(BaseCommand):
    help = "由 benefits/rules/ 中的政策规则生成规则与条款对照表 docs/rules-clause-table.md"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="只检查对照表是否与规则一致,不写文件")

    def handle(self, *args: Any, **options: Any) -> None:
        table = clause_table()
        if options["check"]:
            if not TABLE_PATH.is_file() or TABLE_PATH.read_text(encoding="utf-8") != table:
                raise CommandError(f"{TABLE_PATH.name} 与规则不一致:请运行 kechuang rule_table 重新生成")
            self.stdout.write(f"{TABLE_PATH.name} 与规则一致")
            return
        TABLE_PATH.write_text(table, encoding="utf-8")
        self.stdout.write(f"已写入 {TABLE_PATH}")

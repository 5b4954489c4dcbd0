"""`kechuang tasks [--unit NAME] [--json]`: the task ledger with derived status and progress."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from planning import ledger


class Command(BaseCommand):
    help = "列出任务台账（docs/interfaces.md 约定6）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="只列该单位牵头或配合的任务，全称或简称均可")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        tasks = ledger.ledger()
        if options["unit"]:
            tasks = ledger.for_unit(tasks, options["unit"])
        rows = [ledger.as_contract(entry) for entry in ledger.rows(tasks)]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            units = "、".join(row["lead_units"]) or "—"
            self.stdout.write(
                f"{row['id']:>5} {row['status']:<12} {row['progress']:>3}% {row['deadline'] or '—':<10} "
                f"{row['title']}（{units}）"
            )

"""`kechuang ingest FILE [--json]`: parse one policy document (contract 2 in docs/interfaces.md) without
the database."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from policies.ingest import IngestError, ParsedDocument, parse_file

KIND_LABELS = {"fixed": "定额", "cap": "最高", "ratio": "比例"}


class Command(BaseCommand):
    help = "解析一份政策文件（.txt/.docx/.pdf/.html），输出条款、责任单位、资金条款、目标和时间节点"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="政策文件路径")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（docs/interfaces.md 约定 2）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = parse_file(options["file"])
        except IngestError as error:
            sys.stderr.write(f"错误：{error}\n")
            sys.exit(1)
        if options["json"]:
            output = json.dumps(document.contract(), ensure_ascii=False, indent=2) + "\n"
            sys.stdout.buffer.write(output.encode("utf-8"))
            sys.stdout.flush()
            return
        self.stdout.write(summary(document))


def summary(document: ParsedDocument) -> str:
    """A readable Chinese overview of what the pipeline found."""
    lines = [f"标题：{document.title or '（未识别）'}"]
    for label, value in (
        ("文号", document.doc_number),
        ("发文机关", document.issuer),
        ("印发日期", document.issued_date),
        ("施行日期", document.effective_from),
        ("有效期至", document.effective_until),
    ):
        if value:
            lines.append(f"{label}：{value}")
    lines.append(f"\n条款 {len(document.clauses)} 条：")
    for clause in document.clauses:
        depth = clause.path.count(".")
        units = ""
        if clause.lead_units:
            units += f"  牵头：{'、'.join(clause.lead_units)}"
        if clause.cooperating_units:
            units += f"  配合：{'、'.join(clause.cooperating_units)}"
        lines.append(f"{'  ' * depth}{clause.path} {clause.heading}{units}")
    lines.append(f"\n资金条款 {len(document.money)} 项：")
    for money in document.money:
        if money.amount_yuan is not None:
            amount = f"{money.amount_yuan:,} 元"
        else:
            amount = f"{float(money.ratio or 0) * 100:g}%"  # display only
        per_unit = f"/{money.per_unit}" if money.per_unit else ""
        who = f"（{money.beneficiary}）" if money.beneficiary else ""
        lines.append(f"  [{money.clause_path}] {KIND_LABELS[money.kind]} {amount}{per_unit}{who}")
    lines.append(f"\n目标 {len(document.targets)} 项：")
    for target in document.targets:
        year = f"{target.year}年 " if target.year else ""
        goal = f"{target.comparator} {target.value:g}{target.unit}"
        where = target.clause_path or "正文前"
        lines.append(f"  [{where}] {year}{target.indicator} {goal}")
    deadlines = [d for d in document.dates if d.kind == "deadline"]
    lines.append(f"\n时间节点 {len(deadlines)} 个：")
    for deadline in deadlines:
        lines.append(f"  [{deadline.clause_path}] {deadline.text} → {deadline.date.isoformat()}")
    return "\n".join(lines) + "\n"

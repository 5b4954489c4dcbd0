"""`kechuang targets [--region ADCODE] [--json]`: every indicator with its targets, actuals and status."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from planning.monitor import as_contract, evaluate_many, indicators_in


class Command(BaseCommand):
    help = "列出指标、目标、实际值与监测状态（docs/interfaces.md 约定5）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="行政区划代码，含其下辖地区")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = [as_contract(evaluation) for evaluation in evaluate_many(indicators_in(options["region"]))]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            latest = row["actuals"][-1]["value"] if row["actuals"] else "—"
            final = row["targets"][-1] if row["targets"] else None
            goal = f"{final['year']}年{final['comparator']}{final['value']}" if final else "—"
            self.stdout.write(f"{row['status']:<10} {row['name']}  实际 {latest} / 目标 {goal} {row['unit']}")

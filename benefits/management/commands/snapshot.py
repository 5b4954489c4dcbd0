"""`kechuang snapshot USCC --year YYYY`: the entity snapshot of one organization as the database knows it
(contract 3 in docs/interfaces.md, database form), assembled from every installed app's facts.

`kechuang benefits --entity` on the printed JSON gives the same items as
`kechuang benefits --organization USCC`: both evaluate this snapshot with the shipped rules.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from benefits.calculator.batch import dumps
from benefits.management.arguments import year_argument
from benefits.snapshots import snapshot_of_uscc


class Command(BaseCommand):
    help = "打印某机构在某年度的实体快照(JSON,约定3),包含各应用记录的资质、年度数据与事件"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("uscc", help="机构的统一社会信用代码")
        parser.add_argument("--year", help="计算年度,例如 2024")

    def handle(self, *args: Any, **options: Any) -> None:
        year = year_argument(options["year"])
        try:
            snapshot = snapshot_of_uscc(options["uscc"], year)
        except LookupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(dumps(snapshot, indent=2))

"""`kechuang search QUERY [--kind KIND] [--limit N] --json` (contract 8 in docs/interfaces.md)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.models import Kind
from matching.search import search


class Command(BaseCommand):
    help = "全文检索机构、平台、专家、仪器、成果、需求、政策与条款（支持拼音与首字母）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("--kind", choices=Kind.values)
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（契约 8）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["limit"] < 1:
            raise CommandError("--limit 必须是正整数")
        results = search(options["query"], kind=options["kind"], limit=options["limit"])
        if options["json"]:
            self.stdout.write(json.dumps([hit.as_json() for hit in results.hits], ensure_ascii=False))
            return
        for hit in results.hits:
            self.stdout.write(f"{hit.score:8.3f}  {hit.kind:<12} {hit.id:<8} {hit.title}")

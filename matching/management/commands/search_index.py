"""`kechuang search_index` queues a rebuild of the search index for the task workers; `--now` rebuilds it
in this process (small databases, the demo)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.index import rebuild_now
from matching.tasks import start_rebuild


class Command(BaseCommand):
    help = "重建全文检索索引"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="在本进程内立即重建，不交给后台任务")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self.stdout.write(f"已索引 {rebuild_now()} 条记录")
            return
        rebuild = start_rebuild()
        self.stdout.write(f"已排队重建 #{rebuild.pk}：{rebuild.total} 条记录，{rebuild.chunks} 个分块")

"""`kechuang send_digest`: the daily digest of new notices (run it once a day from cron or a timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.notices import send_digests


class Command(BaseCommand):
    help = "发送每日推送摘要（只含未发送过的新消息）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="", help="邮件中链接的网站地址，例如 https://kc.example.gov.cn"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"已发送 {send_digests(options['base_url'].rstrip('/'))} 封摘要邮件")

"""`kechuang backup [-o FILE]`: the database and uploaded files in one archive (ops.backups)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库与上传文件到一个 .tar.gz 文件（SQLite 在线备份；PostgreSQL 用 pg_dump）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "-o", "--output", help="备份文件（默认 $KECHUANG_DATA_DIR/backups/kechuang-时间.tar.gz）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        archive = Path(options["output"] or Path(settings.DATA_DIR) / "backups" / f"kechuang-{stamp}.tar.gz")
        try:
            manifest = backup(archive.resolve())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"已备份到 {archive}（{manifest['engine']}，上传文件 {manifest['media_files']} 个）"
        )

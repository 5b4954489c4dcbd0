"""`kechuang restore FILE`: bring back a `kechuang backup` archive into an empty database (ops.backups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, restore


class Command(BaseCommand):
    help = "从 kechuang backup 的备份文件恢复数据库与上传文件（请恢复到空数据库）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", help="备份文件 .tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore(Path(options["archive"]).resolve())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已恢复 {manifest['created']} 的备份（上传文件 {manifest['media_files']} 个）")

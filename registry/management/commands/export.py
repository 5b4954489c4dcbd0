import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from registry.io import export_records
from registry.io.columns import layouts
from registry.io.formats import FORMATS, format_of


class Command(BaseCommand):
    help = "把一类资源库记录导出为 xlsx / csv / jsonl，列与导入相同；未指定 -o 时写到标准输出。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=list(layouts()))
        parser.add_argument(
            "--format", choices=list(FORMATS), help="文件格式；省略时按 -o 的扩展名，写到标准输出时默认 csv"
        )
        parser.add_argument("-o", "--output", type=Path, help="输出文件")

    def handle(self, *args: object, **options: object) -> None:
        output: Path | None = options["output"]
        file_format = options["format"] or (format_of(output.name) if output else "csv")
        if file_format is None:
            raise CommandError(f"无法从 {output} 的扩展名判断格式，请用 --format 指定：{'、'.join(FORMATS)}")
        if output is None:
            self.stdout.flush()
            try:
                export_records(sys.stdout.buffer, options["kind"], file_format, user=None)
                sys.stdout.buffer.flush()
            except BrokenPipeError:
                # The reader (`| head`) has had enough; stop quietly like any other Unix filter.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        else:
            with output.open("wb") as out:
                count = export_records(out, options["kind"], file_format, user=None)
            self.stderr.write(f"已导出 {count} 条记录到 {output}")

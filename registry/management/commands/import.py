from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from registry.io import import_file, kind_from_filename
from registry.io.columns import file_importers, layouts
from registry.io.formats import FORMATS, format_of

# A long error list helps nobody at the console; the first ones show what to fix.
SHOWN_ERRORS = 200


class Command(BaseCommand):
    help = "从 xlsx / csv / jsonl 文件导入资源库记录：先校验全部行，有任何错误则不写入。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--kind", choices=[*layouts(), *file_importers()], help="资源类型；省略时从文件名推断"
        )
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")
        parser.add_argument("--user", help="记入审计记录的用户名")

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}")
        if format_of(path.name) not in FORMATS:
            raise CommandError(f"不支持的文件类型 {path.suffix or '（无扩展名）'}，可选：.xlsx、.csv、.jsonl")
        kind = options["kind"] or kind_from_filename(path)
        if kind is None:
            raise CommandError(f"无法从文件名推断资源类型，请用 --kind 指定：{'、'.join(layouts())}")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"找不到用户 {options['user']}")
        importer = file_importers().get(kind)
        if importer is not None:
            report = importer.run(path, user=user, dry_run=bool(options["dry_run"]))
        else:
            report = import_file(path, kind, user=user, dry_run=bool(options["dry_run"]))
        for warning in report.warnings:
            self.stderr.write(warning)
        for error in report.errors[:SHOWN_ERRORS]:
            self.stderr.write(str(error))
        if len(report.errors) > SHOWN_ERRORS:
            self.stderr.write(f"……另有{len(report.errors) - SHOWN_ERRORS}处错误未列出。")
        if not report.ok:
            raise CommandError(report.summary())
        label = importer.label if importer is not None else layouts()[kind].label
        self.stdout.write(f"{label}：{report.summary()}（{report.rows_per_second:,.0f} 行/秒）")

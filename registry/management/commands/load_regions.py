from django.core.management.base import BaseCommand, CommandError

from registry.regions import load_regions


class Command(BaseCommand):
    help = "载入国家行政区划代码（GB/T 2260）到地区表。"

    def handle(self, *args: object, **options: object) -> None:
        try:
            total = load_regions()
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"地区表共有 {total} 个行政区划。")

"""`kechuang demo`: migrate, load regions, the demo population and the seed policies, create demo logins."""

from __future__ import annotations

import time
import unicodedata
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kechuang.plugins import demo_loaders
from registry.demo.cities import CITIES
from registry.demo.logins import DEMO_PASSWORD, DemoLogin, DemoPopulationMissing, ensure_demo_logins
from registry.demo.store import populate_city
from registry.regions import load_regions

# Beyond this the trade names of a city run out and company names start to look alike.
MAX_SCALE = 3


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def login_table(logins: list[DemoLogin]) -> str:
    rows = [("用户名", "密码", "角色", "显示名称", "所属机构")]
    rows += [
        (login.username, DEMO_PASSWORD, login.role_label, login.display_name, login.organization)
        for login in logins
    ]
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    return "\n".join(
        "  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    )


class Command(BaseCommand):
    help = "迁移数据库，载入行政区划、演示数据和种子政策，并创建各角色的演示账号（可重复运行）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="演示数据规模：1 表示每个城市300–400家企业，0.05 约为每市20家（测试用）。",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="在 DEBUG 关闭时也创建演示账号（演示账号密码公开，生产环境切勿使用）。",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scale: float = options["scale"]
        if not 0 < scale <= MAX_SCALE:
            raise CommandError(f"--scale 应大于0且不超过{MAX_SCALE}。")
        started = time.monotonic()
        migrate_verbosity = max(0, options["verbosity"] - 1)
        call_command("migrate", interactive=False, verbosity=migrate_verbosity, stdout=self.stdout)
        self.stdout.write("数据库已迁移。")
        try:
            self.stdout.write(f"地区表共有 {load_regions()} 个行政区划。")
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        for city in CITIES:
            result = populate_city(city, scale)
            state = "已生成" if result.created else "已存在，未改动"
            self.stdout.write(
                f"{city.name}市演示数据{state}：机构 {result.organizations}、平台 {result.platforms}、"
                f"专家人才 {result.people}、仪器 {result.instruments}、成果 {result.achievements}、"
                f"需求 {result.needs}。"
            )
        failed = self.run_hooks()
        self.create_logins(allow_production=options["allow_production"])
        if failed:
            raise CommandError(f"以下种子数据未能载入：{'、'.join(failed)}（见上方错误）。")
        self.stdout.write(f"完成，用时 {time.monotonic() - started:.1f} 秒。")

    def run_hooks(self) -> list[str]:
        """Run every app's demo part (kechuang.plugins); returns the labels of those that failed.

        One app's broken seed data should not keep the demo logins and the other apps' data away, so a
        failure is reported and the run goes on (and ends with an error)."""
        failed = []
        for label, load in demo_loaders():
            try:
                load(self.stdout)
            except Exception as error:
                self.stderr.write(f"{label} 载入失败：{error}")
                failed.append(label)
        return failed

    def create_logins(self, *, allow_production: bool) -> None:
        if not settings.DEBUG and not allow_production:
            self.stderr.write(
                "DEBUG 已关闭，未创建演示账号（其密码是公开的）；确需创建请加 --allow-production。"
            )
            return
        try:
            logins = ensure_demo_logins()
        except DemoPopulationMissing as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"\n演示账号（仅供演示，密码公开，切勿用于生产环境）：\n{login_table(logins)}")

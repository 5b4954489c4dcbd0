"""Arguments the benefit commands share. Pure: `kechuang benefits` on files runs without the app
registry (kechuang.cli), so nothing here may import a model."""

from __future__ import annotations

from django.core.management.base import CommandError


def year_argument(value: str | None) -> int:
    if value is None:
        raise CommandError("缺少 --year:请给出计算年度(四位数字),例如 --year 2024")
    if not (value.isdigit() and len(value) == 4):
        raise CommandError(f"--year 必须是四位数字年份,实际为 {value!r}")
    return int(value)

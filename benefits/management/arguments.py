"""Arguments the benefit commands share: the year, and an organization named by its USCC."""

from __future__ import annotations

from django.core.management.base import CommandError

from registry.models import Organization


def year_argument(value: str | None) -> int:
    if value is None:
        raise CommandError("缺少 --year:请给出计算年度(四位数字),例如 --year 2024")
    if not (value.isdigit() and len(value) == 4):
        raise CommandError(f"--year 必须是四位数字年份,实际为 {value!r}")
    return int(value)


def organization_argument(uscc: str) -> Organization:
    organization = Organization.objects.filter(uscc=uscc.strip().upper()).first()
    if organization is None:
        raise CommandError(f"找不到统一社会信用代码为 {uscc} 的机构")
    return organization

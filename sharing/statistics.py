"""Sharing statistics from usage records (国家科研设施与仪器开放共享评价口径):

- 年有效工作机时 (effective hours): every hour the instrument was used in the year;
- 对外服务机时 (hours served to others): hours used by anyone outside the owner (user kind not internal);
- 共享率 (sharing rate): hours served to others ÷ effective hours;
- 服务收入 (income): the fees of the year's usage records.

Per instrument, per owner (the lab or platform that shares them) and for the whole platform (a region).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import DurationField, ExpressionWrapper, F, Q, QuerySet, Sum

from registry.region_lookups import in_region
from sharing.models import Usage
from sharing.vocabulary import UserKind

HOURS = Decimal("0.1")
RATE = Decimal("0.0001")
DURATION = ExpressionWrapper(F("end") - F("start"), output_field=DurationField())


def usages_in(year: int, region: str | None = None) -> QuerySet[Usage]:
    usages = Usage.objects.filter(start__year=year)
    if region:
        usages = usages.filter(in_region(region, "shared__instrument__owner__region"))
    return usages


def _hours(duration: dt.timedelta | None) -> Decimal:
    if duration is None:
        return Decimal("0.0")
    return (Decimal(duration.total_seconds()) / 3600).quantize(HOURS, ROUND_HALF_UP)


def _figures(rows: Iterable[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        effective, external = _hours(row["effective"]), _hours(row["external"])
        rate = (external / effective).quantize(RATE, ROUND_HALF_UP) if effective else Decimal("0.0000")
        out.append(
            {
                **{key: row[key] for key in keys},
                "effective_hours": effective,
                "external_hours": external,
                "sharing_rate": rate,
                "sharing_percent": (rate * 100).quantize(HOURS),
                "income_yuan": (row["income"] or Decimal(0)).quantize(Decimal("0.01")),
            }
        )
    return out


AGGREGATES = {
    "effective": Sum(DURATION),
    "external": Sum(DURATION, filter=~Q(user_kind=UserKind.INTERNAL)),
    "income": Sum("fee_yuan"),
}


def by_instrument(year: int, region: str | None = None) -> list[dict[str, Any]]:
    rows = (
        usages_in(year, region)
        .values(
            instrument=F("shared_id"),
            name=F("shared__instrument__name"),
            owner_id=F("shared__instrument__owner_id"),
            owner=F("shared__instrument__owner__name"),
        )
        .annotate(**AGGREGATES)
        .order_by("-effective", "instrument")
    )
    return _figures(rows, ("instrument", "name", "owner_id", "owner"))


def by_owner(year: int, region: str | None = None) -> list[dict[str, Any]]:
    rows = (
        usages_in(year, region)
        .values(owner_id=F("shared__instrument__owner_id"), owner=F("shared__instrument__owner__name"))
        .annotate(**AGGREGATES)
        .order_by("-effective", "owner_id")
    )
    return _figures(rows, ("owner_id", "owner"))


def platform_total(year: int, region: str | None = None) -> dict[str, Any]:
    row = usages_in(year, region).aggregate(**AGGREGATES)
    return _figures([row], ())[0]

"""Planning indicators (口径) counted from usage records of shared instruments (kechuang.plugins):

- `instrument_external_service_hours`: 对外服务机时, hours the region's shared instruments served users
  outside their owner, from 1 January of the statistics date's year up to that date;
- `instrument_service_income`: 仪器共享服务收入, the fees of those services over the same period, in the
  indicator's unit (元, 万元 or 亿元).

A usage counts where the instrument's owner is, on the day it started.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from planning.indicators import Column, Definition, SeriesRequest
from registry.adcodes import region_prefix
from registry.region_lookups import in_any_region, in_region
from sharing.models import Usage
from sharing.statistics import DURATION
from sharing.vocabulary import UserKind

UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
OWNER_REGION = "shared__instrument__owner__region_id"
HOURS = Decimal("0.1")


def _start(on: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(on.year, 1, 1))


def _end(on: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min))


def records(region: str, params: dict[str, Any], on: dt.date) -> QuerySet[Usage]:
    usages = Usage.objects.filter(in_region(region, OWNER_REGION), start__gte=_start(on), start__lt=_end(on))
    counted = usages.exclude(user_kind=UserKind.INTERNAL).select_related(
        "shared__instrument__owner", "organization"
    )
    counted.indicator_params = params
    return counted.order_by("start", "id")


def _hours(queryset: QuerySet[Usage]) -> Decimal:
    total = queryset.aggregate(total=Sum(DURATION))["total"]
    return (Decimal(total.total_seconds()) / 3600).quantize(HOURS, ROUND_HALF_UP) if total else Decimal("0.0")


def _income(queryset: QuerySet[Usage]) -> Decimal:
    total = queryset.aggregate(total=Sum("fee_yuan"))["total"] or Decimal(0)
    return total / UNITS[getattr(queryset, "indicator_params", {}).get("unit", "万元")]


def _rows(requests: list[SeriesRequest]) -> list[tuple[str, dt.datetime, dt.datetime, Decimal]]:
    regions = {request.region for request in requests}
    days = [day for request in requests for day in request.dates] or [dt.date.today()]
    return list(
        Usage.objects.filter(
            in_any_region(regions, OWNER_REGION), start__gte=_start(min(days)), start__lt=_end(max(days))
        )
        .exclude(user_kind=UserKind.INTERNAL)
        .values_list(OWNER_REGION, "start", "end", "fee_yuan")
    )


def _series(total: Any) -> Any:
    def series(requests: list[SeriesRequest]) -> list[list[Decimal]]:
        rows = _rows(requests)
        values = []
        for request in requests:
            prefix = region_prefix(request.region)
            values.append(
                [
                    total(
                        [
                            row
                            for row in rows
                            if row[0].startswith(prefix) and _start(on) <= row[1] < _end(on)
                        ],
                        request.params,
                    )
                    for on in request.dates
                ]
            )
        return values

    return series


def _summed_hours(rows: list, params: dict[str, Any]) -> Decimal:
    seconds = sum(((end - start).total_seconds() for _region, start, end, _fee in rows), 0.0)
    return (Decimal(seconds) / 3600).quantize(HOURS, ROUND_HALF_UP)


def _summed_income(rows: list, params: dict[str, Any]) -> Decimal:
    return sum((fee for *_rest, fee in rows), Decimal(0)) / UNITS[params.get("unit", "万元")]


def _validate(params: dict[str, Any]) -> None:
    if params.get("unit", "万元") not in UNITS:
        raise ValidationError(f"单位无效：{params.get('unit')}，可选：{'、'.join(UNITS)}")


COLUMNS = (
    Column(gettext_lazy("仪器"), lambda u: u.shared.instrument.name),
    Column(gettext_lazy("所属单位"), lambda u: u.shared.instrument.owner.name),
    Column(gettext_lazy("服务对象"), lambda u: u.organization.name if u.organization else "—"),
    Column(gettext_lazy("开始"), lambda u: timezone.localtime(u.start).strftime("%Y-%m-%d %H:%M")),
    Column(gettext_lazy("机时"), lambda u: f"{u.hours:.1f}"),
    Column(gettext_lazy("服务费（元）"), lambda u: f"{u.fee_yuan:,.2f}"),
)

DEFINITIONS: dict[str, Definition] = {
    "instrument_external_service_hours": Definition(
        key="instrument_external_service_hours",
        label="共享仪器对外服务机时",
        records=records,
        series=_series(_summed_hours),
        describe=lambda params: gettext(
            "地区内单位的共享仪器为本单位以外用户服务的机时，自统计日所在年份1月1日起累计。"
        ),
        validate=_validate,
        columns=COLUMNS,
        value=_hours,
    ),
    "instrument_service_income": Definition(
        key="instrument_service_income",
        label="仪器共享服务收入",
        records=records,
        series=_series(_summed_income),
        describe=lambda params: (
            gettext("地区内共享仪器对外服务收取的服务费，自统计日所在年份1月1日起累计（%(unit)s）。")
            % {"unit": params.get("unit", "万元")}
        ),
        validate=_validate,
        columns=COLUMNS,
        value=_income,
    ),
}

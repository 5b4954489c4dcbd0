"""Planning indicators (口径) counted from registered technology contracts (kechuang.plugins).

- `registered_contract_turnover`: the 成交额 (or 技术交易额) of contracts registered in the region from
  1 January of the statistics date's year up to that date, in the indicator's unit;
- `registered_contract_turnover_growth`: the same sum against the same period of the year before (同比),
  in per cent.

A contract counts where its seller is (the seller registers where it is located), from its registration
date, while it stays registered (a cancelled one stops counting).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext, gettext_lazy

from planning.indicators import Column, Definition, SeriesRequest
from registry.adcodes import region_prefix
from registry.region_lookups import in_any_region, in_region
from transfer.models import Contract
from transfer.vocabulary import ContractType

UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
AMOUNTS = {"amount_yuan": gettext_lazy("成交额"), "technical_amount_yuan": gettext_lazy("技术交易额")}
CURRENT, PREVIOUS = "current", "previous"
PERIOD_LABELS = {CURRENT: gettext_lazy("本期"), PREVIOUS: gettext_lazy("上年同期")}
HUNDRED = Decimal(100)


def _same_day_a_year_before(on: dt.date) -> dt.date:
    try:
        return on.replace(year=on.year - 1)
    except ValueError:  # 29 February
        return on.replace(year=on.year - 1, day=28)


def _counted(region: str, params: dict[str, Any]) -> QuerySet[Contract]:
    contracts = Contract.objects.registered().filter(in_region(region, "seller_region"))
    if params.get("types"):
        contracts = contracts.filter(contract_type__in=params["types"])
    return contracts


def _ordered(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    return contracts.select_related("seller_region").order_by("registered", "registration_no", "id")


def turnover_records(region: str, params: dict[str, Any], on: dt.date) -> QuerySet[Contract]:
    return _ordered(
        _counted(region, params).filter(registered__gte=dt.date(on.year, 1, 1), registered__lte=on)
    )


def growth_records(region: str, params: dict[str, Any], on: dt.date) -> QuerySet[Contract]:
    """This year's contracts up to `on` and last year's up to the same day, each marked with its period."""
    before = _same_day_a_year_before(on)
    current = Q(registered__gte=dt.date(on.year, 1, 1), registered__lte=on)
    previous = Q(registered__gte=dt.date(before.year, 1, 1), registered__lte=before)
    marked = (
        _counted(region, params)
        .filter(current | previous)
        .annotate(
            period=Case(When(current, then=Value(CURRENT)), default=Value(PREVIOUS), output_field=CharField())
        )
    )
    return _ordered(marked)


def _amount_field(params: dict[str, Any]) -> str:
    return params.get("amount", "amount_yuan")


def _in_unit(total: Decimal, params: dict[str, Any]) -> Decimal:
    return total / UNITS[params.get("unit", "万元")]


def growth_percent(current: Decimal, previous: Decimal) -> Decimal:
    """Growth over the same period of last year in per cent; 0 when last year had nothing to grow from."""
    if not previous:
        return Decimal(0)
    return ((current - previous) / previous * HUNDRED).quantize(Decimal("0.01"))


def _turnover_value(params: dict[str, Any]) -> Any:
    def value(records: QuerySet[Contract]) -> Decimal:
        total = records.aggregate(total=Sum(_amount_field(params)))["total"] or Decimal(0)
        return _in_unit(total, params)

    return value


def _growth_value(params: dict[str, Any]) -> Any:
    def value(records: QuerySet[Contract]) -> Decimal:
        field = _amount_field(params)
        sums = records.aggregate(
            current=Sum(field, filter=Q(period=CURRENT)), previous=Sum(field, filter=Q(period=PREVIOUS))
        )
        return growth_percent(sums["current"] or Decimal(0), sums["previous"] or Decimal(0))

    return value


def _rows(requests: list[SeriesRequest]) -> list[tuple[str, str, dt.date, Decimal]]:
    """(seller region, type, registration date, amount) of every contract any request may count."""
    regions = {request.region for request in requests}
    earliest = min((day for request in requests for day in request.dates), default=dt.date.today())
    latest = max((day for request in requests for day in request.dates), default=dt.date.today())
    fields = sorted({_amount_field(request.params) for request in requests})
    rows = (
        Contract.objects.registered()
        .filter(in_any_region(regions, "seller_region"))
        .filter(registered__gte=dt.date(earliest.year - 1, 1, 1), registered__lte=latest)
        .values_list("seller_region_id", "contract_type", "registered", *fields)
    )
    return [(code, kind, day, dict(zip(fields, amounts, strict=True))) for code, kind, day, *amounts in rows]


def _summed(rows: list, request: SeriesRequest, start: dt.date, end: dt.date) -> Decimal:
    prefix = region_prefix(request.region)
    types = set(request.params.get("types") or ContractType.values)
    field = _amount_field(request.params)
    return sum(
        (
            amounts[field]
            for code, kind, day, amounts in rows
            if code.startswith(prefix) and kind in types and start <= day <= end
        ),
        Decimal(0),
    )


def turnover_series(requests: list[SeriesRequest]) -> list[list[Decimal]]:
    rows = _rows(requests)
    return [
        [_in_unit(_summed(rows, request, dt.date(on.year, 1, 1), on), request.params) for on in request.dates]
        for request in requests
    ]


def growth_series(requests: list[SeriesRequest]) -> list[list[Decimal]]:
    rows = _rows(requests)
    values = []
    for request in requests:
        counted = []
        for on in request.dates:
            before = _same_day_a_year_before(on)
            counted.append(
                growth_percent(
                    _summed(rows, request, dt.date(on.year, 1, 1), on),
                    _summed(rows, request, dt.date(before.year, 1, 1), before),
                )
            )
        values.append(counted)
    return values


def _scope(params: dict[str, Any]) -> str:
    types = params.get("types")
    named = "、".join(str(ContractType(code).label) for code in types) if types else gettext("各类")
    return gettext("地区内卖方登记的%(types)s技术合同%(amount)s") % {
        "types": named,
        "amount": AMOUNTS[_amount_field(params)],
    }


def _describe_turnover(params: dict[str, Any]) -> str:
    return gettext("%(scope)s，自统计日所在年份1月1日起至统计日累计（%(unit)s；撤销登记的不计）。") % {
        "scope": _scope(params),
        "unit": params.get("unit", "万元"),
    }


def _describe_growth(params: dict[str, Any]) -> str:
    return gettext("%(scope)s较上年同期增长的百分比（年初至统计日与上年同期相比；上年同期为零时记为0）。") % {
        "scope": _scope(params)
    }


def _validate(params: dict[str, Any]) -> None:
    if any(code not in ContractType.values for code in params.get("types") or []):
        raise ValidationError(f"合同类型无效：{params.get('types')}")
    if _amount_field(params) not in AMOUNTS:
        raise ValidationError(
            f"金额口径无效：{params.get('amount')}，可选 amount_yuan、technical_amount_yuan"
        )
    if params.get("unit", "万元") not in UNITS:
        raise ValidationError(f"单位无效：{params.get('unit')}，可选：{'、'.join(UNITS)}")


COLUMNS = (
    Column(gettext_lazy("登记号"), lambda c: c.registration_no, key="registration_no"),
    Column(gettext_lazy("项目名称"), lambda c: c.title),
    Column(gettext_lazy("合同类型"), lambda c: c.get_contract_type_display()),
    Column(gettext_lazy("卖方"), lambda c: c.seller_name),
    Column(gettext_lazy("卖方所在地区"), lambda c: c.seller_region.name),
    Column(gettext_lazy("买方"), lambda c: c.buyer_name),
    Column(gettext_lazy("登记日期"), lambda c: c.registered.isoformat(), key="registered"),
    Column(
        gettext_lazy("成交额（元）"),
        lambda c: f"{c.amount_yuan:,.2f}",
        key="amount",
        order_by=("amount_yuan",),
    ),
    Column(gettext_lazy("技术交易额（元）"), lambda c: f"{c.technical_amount_yuan:,.2f}"),
)


def _records_with_params(records: Any) -> Any:
    """A definition's `value` reads the indicator's parameters (its unit, which amount), but planning calls
    it with the records alone: the parameters travel on the queryset that `records` returned."""

    def build(region: str, params: dict[str, Any], on: dt.date) -> QuerySet[Contract]:
        queryset = records(region, params, on)
        queryset.indicator_params = params
        return queryset

    return build


def _value_from(make: Any) -> Any:
    return lambda queryset: make(getattr(queryset, "indicator_params", {}))(queryset)


DEFINITIONS: dict[str, Definition] = {
    "registered_contract_turnover": Definition(
        key="registered_contract_turnover",
        label="技术合同登记成交额",
        records=_records_with_params(turnover_records),
        series=turnover_series,
        describe=_describe_turnover,
        validate=_validate,
        columns=COLUMNS,
        value=_value_from(_turnover_value),
    ),
    "registered_contract_turnover_growth": Definition(
        key="registered_contract_turnover_growth",
        label="技术合同登记成交额增长率",
        records=_records_with_params(growth_records),
        series=growth_series,
        describe=_describe_growth,
        validate=_validate,
        columns=(Column(gettext_lazy("统计期"), lambda c: PERIOD_LABELS[c.period]), *COLUMNS),
        value=_value_from(_growth_value),
    ),
}

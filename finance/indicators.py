"""Planning indicators (口径) counted from loans (kechuang.plugins):

- `science_finance_loans`: the amount of science-finance loans (科技成果转化贷款, 人才贷, 知识产权质押,
  科技支行贷款, or the `products` named) issued to borrowers in the region from 1 January of the
  statistics date's year up to that date, in the indicator's unit; with `qualification`, only to
  borrowers holding it on the day of issue (e.g. `tech_sme`). Binzhou's 促成中小企业科技金融贷款突破1亿元
  counts this way.

A loan counts where its borrower is, on the day it was issued, whatever happened to it later.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext, gettext_lazy

from finance.models import Loan
from finance.vocabulary import LoanProduct
from planning.indicators import Column, Definition, SeriesRequest
from registry.adcodes import region_prefix
from registry.models import Qualification
from registry.region_lookups import in_any_region, in_region
from registry.vocabulary import QualificationType

UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
REGION = "borrower__region_id"


def holding(qualification: str) -> Exists:
    return Exists(
        Qualification.objects.filter(
            organization_id=OuterRef("borrower_id"), type=qualification, granted__lte=OuterRef("issued")
        ).filter(Q(expires__isnull=True) | Q(expires__gte=OuterRef("issued")))
    )


def _loans(params: dict[str, Any]) -> QuerySet[Loan]:
    loans = Loan.objects.all()
    if params.get("products"):
        loans = loans.filter(product__in=params["products"])
    if params.get("qualification"):
        loans = loans.filter(holding(params["qualification"]))
    return loans


def records(region: str, params: dict[str, Any], on: dt.date) -> QuerySet[Loan]:
    found = (
        _loans(params)
        .filter(in_region(region, REGION), issued__gte=dt.date(on.year, 1, 1), issued__lte=on)
        .select_related("borrower", "lender")
        .order_by("issued", "id")
    )
    found.indicator_params = params
    return found


def _value(queryset: QuerySet[Loan]) -> Decimal:
    params = getattr(queryset, "indicator_params", {})
    total = queryset.aggregate(total=Sum("amount_yuan"))["total"] or Decimal(0)
    return total / UNITS[params.get("unit", "万元")]


def series(requests: list[SeriesRequest]) -> list[list[Decimal]]:
    values = []
    for request in requests:
        earliest = dt.date(min(request.dates).year, 1, 1) if request.dates else dt.date.today()
        latest = max(request.dates, default=dt.date.today())
        rows = list(
            _loans(request.params)
            .filter(in_any_region({request.region}, REGION), issued__gte=earliest, issued__lte=latest)
            .values_list("borrower__region_id", "issued", "amount_yuan")
        )
        prefix, unit = region_prefix(request.region), UNITS[request.params.get("unit", "万元")]
        values.append(
            [
                sum(
                    (
                        a
                        for code, day, a in rows
                        if code.startswith(prefix) and dt.date(on.year, 1, 1) <= day <= on
                    ),
                    Decimal(0),
                )
                / unit
                for on in request.dates
            ]
        )
    return values


def describe(params: dict[str, Any]) -> str:
    products = params.get("products")
    named = (
        "、".join(str(LoanProduct(code).label) for code in products) if products else gettext("各类科技金融")
    )
    whom = (
        gettext("当日持有%(q)s资质的") % {"q": QualificationType(params["qualification"]).label}
        if params.get("qualification")
        else ""
    )
    return gettext(
        "地区内%(whom)s企业获得的%(products)s贷款金额，自统计日所在年份1月1日起至统计日按放款日累计（%(unit)s）。"
    ) % {
        "whom": whom,
        "products": named,
        "unit": params.get("unit", "万元"),
    }


def validate(params: dict[str, Any]) -> None:
    if any(code not in LoanProduct.values for code in params.get("products") or []):
        raise ValidationError(f"贷款品种无效：{params.get('products')}")
    if params.get("qualification") and params["qualification"] not in QualificationType.values:
        raise ValidationError(f"资质类型无效：{params['qualification']}")
    if params.get("unit", "万元") not in UNITS:
        raise ValidationError(f"单位无效：{params.get('unit')}，可选：{'、'.join(UNITS)}")


DEFINITIONS: dict[str, Definition] = {
    "science_finance_loans": Definition(
        key="science_finance_loans",
        label="科技金融贷款金额",
        records=records,
        series=series,
        describe=describe,
        validate=validate,
        columns=(
            Column(gettext_lazy("借款合同编号"), lambda loan: loan.contract_no, key="contract_no"),
            Column(gettext_lazy("贷款品种"), lambda loan: loan.get_product_display()),
            Column(gettext_lazy("借款企业"), lambda loan: loan.borrower.name),
            Column(gettext_lazy("贷款银行"), lambda loan: loan.lender.name),
            Column(gettext_lazy("放款日"), lambda loan: loan.issued.isoformat(), key="issued"),
            Column(
                gettext_lazy("贷款金额（元）"),
                lambda loan: f"{loan.amount_yuan:,.2f}",
                key="amount",
                order_by=("amount_yuan",),
            ),
        ),
        value=_value,
    )
}

"""Statistics of registered technology contracts (技术合同登记统计): counts, 成交额 and 技术交易额 by the
seller's region (city), contract type, technical field, the seller's or buyer's kind, and year, each
cell with the records it is made of (drill-down), so that a number on a page and the list behind it
cannot disagree.

A contract counts in the year of its registration date, where its seller is (the seller registers where
it is located), while it stays registered; a cancelled registration drops out of every cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear, Substr
from django.utils.translation import gettext_lazy as _

from registry.models import Region
from registry.region_lookups import in_region
from registry.vocabulary import OrganizationKind
from transfer.models import Contract
from transfer.vocabulary import ContractType

ZERO = Decimal(0)


@dataclass(frozen=True)
class Dimension:
    """One way to group contracts: the grouped expression, the filter of one cell, and its label."""

    code: str
    label: Any
    expression: Callable[[], Any]
    cell: Callable[[str], Q]
    name: Callable[[str], str]


def _region_name(code: str) -> str:
    region = Region.objects.filter(code=code).only("name").first()
    return region.name if region else code


def _city(code: str) -> Q:
    return in_region(f"{code[:4]}00", "seller_region")


DIMENSIONS: dict[str, Dimension] = {
    "region": Dimension(
        "region",
        _("卖方所在市"),
        lambda: Substr("seller_region_id", 1, 4),
        _city,
        lambda code: _region_name(f"{code[:4]}00"),
    ),
    "type": Dimension(
        "type",
        _("合同类型"),
        lambda: F("contract_type"),
        lambda code: Q(contract_type=code),
        lambda code: str(ContractType(code).label) if code in ContractType.values else code,
    ),
    "field": Dimension(
        "field",
        _("技术领域"),
        lambda: F("field"),
        lambda code: Q(field=code),
        lambda code: code or str(_("未填写")),
    ),
    "seller_kind": Dimension(
        "seller_kind",
        _("卖方类型"),
        lambda: F("seller_kind"),
        lambda code: Q(seller_kind=code),
        lambda code: str(OrganizationKind(code).label) if code in OrganizationKind.values else code,
    ),
    "buyer_kind": Dimension(
        "buyer_kind",
        _("买方类型"),
        lambda: F("buyer_kind"),
        lambda code: Q(buyer_kind=code),
        lambda code: str(OrganizationKind(code).label) if code in OrganizationKind.values else code,
    ),
    "year": Dimension(
        "year",
        _("登记年度"),
        lambda: ExtractYear("registered"),
        lambda code: Q(registered__year=int(code)),
        str,
    ),
}


@dataclass(frozen=True)
class Cell:
    code: str
    name: str
    contracts: int
    amount_yuan: Decimal
    technical_amount_yuan: Decimal


@dataclass(frozen=True)
class Breakdown:
    dimension: Dimension
    cells: list[Cell]
    contracts: int
    amount_yuan: Decimal
    technical_amount_yuan: Decimal


def counted(
    region: str = "", year: int | None = None, base: QuerySet[Contract] | None = None
) -> QuerySet[Contract]:
    """Registered contracts whose seller is in `region` (and inside it), registered in `year` if given."""
    contracts = (base if base is not None else Contract.objects.all()).registered()
    if region:
        contracts = contracts.filter(in_region(region, "seller_region"))
    if year:
        contracts = contracts.filter(
            registered__gte=dt.date(year, 1, 1), registered__lte=dt.date(year, 12, 31)
        )
    return contracts


def breakdown(contracts: QuerySet[Contract], by: str) -> Breakdown:
    """Counts and sums of `contracts` grouped by the dimension `by` (largest 成交额 first)."""
    dimension = DIMENSIONS[by]
    rows = (
        contracts.order_by()
        .annotate(group=dimension.expression())
        .values("group")
        .annotate(n=Count("id"), amount=Sum("amount_yuan"), technical=Sum("technical_amount_yuan"))
    )
    cells = [
        Cell(
            code=str(row["group"]),
            name=dimension.name(str(row["group"])),
            contracts=row["n"],
            amount_yuan=row["amount"] or ZERO,
            technical_amount_yuan=row["technical"] or ZERO,
        )
        for row in rows
    ]
    cells.sort(key=lambda cell: (-cell.amount_yuan, cell.code))
    return Breakdown(
        dimension=dimension,
        cells=cells,
        contracts=sum(cell.contracts for cell in cells),
        amount_yuan=sum((cell.amount_yuan for cell in cells), ZERO),
        technical_amount_yuan=sum((cell.technical_amount_yuan for cell in cells), ZERO),
    )


def cell_records(contracts: QuerySet[Contract], by: str, code: str) -> QuerySet[Contract]:
    """The contracts one cell of `breakdown(contracts, by)` counts (its drill-down)."""
    if by not in DIMENSIONS:
        raise KeyError(by)
    return contracts.filter(DIMENSIONS[by].cell(code)).order_by("registered", "registration_no", "id")

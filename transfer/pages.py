"""What the contract pages show, as plain data: the list's filters applied, a contract's legal clock in
working days, the statistics page (every dimension's breakdown and its chart) and one cell's records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from registry.models import Region
from registry.region_lookups import in_region
from transfer import clock, statistics
from transfer.models import Broker, Contract, TransferAgency
from transfer.registration import IN_PROGRESS, is_overdue
from transfer.vocabulary import ContractStatus

# The statistics page shows these breakdowns; each cell links to the contracts it counts.
SHOWN = ("year", "region", "type", "field", "seller_kind", "buyer_kind")


def filtered(contracts: QuerySet[Contract], chosen: dict[str, Any]) -> QuerySet[Contract]:
    """The contract list's filters: region (the seller's, and inside it), type, status, year, search."""
    if chosen.get("region"):
        contracts = contracts.filter(in_region(chosen["region"], "seller_region"))
    if chosen.get("contract_type"):
        contracts = contracts.filter(contract_type=chosen["contract_type"])
    if chosen.get("status"):
        contracts = contracts.filter(status=chosen["status"])
    if chosen.get("year"):
        year = chosen["year"]
        # The year it counts in once registered; before that, the year it was signed.
        contracts = contracts.filter(Q(registered__year=year) | Q(registered__isnull=True, signed__year=year))
    text = (chosen.get("q") or "").strip()
    if text:
        contracts = contracts.filter(
            Q(title__icontains=text)
            | Q(registration_no__icontains=text)
            | Q(seller_name__icontains=text)
            | Q(buyer_name__icontains=text)
        )
    return contracts.order_by("-registered", "-id")


@dataclass(frozen=True)
class Clock:
    """A contract's legal clock as its page states it."""

    running: bool
    started_on: dt.date | None
    due: dt.date | None
    limit_days: int | None
    elapsed_days: int | None
    left_days: int | None
    overdue: bool
    stopped_for_material: bool
    expert_review: bool
    calendar_known: bool


def clock_of(contract: Contract, today: dt.date) -> Clock:
    limits = clock.limits_on(contract.clock_started_on or today)
    review = contract.needs_expert_review
    running = contract.status in IN_PROGRESS and contract.decision_due is not None
    started = contract.clock_started_on
    end = min(today, contract.decision_due) if running and contract.decision_due else None
    return Clock(
        running=running,
        started_on=started,
        due=contract.decision_due,
        limit_days=limits.review_days if review else limits.decision_days,
        elapsed_days=clock.working_days_between(started, end) if running and started and end else None,
        left_days=clock.working_days_between(today, contract.decision_due) if running else None,
        overdue=is_overdue(contract, today),
        stopped_for_material=contract.status == ContractStatus.AWAITING_MATERIAL,
        expert_review=review,
        calendar_known=clock.calendar_known(contract.decision_due or today),
    )


def _cities() -> QuerySet[Region]:
    return Region.objects.filter(level="city", code__in=_seller_cities()).order_by("code")


def _seller_cities() -> list[str]:
    prefixes = {code[:4] for code in Contract.objects.registered().values_list("seller_region_id", flat=True)}
    return [f"{prefix}00" for prefix in sorted(prefixes)]


def _year(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100 else None


def _region(raw: str | None) -> str:
    return raw if raw and raw.isascii() and raw.isdigit() and len(raw) == 6 else ""


def _scope_query(region: str, year: int | None) -> dict[str, Any]:
    return {name: value for name, value in (("region", region), ("year", year)) if value}


def _chart(table: statistics.Breakdown) -> dict[str, Any]:
    cells = table.cells[:12]
    return {
        "names": [cell.name for cell in cells],
        "amounts": [float(cell.amount_yuan / 10_000) for cell in cells],
        "technical": [float(cell.technical_amount_yuan / 10_000) for cell in cells],
    }


def statistics_page(query: Any) -> dict[str, Any]:
    region, year = _region(query.get("region")), _year(query.get("year"))
    counted = statistics.counted(region, year)
    tables = []
    for by in SHOWN:
        table = statistics.breakdown(counted, by)
        base = {"by": by, **_scope_query(region, year)}
        rows = [
            {"cell": cell, "url": f"{reverse('transfer:cell')}?{urlencode({**base, 'code': cell.code})}"}
            for cell in table.cells
        ]
        tables.append(
            {
                "table": table,
                "rows": rows,
                "chart": _chart(table),
                "id": f"chart-{by}",
                "data_id": f"chart-{by}-data",
            }
        )
    total = tables[0]["table"]
    return {
        "region": region,
        "year": year,
        "cities": _cities(),
        "years": sorted(
            {day.year for day in Contract.objects.registered().dates("registered", "year")}, reverse=True
        ),
        "tables": tables,
        "total": total,
    }


def cell_page(query: Any) -> dict[str, Any]:
    """One cell's contracts: exactly those the cell counts (statistics.cell_records)."""
    region, year = _region(query.get("region")), _year(query.get("year"))
    by = query.get("by", "")
    code = str(query.get("code", ""))[:100]
    if by not in statistics.DIMENSIONS or (
        by == "year" and not (code.isascii() and code.isdigit() and len(code) == 4)
    ):
        # Not a cell of the statistics page (its rows link to their cells); there is nothing to list.
        raise Http404
    counted = statistics.counted(region, year)
    records = statistics.cell_records(counted, by, code)
    sums = records.aggregate(amount=Sum("amount_yuan"), technical=Sum("technical_amount_yuan"))
    dimension = statistics.DIMENSIONS[by]
    scope = [_("%(dimension)s：%(name)s") % {"dimension": dimension.label, "name": dimension.name(code)}]
    if region:
        scope.append(Region.objects.filter(code=region).values_list("name", flat=True).first() or "")
    if year:
        scope.append(_("%(year)s 年") % {"year": year})
    return {
        "records": records.select_related("seller_region"),
        "scope": "，".join(part for part in scope if part),
        "count": records.count(),
        "amount_yuan": sums["amount"] or Decimal(0),
        "technical_amount_yuan": sums["technical"] or Decimal(0),
        "back": f"{reverse('transfer:statistics')}?{urlencode(_scope_query(region, year))}",
    }


@dataclass(frozen=True)
class BrokerRow:
    broker: Broker
    contracts: int
    amount_yuan: Decimal


def brokers_of(agency: TransferAgency, helped: QuerySet[Contract]) -> list[BrokerRow]:
    """Each broker of the agency with the registered contracts it helped (of those the reader may see)."""
    sums = {
        row["broker_id"]: row
        for row in helped.order_by().values("broker_id").annotate(n=Count("id"), amount=Sum("amount_yuan"))
    }
    return [
        BrokerRow(
            broker,
            sums.get(broker.pk, {}).get("n", 0),
            sums.get(broker.pk, {}).get("amount") or Decimal(0),
        )
        for broker in agency.brokers.all()
    ]

"""Entity snapshots (DESIGN.md contract 3) built from registry records, so the rules that the command
line runs on JSON files run on real organizations too.

What is read: the organization itself (uscc, kind, region, 规模以上), its qualifications (and a
`qualification_granted` event for each one granted in the year), its yearly data for the year and the
year before, and the approvals (PlatformEvent stage `approved`) of platforms it hosts (role `lead`) or
partners in (role `participant`). Technology contracts and innovation vouchers have no app yet, so
rules triggered by them cannot fire from the registry; pages say so with `PENDING_SOURCES`.

`snapshots_for` builds snapshots for any number of organizations with a fixed number of queries
(one per related table), whatever the count; `snapshot_for` is the same for one organization.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from registry.models import AnnualData, Organization, Platform, PlatformEvent, Qualification
from registry.vocabulary import PlatformStage

ANNUAL_FIELDS = ("revenue", "rd_expense", "employees", "rd_staff", "high_tech_revenue", "invention_patents")
PENDING_SOURCES = _("技术合同、创新券数据接入后自动计算")


def snapshot_for(organization: Organization, year: int) -> dict[str, Any]:
    """The contract-3 snapshot of one organization for `year`."""
    ((_organization, snapshot),) = snapshots_for(Organization.objects.filter(pk=organization.pk), year)
    return snapshot


def snapshots_for(
    organizations: QuerySet[Organization], year: int
) -> Iterator[tuple[Organization, dict[str, Any]]]:
    """(organization, snapshot) in the queryset's order; related rows come in one query per table."""
    approvals = PlatformEvent.objects.filter(stage=PlatformStage.APPROVED, date__year=year)
    platforms = Platform.objects.only("id", "host_id", "platform_type", "level").prefetch_related(
        Prefetch("events", queryset=approvals, to_attr="approvals")
    )
    two_years = AnnualData.objects.filter(year__in=(year - 1, year))
    prefetched = organizations.select_related(None).prefetch_related(
        Prefetch("qualifications", queryset=Qualification.objects.order_by("granted", "id"), to_attr="quals"),
        Prefetch("annual_data", queryset=two_years, to_attr="years"),
        Prefetch("hosted_platforms", queryset=platforms, to_attr="hosted"),
        Prefetch("partner_platforms", queryset=platforms, to_attr="partnered"),
    )
    for organization in prefetched:
        yield organization, _snapshot(organization, year)


def _snapshot(organization: Organization, year: int) -> dict[str, Any]:
    events: list[tuple[dt.date, int, dict[str, Any]]] = []
    for role, platforms in (("lead", organization.hosted), ("participant", organization.partnered)):
        for platform in platforms:
            for approval in platform.approvals:
                if not (approval.level or platform.level):
                    continue  # an approval must say at which level; rules cannot judge one that does not
                events.append((approval.date, approval.pk, {
                    "type": "platform_approved", "date": approval.date.isoformat(),
                    "platform_type": platform.platform_type, "level": approval.level or platform.level,
                    "role": role,
                }))
    for qualification in organization.quals:
        if qualification.granted.year == year:
            events.append((qualification.granted, 0, {
                "type": "qualification_granted", "date": qualification.granted.isoformat(),
                "qualification": qualification.type,
            }))
    events.sort(key=lambda entry: (entry[0], entry[1]))
    return {
        "name": organization.name,
        "uscc": organization.uscc,
        "kind": organization.kind,
        "region": organization.region_id,
        "above_designated_size": organization.above_designated_size,
        "qualifications": [
            {"type": q.type, "granted": q.granted.isoformat(),
             "expires": q.expires.isoformat() if q.expires else None}
            for q in organization.quals
        ],
        "annual": {str(row.year): _annual(row) for row in organization.years},
        "events": [event for _date, _pk, event in events],
    }


def _annual(row: AnnualData) -> dict[str, Any]:
    values = {}
    for name in ANNUAL_FIELDS:
        value = getattr(row, name)
        if value is not None:
            values[name] = _whole(value)
    return values


def _whole(value: Decimal | int) -> Decimal | int:
    """Whole yuan as int, so snapshots print like the JSON files people write; fen stay Decimal."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value

"""The registry's facts for benefit snapshots (kechuang.plugins): qualifications, yearly data, and
the approvals of platforms an organization hosts (role `lead`) or partners in (role `participant`).

One query per related table, whatever the number of organizations."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch

from kechuang.plugins import Facts, whole_yuan
from registry.models import AnnualData, Organization, Platform, PlatformEvent, Qualification

ANNUAL_FIELDS = ("revenue", "rd_expense", "employees", "rd_staff", "high_tech_revenue", "invention_patents")


def collect(organization_ids: Sequence[int], year: int, years: Sequence[int]) -> dict[int, Facts]:
    approvals = PlatformEvent.objects.approvals().filter(date__year=year).order_by("date", "pk")
    platforms = Platform.objects.only("id", "host_id", "platform_type", "level").prefetch_related(
        Prefetch("events", queryset=approvals, to_attr="approvals")
    )
    organizations = (
        Organization.objects.filter(pk__in=organization_ids)
        .only("id")
        .prefetch_related(
            Prefetch(
                "qualifications", queryset=Qualification.objects.order_by("granted", "id"), to_attr="quals"
            ),
            Prefetch("annual_data", queryset=AnnualData.objects.filter(year__in=years), to_attr="years"),
            Prefetch("hosted_platforms", queryset=platforms, to_attr="hosted"),
            Prefetch("partner_platforms", queryset=platforms, to_attr="partnered"),
        )
    )
    return {organization.pk: _facts(organization) for organization in organizations}


def _facts(organization: Organization) -> Facts:
    facts = Facts()
    for role, platforms in (("lead", organization.hosted), ("participant", organization.partnered)):
        for platform in platforms:
            for approval in platform.approvals:
                if not (approval.level or platform.level):
                    continue  # an approval must say at which level; rules cannot judge one that does not
                facts.events.append(
                    {
                        "type": "platform_approved",
                        "date": approval.date.isoformat(),
                        "platform_type": platform.platform_type,
                        "level": approval.level or platform.level,
                        "role": role,
                    }
                )
    facts.qualifications = [
        {
            "type": q.type,
            "granted": q.granted.isoformat(),
            "expires": q.expires.isoformat() if q.expires else None,
        }
        for q in organization.quals
    ]
    for row in organization.years:
        values = {
            name: whole_yuan(getattr(row, name)) for name in ANNUAL_FIELDS if getattr(row, name) is not None
        }
        facts.annual[row.year] = values
    return facts

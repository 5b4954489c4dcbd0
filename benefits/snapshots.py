"""Entity snapshots (contract 3) assembled from every installed app's `facts.py` (kechuang.plugins), so
the rules that the command line runs on JSON files run on real organizations too.

The organization itself gives name, uscc, kind, region and 规模以上; each app adds the qualifications,
yearly data and events it holds. Yearly data is loaded for every year a rule of the rulebook reads
(`Rulebook.years_read`: annual('revenue', -3) needs Y−3). A qualification granted inside the year is
also that year's `qualification_granted` event, whichever app holds it, so it counts once whichever
form a rule reads.

`snapshots_for` builds snapshots for any number of organizations with a fixed number of queries per
app, whatever the count; `snapshot_for` is the same for one organization.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from benefits.calculator import Rulebook, load_rulebook
from kechuang.plugins import Facts, collect_facts
from registry.models import Organization

PENDING_SOURCES = _("技术合同、创新券数据接入后自动计算")
CHUNK = 2000


@lru_cache(maxsize=1)
def shipped_rulebook() -> Rulebook:
    """The rule files as shipped (what the command line evaluates), compiled once per process."""
    return load_rulebook()


def snapshot_for(organization: Organization, year: int, rulebook: Rulebook | None = None) -> dict[str, Any]:
    """The contract-3 snapshot of one organization for `year`, with every year `rulebook` (by default
    the shipped rules) reads."""
    one = Organization.objects.filter(pk=organization.pk)
    ((_organization, snapshot),) = snapshots_for(one, year, rulebook)
    return snapshot


def snapshot_of_uscc(uscc: str, year: int, rulebook: Rulebook | None = None) -> dict[str, Any]:
    """The snapshot of the organization with this USCC (contract 3, database form); LookupError with a
    Chinese message when there is none."""
    organization = Organization.objects.filter(uscc=uscc.strip().upper()).first()
    if organization is None:
        raise LookupError(f"找不到统一社会信用代码为 {uscc} 的机构")
    return snapshot_for(organization, year, rulebook)


def snapshots_for(
    organizations: QuerySet[Organization], year: int, rulebook: Rulebook | None = None
) -> Iterator[tuple[Organization, dict[str, Any]]]:
    """(organization, snapshot) in the queryset's order, facts fetched a chunk of organizations at a time;
    yearly data for every year `rulebook` (by default the shipped rules) reads."""
    years = list((rulebook or shipped_rulebook()).years_read(year))
    chunk: list[Organization] = []
    for organization in organizations.select_related(None).iterator(chunk_size=CHUNK):
        chunk.append(organization)
        if len(chunk) == CHUNK:
            yield from _assembled(chunk, year, years)
            chunk = []
    if chunk:
        yield from _assembled(chunk, year, years)


def _assembled(
    organizations: list[Organization], year: int, years: list[int]
) -> Iterator[tuple[Organization, dict[str, Any]]]:
    facts = collect_facts([organization.pk for organization in organizations], year, years)
    for organization in organizations:
        yield organization, _snapshot(organization, facts[organization.pk], year)


def _snapshot(organization: Organization, facts: Facts, year: int) -> dict[str, Any]:
    events = [event for event in facts.events if event["date"].startswith(str(year))]
    for qualification in facts.qualifications:
        granted_in_year = qualification["granted"].startswith(str(year))
        already_an_event = any(
            event["type"] == "qualification_granted" and event.get("qualification") == qualification["type"]
            for event in events
        )
        if granted_in_year and not already_an_event:
            events.append(
                {
                    "type": "qualification_granted",
                    "date": qualification["granted"],
                    "qualification": qualification["type"],
                }
            )
    events.sort(key=lambda event: event["date"])
    return {
        "name": organization.name,
        "uscc": organization.uscc,
        "kind": organization.kind,
        "region": organization.region_id,
        "above_designated_size": organization.above_designated_size,
        "qualifications": sorted(facts.qualifications, key=lambda q: q["granted"]),
        "annual": {str(y): facts.annual[y] for y in sorted(facts.annual)},
        "events": events,
    }

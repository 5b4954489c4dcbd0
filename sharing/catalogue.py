"""The public catalogue of shareable instruments: search, filters and the busy slots of one instrument."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from registry.models import Region
from registry.region_lookups import in_region
from sharing.models import Booking, MaintenanceWindow, Rate, SharedInstrument
from sharing.vocabulary import ACTIVE_BOOKING_STATES


@dataclass(frozen=True)
class Filters:
    q: str = ""
    region: str = ""
    category: str = ""
    origin: str = ""
    user_kind: str = ""  # only instruments with a rate for this kind of user


def listed(filters: Filters) -> QuerySet[SharedInstrument]:
    instruments = SharedInstrument.objects.listed().select_related("instrument__owner__region")
    if filters.q.strip():
        text = filters.q.strip()
        instruments = instruments.filter(
            Q(instrument__name__icontains=text)
            | Q(instrument__category__icontains=text)
            | Q(instrument__owner__name__icontains=text)
            | Q(instrument__model_number__icontains=text)
            | Q(description__icontains=text)
            | Q(classification_code__startswith=text)
        )
    if filters.region:
        instruments = instruments.filter(in_region(filters.region, "instrument__owner__region"))
    if filters.category:
        instruments = instruments.filter(instrument__category=filters.category)
    if filters.origin:
        instruments = instruments.filter(origin=filters.origin)
    if filters.user_kind:
        instruments = instruments.filter(rates__user_kind=filters.user_kind)
    return instruments.prefetch_related(Prefetch("rates", queryset=Rate.objects.order_by("user_kind")))


def categories() -> list[str]:
    return list(
        SharedInstrument.objects.listed()
        .order_by("instrument__category")
        .values_list("instrument__category", flat=True)
        .distinct()
    )


def cities() -> list[tuple[str, str]]:
    """The cities that have listed instruments, for the region filter."""
    listed = SharedInstrument.objects.listed()
    codes = {code[:4] + "00" for code in listed.values_list("instrument__owner__region_id", flat=True)}
    return [(region.code, region.name) for region in Region.objects.filter(code__in=codes).order_by("code")]


def by_region(instruments: QuerySet[SharedInstrument]) -> list[tuple[Region, list[SharedInstrument]]]:
    """The instruments grouped by the owner's city (the county's city for counties), in adcode order."""
    groups: dict[str, list[SharedInstrument]] = {}
    for shared in instruments:
        city = shared.instrument.owner.region_id[:4] + "00"
        groups.setdefault(city, []).append(shared)
    regions = Region.objects.in_bulk(list(groups))
    return [(regions[code], groups[code]) for code in sorted(groups) if code in regions]


def busy(shared: SharedInstrument, start: dt.datetime, end: dt.datetime) -> list[dict[str, object]]:
    """Booked and maintenance slots between start and end, without who booked them (public)."""
    slots: list[dict[str, object]] = [
        {"start": b.start, "end": b.end, "kind": "booking", "status": b.status, "id": b.pk}
        for b in Booking.objects.filter(
            shared=shared, status__in=ACTIVE_BOOKING_STATES, start__lt=end, end__gt=start
        )
    ]
    slots += [
        {"start": w.start, "end": w.end, "kind": "maintenance", "status": "maintenance", "id": w.pk}
        for w in MaintenanceWindow.objects.filter(shared=shared, start__lt=end, end__gt=start)
    ]
    return sorted(slots, key=lambda slot: slot["start"])

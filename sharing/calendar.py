"""Day and week calendars of one instrument: its opening hours in rows, its busy slots placed in them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from sharing import catalogue
from sharing.models import SharedInstrument


@dataclass
class Day:
    date: dt.date
    is_open: bool
    slots: list[dict[str, object]] = field(default_factory=list)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def days(shared: SharedInstrument, first: dt.date, count: int) -> list[Day]:
    """`count` days from `first`, each with the instrument's busy slots (local times)."""
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = start + dt.timedelta(days=count)
    busy = catalogue.busy(shared, start, end)
    open_days = {int(d) for d in shared.open_weekdays if d.isdigit()}
    out = []
    for offset in range(count):
        date = first + dt.timedelta(days=offset)
        slots = [
            {**slot, "start": timezone.localtime(slot["start"]), "end": timezone.localtime(slot["end"])}
            for slot in busy
            if timezone.localtime(slot["start"]).date() <= date <= timezone.localtime(slot["end"]).date()
        ]
        out.append(Day(date, date.isoweekday() in open_days, slots))
    return out

"""The legal clock of registration, in working days of the official holiday calendar.

Working days come from `chinese_calendar` (a maintained package that follows the State Council's yearly
holiday notice, make-up working weekends included), never typed by hand. For a year whose notice the
installed package does not yet know, Monday to Friday are working days and `calendar_known` says so,
so that a page can warn that the date may move once the notice is out.

Time limits run from the day after the clock starts (the day of acceptance does not count), and a
request for more material restarts the clock from the day the material is complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import chinese_calendar

# Above this many days a deadline is a mistake in the data rather than a real limit.
LONGEST_LIMIT = 365


@dataclass(frozen=True)
class TimeLimits:
    """The registration time limits of one version of the rules, in force from `since`."""

    since: dt.date
    decision_days: int
    review_days: int
    review_threshold_yuan: Decimal
    source: str


# The 2026 rules (技术合同认定登记管理办法, renewed 2026-01-23, with its annexed 认定登记规则). Earlier
# versions are not encoded: a contract submitted before then is timed by the first set listed.
LIMITS = (
    TimeLimits(
        since=dt.date(2026, 1, 23),
        decision_days=15,
        review_days=30,
        review_threshold_yuan=Decimal("5000000"),
        source="《技术合同认定登记管理办法》（2026年1月23日）及附件《技术合同认定登记规则》",
    ),
)


def limits_on(day: dt.date) -> TimeLimits:
    in_force = [limits for limits in LIMITS if limits.since <= day]
    return in_force[-1] if in_force else LIMITS[0]


def calendar_known(day: dt.date) -> bool:
    """Whether the installed holiday calendar covers the year of `day`."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def is_working_day(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (the start day itself is not counted)."""
    if not 0 < days <= LONGEST_LIMIT:
        raise ValueError(f"期限天数应在1到{LONGEST_LIMIT}之间：{days}")
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
    if end < start:
        return -working_days_between(end, start)
    return sum(
        1 for offset in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(offset))
    )


def needs_expert_review(amount_yuan: Decimal, disputed: bool, on: dt.date | None = None) -> bool:
    """Contracts of the threshold (500万) or more, and disputed ones, go to expert review."""
    limits = limits_on(on or dt.date.today())
    return disputed or amount_yuan >= limits.review_threshold_yuan


def decision_due(clock_started_on: dt.date, amount_yuan: Decimal, disputed: bool) -> dt.date:
    """The last day for the office's decision: 15 working days, or 30 with expert review."""
    limits = limits_on(clock_started_on)
    review = needs_expert_review(amount_yuan, disputed, clock_started_on)
    return add_working_days(clock_started_on, limits.review_days if review else limits.decision_days)

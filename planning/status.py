"""Where an indicator stands against its path, and where a task stands against its deadline.

Plain functions over plain values, so that the arithmetic is tested without a database.

An indicator's planned path runs from its baseline through each cumulative target: straight lines between
them, or compound growth at the document's stated average rate when the indicator says so. The latest
actual is compared with the planned value at the same point of time:

- `met`: the latest actual already satisfies the final target;
- `on_track`: it satisfies the planned value for its date;
- `at_risk`: it falls short, but has made at least `AT_RISK_SHARE` of the planned progress, or the trend
  of the actuals reaches the final target in time;
- `off_track`: anything worse, or the final year has passed unmet;
- `no_data`: no actual or no target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
MET = "met"
NO_DATA = "no_data"
INDICATOR_STATUSES = (ON_TRACK, AT_RISK, OFF_TRACK, MET, NO_DATA)

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
OVERDUE = "overdue"
TASK_STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, OVERDUE)

# Share of the planned progress below which a shortfall is no longer a risk but off track.
AT_RISK_SHARE = 0.8
# A task is at risk when its deadline is this close and it is not done.
TASK_WARNING_DAYS = 30


@dataclass(frozen=True)
class Point:
    """A value at a year; `as_of` marks a value taken during the year rather than at its end."""

    year: int
    value: Decimal
    as_of: dt.date | None = None

    @property
    def position(self) -> float:
        """The point on a continuous time axis: the end of `year` is `year`, mid-year is `year - 0.5`."""
        if self.as_of is None or self.as_of >= dt.date(self.year, 12, 31):
            return float(self.year)
        start = dt.date(self.year, 1, 1)
        days_in_year = (dt.date(self.year + 1, 1, 1) - start).days
        return self.year - 1 + ((self.as_of - start).days + 1) / days_in_year


@dataclass(frozen=True)
class TargetPoint:
    year: int
    value: Decimal
    comparator: str = ">="
    cumulative: bool = True


@dataclass(frozen=True)
class IndicatorStatus:
    status: str
    latest: Point | None = None
    planned: Decimal | None = None
    forecast: Decimal | None = None
    # Share of the way from the baseline to the final target, 0–1, for progress bars.
    progress: float | None = None


def satisfies(value: Decimal, comparator: str, target: Decimal) -> bool:
    if comparator == ">=":
        return value >= target
    if comparator == ">":
        return value > target
    if comparator == "<=":
        return value <= target
    if comparator == "<":
        return value < target
    if comparator == "=":
        return value == target
    raise ValueError(f"未知的比较符：{comparator}")


def _quantize(value: float) -> Decimal:
    return Decimal(str(round(value, 4))).normalize()


def planned_value(
    position: float,
    baseline: Point | None,
    targets: Sequence[TargetPoint],
    growth_rate: Decimal | None = None,
) -> Decimal | None:
    """The value the plan expects at a point of time (see `Point.position`)."""
    anchors = ([(float(baseline.year), float(baseline.value))] if baseline else []) + [
        (float(target.year), float(target.value))
        for target in sorted(targets, key=lambda t: t.year)
        if target.cumulative
    ]
    if not anchors:
        return None
    if growth_rate is not None and baseline is not None:
        final_year = anchors[-1][0]
        grown = float(baseline.value) * (1 + float(growth_rate) / 100) ** (
            min(position, final_year) - baseline.year
        )
        return _quantize(grown)
    if position <= anchors[0][0]:
        return _quantize(anchors[0][1])
    for (start_year, start_value), (end_year, end_value) in zip(anchors, anchors[1:], strict=False):
        if start_year < position <= end_year:
            share = (position - start_year) / (end_year - start_year)
            return _quantize(start_value + (end_value - start_value) * share)
    return _quantize(anchors[-1][1])


def forecast_value(points: Sequence[Point], year: int) -> Decimal | None:
    """The least-squares line through the points, read at the end of `year`; None with fewer than two."""
    if len({point.position for point in points}) < 2:
        return None
    xs = [point.position for point in points]
    ys = [float(point.value) for point in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    return _quantize(mean_y + slope * (year - mean_x))


def _progress(latest: Decimal, baseline: Point | None, final: TargetPoint) -> float | None:
    start = baseline.value if baseline else Decimal(0)
    if final.value == start:
        return 1.0 if satisfies(latest, final.comparator, final.value) else 0.0
    share = float((latest - start) / (final.value - start))
    return max(0.0, min(1.0, share))


def indicator_status(
    baseline: Point | None,
    targets: Sequence[TargetPoint],
    actuals: Sequence[Point],
    growth_rate: Decimal | None = None,
    *,
    floor: Decimal | None = None,
) -> IndicatorStatus:
    """`floor` bounds the trend forecast from below: a count (家, 项, 人) never goes under zero however
    steeply its actuals fall."""
    if not targets or not actuals:
        return IndicatorStatus(NO_DATA)
    targets = sorted(targets, key=lambda target: target.year)
    final = targets[-1]
    latest = max(actuals, key=lambda point: point.position)
    if not final.cumulative:
        return _yearly_status(targets, latest)
    history = ([baseline] if baseline else []) + [
        p for p in actuals if not baseline or p.year > baseline.year
    ]
    forecast = forecast_value(history, final.year)
    if forecast is not None and floor is not None:
        forecast = max(forecast, floor)
    progress = _progress(latest.value, baseline, final)
    result = {"latest": latest, "forecast": forecast, "progress": progress}
    if satisfies(latest.value, final.comparator, final.value):
        return IndicatorStatus(MET, **result)
    planned = planned_value(latest.position, baseline, targets, growth_rate)
    result["planned"] = planned
    if latest.year >= final.year:
        return IndicatorStatus(OFF_TRACK, **result)
    if planned is None or satisfies(latest.value, final.comparator, planned):
        return IndicatorStatus(ON_TRACK, **result)
    start = baseline.value if baseline else Decimal(0)
    planned_gain = planned - start
    made = float((latest.value - start) / planned_gain) if planned_gain else 0.0
    trend_reaches = forecast is not None and satisfies(forecast, final.comparator, final.value)
    if made >= AT_RISK_SHARE or trend_reaches:
        return IndicatorStatus(AT_RISK, **result)
    return IndicatorStatus(OFF_TRACK, **result)


def _yearly_status(targets: Sequence[TargetPoint], latest: Point) -> IndicatorStatus:
    """A yearly target (当年完成) is judged against that year's own target only."""
    final = targets[-1]
    current = next((t for t in targets if t.year == latest.year), None) or next(
        (t for t in targets if t.year > latest.year), final
    )
    progress = max(0.0, min(1.0, float(latest.value / current.value))) if current.value else None
    result = {"latest": latest, "planned": current.value, "progress": progress}
    if satisfies(latest.value, current.comparator, current.value):
        finished = latest.year >= final.year and latest.position >= final.year
        return IndicatorStatus(MET if finished else ON_TRACK, **result)
    if latest.year >= final.year and latest.position >= final.year:
        return IndicatorStatus(OFF_TRACK, **result)
    share = progress if progress is not None else 0.0
    return IndicatorStatus(AT_RISK if share >= AT_RISK_SHARE else OFF_TRACK, **result)


def task_status(*, deadline: dt.date | None, closed: bool, has_progress: bool, today: dt.date) -> str:
    """contract 6 in docs/interfaces.md: done once closed out (销号); overdue past its deadline; else by
    reports."""
    if closed:
        return DONE
    if deadline is not None and deadline < today:
        return OVERDUE
    return IN_PROGRESS if has_progress else NOT_STARTED


def task_at_risk(*, deadline: dt.date | None, closed: bool, percentage: int, today: dt.date) -> bool:
    """Due within the warning window (TASK_WARNING_DAYS) and not yet reported at 100 %."""
    if closed or deadline is None or deadline < today:
        return False
    return (deadline - today).days <= TASK_WARNING_DAYS and percentage < 100

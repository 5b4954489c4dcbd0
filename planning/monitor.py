"""Indicators against their targets: actuals at any date, status, forecast, and the contract-5 rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from planning import indicators
from planning.models import Accumulation, Indicator, IndicatorKind, PathShape, ReportedValue, Target
from planning.status import IndicatorStatus, Point, TargetPoint, indicator_status
from registry.region_lookups import in_region

COMPUTED_SOURCE = "computed"
# The registry counts the population a target speaks of when it holds at least this share of the stated
# baseline at the baseline's date; below it, what it counts is a coverage gap, not progress.
COVERAGE_NEEDED = Decimal("0.9")
# Units that count things: their forecast never goes below zero.
COUNT_UNITS = {
    "家",
    "个",
    "项",
    "人",
    "名",
    "所",
    "次",
    "座",
    "件",
    "篇",
    "场",
    "支",
    "条",
    "套",
    "台",
    "户",
    "人次",
    "批",
    "期",
}


@dataclass(frozen=True, slots=True)
class Actual:
    point: Point
    source: str


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of the stated baseline the registry holds at the baseline's date."""

    counted: Decimal  # what the registry counts at the end of the baseline year
    baseline: Decimal  # what the document states

    @property
    def share(self) -> Decimal:
        return self.counted / self.baseline if self.baseline else Decimal(1)

    @property
    def partial(self) -> bool:
        return self.share < COVERAGE_NEEDED


@dataclass(frozen=True, slots=True)
class Evaluation:
    indicator: Indicator
    targets: list[Target]
    actuals: list[Actual]
    result: IndicatorStatus
    # For a computed indicator with a baseline: the registry's coverage of it, and the registry's own count
    # (shown beside reported values when the registry is partial).
    coverage: Coverage | None = None
    counted: list[Actual] | None = None

    @property
    def status(self) -> str:
        return self.result.status


def indicators_in(region: str | None = None) -> QuerySet[Indicator]:
    """Indicators, optionally of a region; `evaluate_many` adds their targets and reported values."""
    queryset = Indicator.objects.select_related("region", "policy", "clause")
    if region:
        queryset = queryset.filter(in_region(region))
    return queryset


def _year_end(year: int, today: dt.date) -> dt.date:
    return min(dt.date(year, 12, 31), today)


def computed_years(indicator: Indicator, targets: list[Target], today: dt.date) -> list[int]:
    """The years a computed indicator is read at: after the baseline up to the final target or today."""
    if not targets:
        return [today.year]
    first = indicator.baseline_year + 1 if indicator.baseline_year else targets[0].year
    last = min(targets[-1].year, today.year)
    return list(range(first, last + 1)) or [today.year]


def _coverage_year(indicator: Indicator, today: dt.date) -> int | None:
    """The baseline year, when the registry can be read at its end (it is past) and there is a baseline."""
    if indicator.baseline_year and indicator.baseline_value and indicator.baseline_year < today.year:
        return indicator.baseline_year
    return None


def _reported_actuals(reports: list[ReportedValue]) -> list[Actual]:
    """The latest report of each year is that year's actual; `reports` come oldest first."""
    latest_by_year: dict[int, ReportedValue] = {}
    for reported in reports:
        latest_by_year[reported.year] = reported
    return [
        Actual(Point(year, reported.value, reported.as_of), reported.source or "reported")
        for year, reported in sorted(latest_by_year.items())
    ]


def registry_lacks_records(indicator: Indicator, found: list[Actual]) -> bool:
    """A positive stated baseline with nothing counted at any date means the registry does not yet hold the
    region's records: reporting zero would call the plan off track when the data is merely missing."""
    return bool(indicator.baseline_value) and all(actual.point.value == 0 for actual in found)


def evaluate_many(
    selection: Iterable[Indicator], today: dt.date | None = None, *, cached: bool = False
) -> list[Evaluation]:
    """Evaluations of many indicators in a handful of queries: targets and reports in one query each,
    computed values in one query per definition and region (`indicators.compute_many`)."""
    today = today or timezone.localdate()
    found = list(selection)
    ids = [indicator.pk for indicator in found]
    # Grouped by hand: a prefetch builds a queryset per indicator, which costs more than the query itself.
    targets: dict[int, list[Target]] = defaultdict(list)
    for target in Target.objects.filter(indicator_id__in=ids).order_by("indicator_id", "year"):
        targets[target.indicator_id].append(target)
    reports: dict[int, list[ReportedValue]] = defaultdict(list)
    for reported in ReportedValue.objects.filter(indicator_id__in=ids).order_by(
        "indicator_id", "year", "reported_at", "id"
    ):
        reports[reported.indicator_id].append(reported)
    computed = [indicator for indicator in found if indicator.kind == IndicatorKind.COMPUTED]
    years = {indicator.pk: computed_years(indicator, targets[indicator.pk], today) for indicator in computed}
    # the baseline year is read too: what the registry held then says whether it counts the same population
    read_at = {
        indicator.pk: [y for y in [_coverage_year(indicator, today)] if y is not None] + years[indicator.pk]
        for indicator in computed
    }
    series = indicators.compute_many(
        [
            (
                indicator.definition_key,
                indicators.SeriesRequest(
                    indicator.region_id,
                    indicator.params,
                    [_year_end(y, today) for y in read_at[indicator.pk]],
                ),
            )
            for indicator in computed
        ],
        cached=cached,
    )
    evaluations = {}
    for indicator, values in zip(computed, series, strict=True):
        coverage = None
        if _coverage_year(indicator, today) is not None:
            coverage = Coverage(values[0], indicator.baseline_value)
            values = values[1:]
        points = [
            Actual(Point(year, value, _year_end(year, today)), COMPUTED_SOURCE)
            for year, value in zip(years[indicator.pk], values, strict=True)
        ]
        reported = _reported_actuals(reports[indicator.pk])
        if coverage is not None and coverage.partial or registry_lacks_records(indicator, points):
            # the registry does not hold the population the baseline and targets count: judge by the values
            # departments report, or not at all
            evaluations[indicator.pk] = _evaluation(
                indicator, targets[indicator.pk], reported, coverage, points
            )
        else:
            evaluations[indicator.pk] = _evaluation(indicator, targets[indicator.pk], points, coverage)
    return [
        evaluations.get(indicator.pk)
        or _evaluation(indicator, targets[indicator.pk], _reported_actuals(reports[indicator.pk]))
        for indicator in found
    ]


def evaluate(indicator: Indicator, today: dt.date | None = None, *, cached: bool = False) -> Evaluation:
    return evaluate_many([indicator], today, cached=cached)[0]


def plan_path(
    indicator: Indicator, targets: Sequence[Target]
) -> tuple[Point | None, list[TargetPoint], Decimal | None]:
    """An indicator's baseline, targets and growth rate as the plain values planning.status works on."""
    baseline = Point(*indicator.baseline) if indicator.baseline else None
    points = [
        TargetPoint(t.year, t.value, t.comparator, t.accumulation == Accumulation.CUMULATIVE) for t in targets
    ]
    growth = indicator.growth_rate if indicator.path_shape == PathShape.GROWTH else None
    return baseline, points, growth


def _evaluation(
    indicator: Indicator,
    targets: list[Target],
    found: list[Actual],
    coverage: Coverage | None = None,
    counted: list[Actual] | None = None,
) -> Evaluation:
    baseline, target_points, growth = plan_path(indicator, targets)
    floor = Decimal(0) if indicator.unit in COUNT_UNITS else None
    points = [actual.point for actual in found]
    result = indicator_status(baseline, target_points, points, growth, floor=floor)
    return Evaluation(indicator, targets, found, result, coverage, counted)


def accepts_reports(evaluation: Evaluation) -> bool:
    """Departments report an indicator's value when the registry does not compute it, or computes it from a
    partial record (then the report is the better figure)."""
    indicator = evaluation.indicator
    return indicator.kind == IndicatorKind.REPORTED or evaluation.counted is not None


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def as_contract(evaluation: Evaluation) -> dict[str, Any]:
    """One row of `kechuang targets --json` (contract 5 in docs/interfaces.md)."""
    indicator = evaluation.indicator
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "region": indicator.region_id,
        "policy": indicator.policy.code if indicator.policy else indicator.policy_code,
        "clause": indicator.clause_path,
        "responsible_units": list(indicator.responsible_units),
        "baseline": (
            {"year": indicator.baseline_year, "value": number(indicator.baseline_value)}
            if indicator.baseline
            else None
        ),
        "targets": [
            {"year": t.year, "value": number(t.value), "comparator": t.comparator} for t in evaluation.targets
        ],
        "actuals": [
            {"year": a.point.year, "value": number(a.point.value), "source": a.source}
            for a in evaluation.actuals
        ],
        "status": evaluation.status,
    }


@transaction.atomic
def report_value(
    indicator: Indicator,
    *,
    year: int,
    value: Decimal,
    source: str,
    by: User | None,
    as_of: dt.date | None = None,
) -> ReportedValue:
    if not accepts_reports(evaluate(indicator)):
        raise ValidationError("该指标由资源库自动计算，无需填报。")
    if not source.strip():
        raise ValidationError({"source": "请注明数据来源。"})
    today = timezone.localdate()
    if year > today.year or (as_of is not None and as_of > today):
        raise ValidationError({"year": "不能填报未来的数值。"})
    return ReportedValue.objects.create(
        indicator=indicator, year=year, value=value, source=source.strip(), reported_by=by, as_of=as_of
    )

"""What the dashboard and an indicator's page show, computed once per request from the domain modules."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from planning import ledger
from planning.models import Indicator, Task
from planning.monitor import Evaluation, evaluate_many, indicators_in, number, plan_path
from planning.status import AT_RISK, INDICATOR_STATUSES, OFF_TRACK, planned_value

# The top of the page (one 1440×900 screen) shows this many departments and worst indicators.
HEADLINE_ROWS = 8


@dataclass
class Dashboard:
    evaluations: list[Evaluation]
    status_counts: dict[str, int]
    league: list[ledger.UnitScore]
    reminders: dict[str, list[ledger.Row]]
    chart: dict[str, Any]
    # Indicators off track, then at risk, the furthest behind their planned path first.
    worst: list[Evaluation]
    # The indicators the details table lists: all, or those of the chosen status.
    listed: list[Evaluation]
    tasks: int = 0

    @property
    def headline_league(self) -> list[ledger.UnitScore]:
        return self.league[:HEADLINE_ROWS]

    @property
    def indicators(self) -> int:
        return len(self.evaluations)


def worst_indicators(evaluations: list[Evaluation], limit: int = HEADLINE_ROWS) -> list[Evaluation]:
    """Off-track indicators before at-risk ones; within each, the largest gap to the planned path first."""
    behind = [e for e in evaluations if e.status in (OFF_TRACK, AT_RISK)]

    def gap(evaluation: Evaluation) -> float:
        progress = evaluation.result.progress
        return (progress if progress is not None else 0.0) - _planned_share(evaluation)

    return sorted(behind, key=lambda e: (e.status != OFF_TRACK, gap(e), e.indicator.name))[:limit]


def filter_plans(
    indicators: QuerySet[Indicator], tasks: QuerySet[Task], policy: str
) -> tuple[QuerySet[Indicator], QuerySet[Task]]:
    if policy:
        return indicators.filter(policy_code=policy), tasks.filter(policy_code=policy)
    return indicators, tasks


def build(region: str = "", policy: str = "", today: dt.date | None = None, status: str = "") -> Dashboard:
    today = today or timezone.localdate()
    indicators, tasks = filter_plans(indicators_in(region or None), ledger.ledger(region or None), policy)
    # Counted values may be up to SERIES_CACHE_SECONDS old here; an indicator's own page counts live.
    evaluations = evaluate_many(indicators, today, cached=True)
    entries = ledger.rows(tasks, today)
    counts = Counter(evaluation.status for evaluation in evaluations)
    return Dashboard(
        evaluations=evaluations,
        status_counts={status: counts.get(status, 0) for status in INDICATOR_STATUSES},
        league=ledger.league_table(entries, evaluations),
        reminders=ledger.reminders(entries),
        chart=progress_chart(evaluations),
        worst=worst_indicators(evaluations),
        listed=[e for e in evaluations if e.status == status] if status else evaluations,
        tasks=len(entries),
    )


def progress_chart(evaluations: list[Evaluation]) -> dict[str, Any]:
    """Actual and planned share of the way to each indicator's final target, in percent."""
    names, actual, planned = [], [], []
    for evaluation in evaluations:
        result = evaluation.result
        if result.progress is None:
            continue
        names.append(evaluation.indicator.name)
        actual.append(round(result.progress * 100, 1))
        planned.append(round(_planned_share(evaluation) * 100, 1))
    return {"names": names, "actual": actual, "planned": planned}


def _planned_share(evaluation: Evaluation) -> float:
    indicator, result = evaluation.indicator, evaluation.result
    if result.planned is None or not evaluation.targets:
        return 1.0
    final = evaluation.targets[-1].value
    start = indicator.baseline_value or 0
    if final == start:
        return 1.0
    return max(0.0, min(1.0, float((result.planned - start) / (final - start))))


def path_chart(evaluation: Evaluation) -> dict[str, Any]:
    """An indicator's target path, actuals and trend forecast by year, for its line chart."""
    indicator = evaluation.indicator
    years = sorted(
        {t.year for t in evaluation.targets}
        | {a.point.year for a in evaluation.actuals}
        | ({indicator.baseline_year} if indicator.baseline_year else set())
    )
    if not years:
        return {"years": [], "planned": [], "targets": [], "actual": [], "forecast": []}
    baseline, points, growth = plan_path(indicator, evaluation.targets)
    actual_by_year = {a.point.year: number(a.point.value) for a in evaluation.actuals}
    target_by_year = {t.year: number(t.value) for t in evaluation.targets}
    if baseline:
        actual_by_year.setdefault(baseline.year, number(baseline.value))
    forecast = [None] * len(years)
    if evaluation.result.forecast is not None and evaluation.actuals:
        last = evaluation.actuals[-1].point
        forecast[years.index(last.year)] = number(last.value)
        forecast[-1] = number(evaluation.result.forecast)
    cumulative = all(p.cumulative for p in points)
    return {
        "years": [str(year) for year in years],
        "planned": [
            number(planned_value(float(y), baseline, points, growth)) if cumulative else None for y in years
        ],
        "targets": [target_by_year.get(year) for year in years],
        "actual": [actual_by_year.get(year) for year in years],
        "forecast": forecast,
    }

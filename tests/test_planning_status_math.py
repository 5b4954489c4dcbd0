"""Indicator status (contract 5) and task status (contract 6) as plain arithmetic."""

import datetime as dt
from decimal import Decimal as D

import pytest

from planning.status import (
    AT_RISK,
    DONE,
    IN_PROGRESS,
    MET,
    NO_DATA,
    NOT_STARTED,
    OFF_TRACK,
    ON_TRACK,
    OVERDUE,
    Point,
    TargetPoint,
    indicator_status,
    planned_value,
    task_at_risk,
    task_status,
)

# Anshun annex row 3 (企业技术中心): 11 in 2020, 13 / 14 / 16 cumulative by 2021–2023.
BASELINE = Point(2020, D(11))
TARGETS = [TargetPoint(2021, D(13)), TargetPoint(2022, D(14)), TargetPoint(2023, D(16))]


def test_planned_path_runs_through_each_yearly_target() -> None:
    assert planned_value(2020.0, BASELINE, TARGETS) == D(11)
    assert planned_value(2021.0, BASELINE, TARGETS) == D(13)
    assert planned_value(2022.5, BASELINE, TARGETS) == D(15)
    assert planned_value(2030.0, BASELINE, TARGETS) == D(16)


def test_planned_path_at_stated_growth_compounds_from_the_baseline() -> None:
    # Anshun 工业设计中心: 2 in 2020 at 15 % a year → 2 × 1.15² = 2.645 in 2022.
    assert planned_value(2022.0, Point(2020, D(2)), [TargetPoint(2023, D(3))], D(15)) == D("2.645")


def test_mid_year_value_is_compared_with_the_path_at_that_date() -> None:
    mid_2022 = Point(2022, D(14), dt.date(2022, 7, 2))
    assert 2021.4 < mid_2022.position < 2021.6
    assert indicator_status(BASELINE, TARGETS, [Point(2021, D(13)), mid_2022]).status == ON_TRACK


def test_meeting_the_final_target_early_is_met() -> None:
    assert indicator_status(BASELINE, TARGETS, [Point(2022, D(16))]).status == MET


def test_on_the_path_is_on_track() -> None:
    result = indicator_status(BASELINE, TARGETS, [Point(2021, D(13)), Point(2022, D(14))])
    assert result.status == ON_TRACK
    assert result.planned == D(14)
    assert result.progress == pytest.approx(0.6)


def test_small_shortfall_is_at_risk_and_large_one_off_track() -> None:
    # Planned gain by 2022 is 3 (11 → 14): 13.5 makes 5/6 of it, 11 makes none and its trend is flat.
    assert indicator_status(BASELINE, TARGETS, [Point(2022, D("13.5"))]).status == AT_RISK
    assert indicator_status(BASELINE, TARGETS, [Point(2021, D(11)), Point(2022, D(11))]).status == OFF_TRACK


def test_trend_reaching_the_final_target_keeps_a_shortfall_at_risk() -> None:
    # A front-loaded plan (0 → 10 in a year, 12 two years later): 7 is only 70 % of the planned gain, but
    # the trend of 7 a year reaches 12 well before 2023.
    targets = [TargetPoint(2021, D(10)), TargetPoint(2023, D(12))]
    result = indicator_status(Point(2020, D(0)), targets, [Point(2021, D(7))])
    assert result.status == AT_RISK
    assert result.forecast == D(21)
    slow = indicator_status(Point(2020, D(0)), targets, [Point(2021, D(3))])
    assert slow.status == OFF_TRACK


def test_final_year_passed_unmet_is_off_track() -> None:
    assert indicator_status(BASELINE, TARGETS, [Point(2023, D(15))]).status == OFF_TRACK


def test_no_actual_or_no_target_is_no_data() -> None:
    assert indicator_status(BASELINE, TARGETS, []).status == NO_DATA
    assert indicator_status(BASELINE, [], [Point(2021, D(12))]).status == NO_DATA


def test_at_most_targets_are_judged_downwards() -> None:
    targets = [TargetPoint(2024, D(10), "<=")]
    assert indicator_status(Point(2022, D(20)), targets, [Point(2023, D(15))]).status == ON_TRACK
    assert indicator_status(Point(2022, D(20)), targets, [Point(2023, D(19))]).status == OFF_TRACK
    assert indicator_status(Point(2022, D(20)), targets, [Point(2023, D(9))]).status == MET


def test_strictly_above_needs_more_than_the_value() -> None:
    # Zibo 2023: 科技型中小企业突破3000家.
    targets = [TargetPoint(2027, D(3000), ">")]
    assert indicator_status(None, targets, [Point(2027, D(3000))]).status == OFF_TRACK
    assert indicator_status(None, targets, [Point(2027, D(3001))]).status == MET


def test_yearly_targets_are_judged_year_by_year() -> None:
    # Zibo 2023: 每年引进外国专家300人次以上, 2024–2028.
    targets = [TargetPoint(year, D(300), ">=", cumulative=False) for year in range(2024, 2029)]
    assert indicator_status(None, targets, [Point(2025, D(310))]).status == ON_TRACK
    assert indicator_status(None, targets, [Point(2025, D(250))]).status == AT_RISK
    assert indicator_status(None, targets, [Point(2025, D(100))]).status == OFF_TRACK
    assert indicator_status(None, targets, [Point(2028, D(300))]).status == MET
    assert indicator_status(None, targets, [Point(2028, D(299))]).status == OFF_TRACK


TODAY = dt.date(2020, 7, 1)


@pytest.mark.parametrize(
    ("deadline", "closed", "has_progress", "expected"),
    [
        (dt.date(2020, 12, 31), False, False, NOT_STARTED),
        (dt.date(2020, 12, 31), False, True, IN_PROGRESS),
        (dt.date(2020, 6, 30), False, True, OVERDUE),
        (dt.date(2020, 6, 30), True, True, DONE),
        (None, False, False, NOT_STARTED),
    ],
)
def test_task_status_is_derived(
    deadline: dt.date | None, closed: bool, has_progress: bool, expected: str
) -> None:
    assert task_status(deadline=deadline, closed=closed, has_progress=has_progress, today=TODAY) == expected


def test_task_due_within_the_warning_window_is_at_risk() -> None:
    assert task_at_risk(deadline=dt.date(2020, 7, 20), closed=False, percentage=50, today=TODAY)
    assert not task_at_risk(deadline=dt.date(2020, 12, 31), closed=False, percentage=50, today=TODAY)
    assert not task_at_risk(deadline=dt.date(2020, 7, 20), closed=True, percentage=100, today=TODAY)

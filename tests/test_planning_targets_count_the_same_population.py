"""An indicator's actual counts the population its baseline and target count: when the registry holds only
part of the stated baseline, its count is a coverage gap (shown as such), reported values are preferred, and
without them the indicator is not judged; trend forecasts of counts never go below zero."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from planning import monitor
from planning.models import Indicator, IndicatorKind, ReportedValue, Target
from planning.status import Point, TargetPoint, indicator_status
from registry.models import PlatformEvent
from tests.factories import PlatformFactory

TODAY = dt.date(2024, 6, 1)
LABS = {"types": ["key_laboratory"], "min_level": "municipal"}


def laboratories(count: int, approved: dt.date) -> None:
    for number in range(count):
        platform = PlatformFactory(
            name=f"重点实验室{number}", platform_type="key_laboratory", region_id="370302"
        )
        PlatformEvent.objects.create(platform=platform, stage="approved", level="municipal", date=approved)


def lab_indicator(baseline: int) -> Indicator:
    indicator = Indicator.objects.create(
        code=f"labs-{baseline}",
        name="市级以上重点实验室",
        unit="家",
        region_id="370300",
        kind=IndicatorKind.COMPUTED,
        definition_key="approved_platforms",
        params=LABS,
        baseline_year=2022,
        baseline_value=D(baseline),
    )
    Target.objects.create(indicator=indicator, year=2025, value=D(baseline + 30))
    return indicator


@pytest.mark.django_db
def test_a_registry_holding_a_fraction_of_the_baseline_is_a_coverage_gap_not_off_track():
    laboratories(5, dt.date(2021, 3, 1))
    evaluation = monitor.evaluate(lab_indicator(180), today=TODAY)
    assert evaluation.coverage is not None and evaluation.coverage.partial
    assert evaluation.coverage.counted == 5
    assert evaluation.status == "no_data" and evaluation.actuals == []
    assert [a.point.value for a in evaluation.counted] == [5, 5]  # 2023, 2024: kept to show, not to judge


@pytest.mark.django_db
def test_reported_values_are_preferred_where_the_registry_is_partial(bureau_admin):
    laboratories(5, dt.date(2021, 3, 1))
    indicator = lab_indicator(180)
    monitor.report_value(indicator, year=2023, value=D(195), source="市科技局统计", by=bureau_admin)
    evaluation = monitor.evaluate(indicator, today=TODAY)
    assert [(a.point.year, a.point.value, a.source) for a in evaluation.actuals] == [
        (2023, 195, "市科技局统计")
    ]
    assert evaluation.status == "on_track"


@pytest.mark.django_db
def test_a_registry_that_counts_the_baseline_is_used_and_takes_no_reports(bureau_admin):
    laboratories(10, dt.date(2021, 3, 1))
    indicator = lab_indicator(10)
    evaluation = monitor.evaluate(indicator, today=TODAY)
    assert not evaluation.coverage.partial
    assert [a.source for a in evaluation.actuals] == ["computed", "computed"]
    with pytest.raises(ValidationError):
        monitor.report_value(indicator, year=2023, value=D(12), source="统计", by=bureau_admin)
    assert not ReportedValue.objects.exists()


@pytest.mark.django_db
def test_the_indicator_page_shows_the_coverage_and_offers_the_report_form(client, bureau_admin):
    laboratories(5, dt.date(2021, 3, 1))
    indicator = lab_indicator(180)
    client.force_login(bureau_admin)
    page = client.get(reverse("planning:indicator_detail", args=[indicator.code])).content.decode()
    assert "资源库在2022年底登记 5，文件基期值为 180，覆盖 3%" in page
    assert reverse("planning:report_value", args=[indicator.code]) in page


def test_a_falling_count_is_never_forecast_below_zero():
    actuals = [Point(2022, D(10)), Point(2023, D(4)), Point(2024, D(1))]
    targets = [TargetPoint(2030, D(20))]
    assert indicator_status(Point(2021, D(12)), targets, actuals).forecast < 0
    assert indicator_status(Point(2021, D(12)), targets, actuals, floor=D(0)).forecast == 0

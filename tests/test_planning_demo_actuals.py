"""`kechuang demo` fills the seed policies' reported indicators with values marked as demo data, so the
dashboard shows a mix of statuses; running it again adds nothing."""

import datetime as dt
import io

import pytest

from planning import dashboard, demo_actuals
from planning import demo as planning_demo
from planning.models import Indicator, IndicatorKind, ReportedValue
from planning.status import AT_RISK, MET, NO_DATA, OFF_TRACK, ON_TRACK
from policies import demo as policies_demo

pytestmark = pytest.mark.django_db


def run_with_seeds(run_demo) -> str:
    output = io.StringIO()
    run_demo()
    policies_demo.load(output)
    planning_demo.load(output)
    return output.getvalue()


def stored_values() -> list[tuple]:
    return list(ReportedValue.objects.order_by("id").values_list("indicator__code", "year", "value"))


def test_reported_indicators_get_demo_values_and_the_dashboard_shows_a_mix(run_demo) -> None:
    output = run_with_seeds(run_demo)
    reported = Indicator.objects.filter(kind=IndicatorKind.REPORTED)
    # Binzhou's contract turnover growth is computed by transfer, its science-finance loans by finance.
    assert reported.count() == 18
    assert all(indicator.reported_values.exists() for indicator in reported)
    assert set(ReportedValue.objects.values_list("source", flat=True)) == {demo_actuals.DEMO_SOURCE}
    assert "演示数据" in demo_actuals.DEMO_SOURCE and "18 项填报指标补入演示数据" in output
    # Computed indicators stay computed from the registry.
    assert not ReportedValue.objects.exclude(indicator__kind=IndicatorKind.REPORTED).exists()
    # Nothing lies after the last complete year before the demo's reference date.
    assert max(ReportedValue.objects.values_list("year", flat=True)) == demo_actuals.REFERENCE_DATE.year - 1
    counts = dashboard.build(today=dt.date(2026, 10, 31)).status_counts
    assert len([s for s in (MET, ON_TRACK, AT_RISK, OFF_TRACK) if counts[s]]) >= 3, counts
    assert counts[NO_DATA] < reported.count()


def test_running_the_demo_again_adds_nothing(run_demo) -> None:
    run_with_seeds(run_demo)
    before = stored_values()
    output = run_with_seeds(run_demo)
    assert stored_values() == before
    assert "补入演示数据" not in output


def test_no_values_are_invented_without_the_demo_population() -> None:
    planning_demo.load(io.StringIO())
    assert Indicator.objects.filter(kind=IndicatorKind.REPORTED).exists()
    assert not ReportedValue.objects.exists()

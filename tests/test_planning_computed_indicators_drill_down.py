"""Computed indicators count registry records at a date, and the drill-down lists exactly those records."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from planning import indicators, monitor
from planning.models import Indicator, IndicatorKind, Target
from registry.models import PlatformEvent
from tests.factories import OrganizationFactory, PlatformFactory, QualificationFactory

pytestmark = pytest.mark.django_db
CENTERS = {"types": ["enterprise_technology_center"], "min_level": "provincial"}


def approve(platform, day: dt.date, level: str, stage: str = "approved") -> None:
    PlatformEvent.objects.create(platform=platform, stage=stage, level=level, date=day)


@pytest.fixture
def centers() -> dict[str, object]:
    national = PlatformFactory(
        name="国家级中心", platform_type="enterprise_technology_center", region_id="370302"
    )
    approve(national, dt.date(2019, 5, 1), "provincial")
    approve(national, dt.date(2022, 3, 1), "national")
    provincial = PlatformFactory(
        name="省级中心", platform_type="enterprise_technology_center", region_id="370303"
    )
    approve(provincial, dt.date(2021, 6, 1), "provincial")
    municipal = PlatformFactory(
        name="市级中心", platform_type="enterprise_technology_center", region_id="370302"
    )
    approve(municipal, dt.date(2020, 1, 1), "municipal")
    revoked = PlatformFactory(
        name="撤销中心", platform_type="enterprise_technology_center", region_id="370302"
    )
    approve(revoked, dt.date(2019, 1, 1), "provincial")
    approve(revoked, dt.date(2021, 12, 1), "", stage="revoked")
    elsewhere = PlatformFactory(
        name="威海中心", platform_type="enterprise_technology_center", region_id="371002"
    )
    approve(elsewhere, dt.date(2019, 1, 1), "national")
    return {"national": national, "provincial": provincial}


def names(queryset) -> set[str]:
    return {platform.name for platform in queryset}


def test_platforms_at_or_above_a_level_in_a_region_at_a_date(centers) -> None:
    value, records = indicators.compute("approved_platforms", "370300", CENTERS, dt.date(2020, 12, 31))
    assert (value, names(records)) == (D(2), {"国家级中心", "撤销中心"})
    value, records = indicators.compute("approved_platforms", "370300", CENTERS, dt.date(2022, 12, 31))
    assert (value, names(records)) == (D(2), {"国家级中心", "省级中心"})


def test_exact_level_counts_the_level_held_on_the_date(centers) -> None:
    provincial = {"types": ["enterprise_technology_center"], "level": "provincial"}
    assert names(
        indicators.compute("approved_platforms", "370300", provincial, dt.date(2021, 12, 31))[1]
    ) == {"国家级中心", "省级中心"}
    assert names(
        indicators.compute("approved_platforms", "370300", provincial, dt.date(2022, 12, 31))[1]
    ) == {"省级中心"}


def test_organizations_holding_a_valid_qualification() -> None:
    holder = OrganizationFactory(name="有效高企", region_id="370302")
    QualificationFactory(
        organization=holder,
        type="high_tech_enterprise",
        granted=dt.date(2023, 12, 1),
        expires=dt.date(2026, 11, 30),
    )
    QualificationFactory(
        organization=OrganizationFactory(name="过期高企", region_id="370302"),
        type="high_tech_enterprise",
        granted=dt.date(2019, 1, 1),
        expires=dt.date(2021, 12, 31),
    )
    params = {"qualification": "high_tech_enterprise"}
    assert names(
        indicators.compute("qualified_organizations", "370300", params, dt.date(2024, 6, 30))[1]
    ) == {"有效高企"}
    assert names(
        indicators.compute("qualified_organizations", "370300", params, dt.date(2021, 6, 30))[1]
    ) == {"过期高企"}


def test_yearly_actuals_and_drill_down_agree(client, bureau_admin, centers) -> None:
    indicator = Indicator.objects.create(
        code="zibo-centers",
        name="省级以上企业技术中心",
        unit="家",
        region_id="370300",
        kind=IndicatorKind.COMPUTED,
        definition_key="approved_platforms",
        params=CENTERS,
        baseline_year=2019,
        baseline_value=D(2),
    )
    Target.objects.create(indicator=indicator, year=2022, value=D(3))
    evaluation = monitor.evaluate(indicator, today=dt.date(2024, 1, 1))
    assert [(a.point.year, a.point.value) for a in evaluation.actuals] == [(2020, 2), (2021, 2), (2022, 2)]
    assert evaluation.status == "off_track"
    client.force_login(bureau_admin)
    response = client.get(reverse("planning:drill_down", args=[indicator.code]), {"on": "2022-12-31"})
    assert response.context["value"] == D(2)
    rows = response.context["listing"].table_rows
    assert [cells[0][0] for _row, cells in rows] == ["国家级中心", "省级中心"]
    page = response.content.decode()
    assert "共 2 条 · 1 页</span> · 统计日 2022-12-31" in page
    # Each row links to the record it counts (the platform's own page and its host's).
    assert 'href="/registry/platforms/' in page and 'href="/registry/organizations/' in page


def test_unknown_definition_or_bad_parameters_are_refused() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        indicators.definition_for("contract_amounts")
    with pytest.raises(ValidationError):
        indicators.definition_for("approved_platforms").validate({"types": ["spaceport"]})


@pytest.mark.parametrize(
    ("key", "params"),
    [
        ("approved_platforms", CENTERS),
        ("approved_platforms", {"types": ["enterprise_technology_center"], "level": "provincial"}),
        ("approved_platforms", {"types": ["enterprise_technology_center"], "level": "municipal"}),
        ("qualified_organizations", {"qualification": "high_tech_enterprise"}),
    ],
)
def test_dashboard_series_equals_the_drill_down_count_at_every_date(centers, key, params) -> None:
    for serial, (granted, expires) in enumerate([("2019-01-01", "2021-12-31"), ("2021-06-01", None)]):
        QualificationFactory(
            organization=OrganizationFactory(name=f"高企{serial}", region_id="370302"),
            granted=dt.date.fromisoformat(granted),
            expires=expires and dt.date.fromisoformat(expires),
        )
    dates = [dt.date(year, 12, 31) for year in range(2018, 2024)] + [dt.date(2021, 6, 1)]
    series = indicators.compute_series(key, "370300", params, dates)
    assert series == [indicators.compute(key, "370300", params, on)[0] for on in dates]
    assert any(series)


def test_indicators_counted_together_equal_their_drill_down_counts(centers) -> None:
    """A dashboard counts all indicators of a definition in one query, whatever their regions; each must
    still equal the count of its own drill-down list."""
    QualificationFactory(
        organization=OrganizationFactory(name="科小", region_id="370302"),
        type="tech_sme",
        granted=dt.date(2021, 3, 1),
        expires=dt.date(2022, 3, 1),
    )
    dates = [dt.date(year, 12, 31) for year in range(2019, 2024)]
    wanted = [
        ("approved_platforms", "370300", CENTERS),
        ("approved_platforms", "370300", {"types": ["enterprise_technology_center"], "level": "provincial"}),
        ("approved_platforms", "370300", {"types": ["key_laboratory"], "min_level": "county"}),
        ("approved_platforms", "371000", CENTERS),
        ("qualified_organizations", "370300", {"qualification": "tech_sme"}),
        ("qualified_organizations", "370300", {"qualification": "high_tech_enterprise"}),
        # The same question twice, as when two policies set a target on one indicator.
        ("approved_platforms", "370300", CENTERS),
        # A province holds the cities above: its records are counted for it as well as for them.
        ("approved_platforms", "370000", CENTERS),
        ("qualified_organizations", "000000", {"qualification": "tech_sme"}),
    ]
    together = indicators.compute_many(
        [(key, indicators.SeriesRequest(region, params, dates)) for key, region, params in wanted]
    )
    assert together == [
        [indicators.compute(key, region, params, on)[0] for on in dates] for key, region, params in wanted
    ]
    assert all(any(series) for series in together[:2] + together[3:5])

"""The home dashboard counts the region's resources and filters them by region prefix."""

import datetime as dt

import pytest
from django.urls import reverse

from registry.services import region_overview
from tests.factories import OrganizationFactory, PlatformFactory, QualificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cities() -> None:
    today = dt.date.today()
    zibo = OrganizationFactory(region_id="370302")
    QualificationFactory(
        organization=zibo, granted=today - dt.timedelta(days=10), expires=today + dt.timedelta(days=10)
    )
    expired = OrganizationFactory(region_id="370303")
    QualificationFactory(
        organization=expired, granted=today - dt.timedelta(days=900), expires=today - dt.timedelta(days=1)
    )
    weihai = OrganizationFactory(region_id="371002")
    PlatformFactory(host=zibo, region_id="370302", stage="approved", level="provincial")
    PlatformFactory(host=weihai, region_id="371002", stage="approved", level="national")
    PlatformFactory(host=weihai, region_id="371002", stage="cultivating", target_level="provincial")


def test_counts_only_valid_qualifications_and_the_chosen_region(two_cities) -> None:
    zibo = region_overview("370300")
    assert (zibo.enterprises, zibo.high_tech_enterprises, zibo.pool_size) == (2, 1, 0)
    assert zibo.approved_platforms["省级"] == 1 and zibo.approved_total == 1
    everywhere = region_overview("")
    assert (everywhere.enterprises, everywhere.approved_total, everywhere.pool_size) == (3, 2, 1)


def test_home_page_shows_counts_chart_data_and_region_choice(client, two_cities) -> None:
    page = client.get(reverse("home"), {"region": "371000"}).content.decode()
    assert "威海市 · 科技创新资源概览" in page
    assert 'id="platform-chart-data"' in page and "vendor/echarts/echarts.min.js" in page
    assert '<option value="520400"' in page

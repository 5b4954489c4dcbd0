"""At full scale each city gets several hundred enterprises with distinct names and USCCs."""

import pytest

from registry.demo.cities import CITIES
from registry.demo.plan import plan_city
from registry.demo.store import counties_of
from registry.vocabulary import OrganizationKind, PlatformStage


@pytest.mark.django_db
@pytest.mark.parametrize("city", CITIES, ids=[city.name for city in CITIES])
def test_full_scale_city_has_several_hundred_distinct_enterprises(city):
    plan = plan_city(city, counties_of(city))
    enterprises = [org for org in plan.organizations if org.kind == OrganizationKind.ENTERPRISE]
    assert 300 <= len(enterprises) <= 400
    assert len({org.name for org in plan.organizations}) == len(plan.organizations)
    assert len({org.uscc for org in plan.organizations}) == len(plan.organizations)
    assert {platform.stage for platform in plan.platforms} == set(PlatformStage.values)
    assert len(plan.platforms) >= 100 and len(plan.people) >= 70

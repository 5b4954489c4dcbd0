"""The demo population is the same on every run: same names, USCCs, figures and dates."""

import pytest

from registry.demo.cities import CITIES
from registry.demo.plan import CityPlan, plan_city
from registry.demo.store import counties_of
from registry.models import AnnualData, Organization, Platform, PlatformEvent
from registry.region_lookups import in_region

SMALL = 0.05  # the scale the run_demo fixture uses


def fingerprint(plan: CityPlan) -> tuple:
    return (
        [(org.name, org.uscc, org.region_id, org.industry) for org in plan.organizations],
        [
            (row.organization.uscc, row.year, row.revenue, row.rd_expense, row.employees)
            for row in plan.annual_data
        ],
        [(q.organization.uscc, q.type, q.granted, q.expires) for q in plan.qualifications],
        [(p.name, p.stage, p.level, p.target_level) for p in plan.platforms],
        [(e.platform.name, e.stage, e.level, e.date, e.document) for e in plan.events],
        [(person.name, person.title, person.programmes) for person in plan.people],
        [(need.title, need.budget_yuan, need.deadline, need.status) for need in plan.needs],
    )


def small_plan(city) -> CityPlan:
    return plan_city(city, counties_of(city), SMALL)


@pytest.mark.django_db
@pytest.mark.parametrize("city", CITIES, ids=[city.name for city in CITIES])
def test_planning_a_city_twice_gives_the_same_population(city):
    assert fingerprint(small_plan(city)) == fingerprint(small_plan(city))


def test_the_command_stores_exactly_the_planned_population(run_demo):
    run_demo()
    plans = [small_plan(city) for city in CITIES]
    for city, plan in zip(CITIES, plans, strict=True):
        stored = Organization.objects.filter(in_region(city.code), is_demo=True)
        planned = [(org.name, org.uscc) for org in plan.organizations]
        assert sorted(stored.values_list("name", "uscc")) == sorted(planned)
        platforms = Platform.objects.filter(in_region(city.code))
        planned = [(platform.name, platform.stage) for platform in plan.platforms]
        assert sorted(platforms.values_list("name", "stage")) == sorted(planned)
    assert AnnualData.objects.count() == sum(len(plan.annual_data) for plan in plans)
    assert PlatformEvent.objects.count() == sum(len(plan.events) for plan in plans)

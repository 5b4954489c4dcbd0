"""Writing the demo population: one transaction per city, bulk inserts, no history rows.

A city that already holds demo organizations is left as it is, so running `kechuang demo` again
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model

from registry.demo.cities import City
from registry.demo.plan import CityPlan, County, plan_city
from registry.models import (
    Achievement,
    AnnualData,
    Instrument,
    Organization,
    Person,
    Platform,
    PlatformEvent,
    Qualification,
    Region,
    RegionLevel,
    TechnologyNeed,
)
from registry.region_lookups import in_region

BATCH = 500


@dataclass(frozen=True)
class CityResult:
    city: City
    created: bool
    organizations: int
    platforms: int
    people: int
    instruments: int
    achievements: int
    needs: int


def counties_of(city: City) -> list[County]:
    regions = Region.objects.filter(parent_id=city.code, level=RegionLevel.COUNTY).order_by("code")
    return [County(region.code, region.name) for region in regions]


def has_demo_population(city: City) -> bool:
    return Organization.objects.filter(in_region(city.code), is_demo=True).exists()


def demo_counts(city: City) -> CityResult:
    def demo_inside(model: type[Model], field: str = "region") -> int:
        return model.objects.filter(in_region(city.code, field), is_demo=True).count()

    return CityResult(
        city=city,
        created=False,
        organizations=demo_inside(Organization),
        platforms=demo_inside(Platform),
        people=demo_inside(Person, "organization__region"),
        instruments=demo_inside(Instrument, "owner__region"),
        achievements=demo_inside(Achievement, "owner__region"),
        needs=demo_inside(TechnologyNeed, "enterprise__region"),
    )


def populate_city(city: City, scale: float = 1.0) -> CityResult:
    """Generate and store a city's demo population unless it already has one."""
    if has_demo_population(city):
        return demo_counts(city)
    plan = plan_city(city, counties_of(city), scale)
    store_plan(plan)
    return CityResult(
        city=city,
        created=True,
        organizations=len(plan.members),
        platforms=len(plan.platforms),
        people=len(plan.people),
        instruments=len(plan.instruments),
        achievements=len(plan.achievements),
        needs=len(plan.needs),
    )


@transaction.atomic
def store_plan(plan: CityPlan) -> None:
    # bulk_create fills in primary keys (SQLite and PostgreSQL), so later rows can point at earlier ones.
    Organization.objects.bulk_create(plan.organizations, batch_size=BATCH)
    Qualification.objects.bulk_create(plan.qualifications, batch_size=BATCH)
    AnnualData.objects.bulk_create(plan.annual_data, batch_size=BATCH)
    Platform.objects.bulk_create(plan.platforms, batch_size=BATCH)
    PlatformEvent.objects.bulk_create(plan.events, batch_size=BATCH)
    partnership = Platform.partners.through
    partnership.objects.bulk_create(
        [
            partnership(platform_id=platform.pk, organization_id=partner.pk)
            for platform, partner in plan.partners
        ],
        batch_size=BATCH,
    )
    Person.objects.bulk_create(plan.people, batch_size=BATCH)
    Instrument.objects.bulk_create(plan.instruments, batch_size=BATCH)
    Achievement.objects.bulk_create(plan.achievements, batch_size=BATCH)
    TechnologyNeed.objects.bulk_create(plan.needs, batch_size=BATCH)

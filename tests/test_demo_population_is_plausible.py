"""The demo population looks like the seed cities: valid USCCs, every county, every lifecycle stage,
qualifications with their real validity, five years of figures, the departments the seeds name."""

import datetime as dt
from collections import defaultdict

from registry.demo import FIRST_YEAR, LAST_YEAR, REFERENCE_DATE
from registry.demo.cities import CITIES
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
    TechnologyNeed,
)
from registry.region_lookups import in_region
from registry.validators import validate_uscc
from registry.vocabulary import OrganizationKind, PlatformStage, QualificationType


def test_every_uscc_is_valid_and_every_name_unique(run_demo):
    run_demo()
    organizations = list(Organization.objects.all())
    for organization in organizations:
        validate_uscc(organization.uscc)
        assert organization.uscc[2:8] == organization.region_id
    assert len({organization.name for organization in organizations}) == len(organizations)


def test_enterprises_are_spread_over_the_counties_of_each_city(run_demo):
    run_demo()
    for city in CITIES:
        enterprises = Organization.objects.enterprises().filter(in_region(city.code))
        counties = set(enterprises.values_list("region_id", flat=True))
        assert counties <= set(Region.objects.filter(parent_id=city.code).values_list("code", flat=True))
        assert len(counties) >= 3, city.name
        industries = set(enterprises.values_list("industry", flat=True))
        assert industries <= {industry.label for industry in city.industries}


def test_every_city_has_platforms_in_every_lifecycle_stage(run_demo):
    run_demo()
    for city in CITIES:
        platforms = Platform.objects.filter(in_region(city.code))
        stages = set(platforms.values_list("stage", flat=True))
        assert stages == set(PlatformStage.values), city.name


def test_platform_lifecycles_are_consistent_with_their_events(run_demo):
    run_demo()
    for platform in Platform.objects.prefetch_related("events"):
        events = list(platform.events.all())
        approvals = [event for event in events if event.stage == PlatformStage.APPROVED]
        assert all(event.date <= REFERENCE_DATE for event in events)
        assert [event.date for event in events] == sorted(event.date for event in events)
        assert all(approval.document for approval in approvals)
        if platform.stage in (PlatformStage.APPROVED, PlatformStage.RECTIFYING, PlatformStage.REVOKED):
            assert approvals[-1].level == platform.level
        if platform.stage in (PlatformStage.CULTIVATING, PlatformStage.APPLYING):
            assert platform.target_level and events[-1].stage == platform.stage
        if platform.stage == PlatformStage.RESERVE:
            assert not platform.level and not approvals
        assert platform.competent_department.kind == OrganizationKind.GOVERNMENT_DEPARTMENT
    climbed = [
        platform
        for platform in Platform.objects.approved()
        if platform.events.filter(stage=PlatformStage.APPROVED).count() > 1
    ]
    assert climbed


def test_qualifications_carry_their_real_validity(run_demo):
    run_demo()
    high_tech = Qualification.objects.filter(type=QualificationType.HIGH_TECH_ENTERPRISE)
    assert high_tech.exists()
    for qualification in high_tech:
        granted = qualification.granted
        assert qualification.expires == granted.replace(year=granted.year + 3) - dt.timedelta(days=1)
        assert qualification.certificate_no.startswith(f"GR{granted.year}")
    tech_smes = Qualification.objects.filter(type=QualificationType.TECH_SME)
    assert tech_smes.exists()
    assert all(q.expires == dt.date(q.granted.year, 12, 31) for q in tech_smes)


def test_every_enterprise_reports_five_years_of_growing_figures(run_demo):
    run_demo()
    years = defaultdict(list)
    for row in AnnualData.objects.all():
        years[row.organization_id].append(row.year)
        assert row.rd_expense < row.revenue
        assert row.rd_staff <= row.employees
    enterprise_ids = set(Organization.objects.enterprises().values_list("id", flat=True))
    assert set(years) == enterprise_ids
    assert all(sorted(found) == list(range(FIRST_YEAR, LAST_YEAR + 1)) for found in years.values())


def test_each_city_has_its_departments_under_their_official_names(run_demo):
    run_demo()
    for city in CITIES:
        names = set(
            Organization.objects.filter(
                kind=OrganizationKind.GOVERNMENT_DEPARTMENT, region_id=city.code
            ).values_list("name", flat=True)
        )
        assert {
            f"{city.name}市科学技术局",
            f"{city.name}市发展和改革委员会",
            f"{city.name}市工业和信息化局",
            f"{city.name}市财政局",
        } <= names


def test_all_generated_records_are_flagged_as_demo(run_demo):
    run_demo()
    for model in (Organization, Platform, Person, Instrument, Achievement, TechnologyNeed):
        assert model.objects.exists()
        assert not model.objects.filter(is_demo=False).exists(), model.__name__
    assert not PlatformEvent.objects.filter(date__gt=REFERENCE_DATE).exists()

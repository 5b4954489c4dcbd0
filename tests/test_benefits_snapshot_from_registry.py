"""Registry records become contract-3 entity snapshots that the calculator accepts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benefits.calculator import parse_snapshot
from benefits.snapshots import snapshot_for, snapshots_for
from registry.models import Organization, PlatformEvent
from tests.factories import AnnualDataFactory, OrganizationFactory, PlatformFactory, QualificationFactory

pytestmark = pytest.mark.django_db


def approve(platform, day: dt.date, level: str) -> None:
    PlatformEvent.objects.create(platform=platform, stage="approved", level=level, date=day)


def test_snapshot_reads_organization_qualifications_yearly_data_and_approvals(enterprise, other_enterprise):
    enterprise.above_designated_size = True
    enterprise.save()
    QualificationFactory(
        organization=enterprise,
        type="high_tech_enterprise",
        granted=dt.date(2024, 3, 1),
        expires=dt.date(2027, 2, 28),
    )
    AnnualDataFactory(
        organization=enterprise, year=2023, revenue=Decimal("80000000"), rd_expense=Decimal("5000000")
    )
    AnnualDataFactory(
        organization=enterprise,
        year=2024,
        revenue=Decimal("90000000.50"),
        rd_expense=Decimal("6000000"),
        employees=210,
        rd_staff=40,
        invention_patents=12,
    )
    AnnualDataFactory(organization=enterprise, year=2021)
    AnnualDataFactory(organization=enterprise, year=2020)  # older than any rule reads
    hosted = PlatformFactory(host=enterprise, platform_type="technology_innovation_center", stage="approved")
    approve(hosted, dt.date(2024, 5, 10), "national")
    approve(hosted, dt.date(2022, 5, 10), "provincial")
    partnered = PlatformFactory(host=other_enterprise, platform_type="key_laboratory", stage="approved")
    partnered.partners.add(enterprise)
    approve(partnered, dt.date(2024, 8, 1), "national")

    snapshot = snapshot_for(enterprise, 2024)

    assert snapshot["uscc"] == enterprise.uscc
    assert (snapshot["kind"], snapshot["region"]) == ("enterprise", "370302")
    assert snapshot["above_designated_size"] is True
    assert snapshot["qualifications"] == [
        {"type": "high_tech_enterprise", "granted": "2024-03-01", "expires": "2027-02-28"}
    ]
    assert snapshot["annual"] == {
        "2021": {"revenue": 80000000, "rd_expense": 5000000, "employees": 200},
        "2023": {"revenue": 80000000, "rd_expense": 5000000, "employees": 200},
        "2024": {
            "revenue": Decimal("90000000.50"),
            "rd_expense": 6000000,
            "employees": 210,
            "rd_staff": 40,
            "invention_patents": 12,
        },
    }
    assert snapshot["events"] == [
        {"type": "qualification_granted", "date": "2024-03-01", "qualification": "high_tech_enterprise"},
        {
            "type": "platform_approved",
            "date": "2024-05-10",
            "platform_type": "technology_innovation_center",
            "level": "national",
            "role": "lead",
        },
        {
            "type": "platform_approved",
            "date": "2024-08-01",
            "platform_type": "key_laboratory",
            "level": "national",
            "role": "participant",
        },
    ]
    assert parse_snapshot(snapshot).annual[2024]["rd_staff"] == 40


def test_batch_snapshots_take_the_same_number_of_queries_for_three_or_thirty_organizations(db):
    def build(count: int) -> int:
        for organization in OrganizationFactory.create_batch(count):
            AnnualDataFactory(organization=organization, year=2024)
            QualificationFactory(organization=organization)
            approve(PlatformFactory(host=organization), dt.date(2024, 1, 5), "municipal")
        with CaptureQueriesContext(connection) as queries:
            snapshots = list(snapshots_for(Organization.objects.order_by("pk"), 2024))
        assert len(snapshots) == Organization.objects.count()
        assert all(len(snapshot["events"]) == 1 for _organization, snapshot in snapshots)
        return len(queries)

    assert build(3) == build(27)


def test_a_platform_back_in_approved_after_rectification_is_not_approved_again(enterprise, bureau_admin):
    from registry.lifecycle import take

    platform = PlatformFactory(
        host=enterprise, platform_type="key_laboratory", stage="approved", level="municipal"
    )
    approve(platform, dt.date(2024, 3, 1), "municipal")
    take(platform, "rectify", by=bureau_admin, day=dt.date(2024, 6, 1), note="绩效评价不合格")
    platform.refresh_from_db()
    take(platform, "rectified", by=bureau_admin, day=dt.date(2024, 9, 1))

    approvals = [
        event for event in snapshot_for(enterprise, 2024)["events"] if event["type"] == "platform_approved"
    ]

    assert [event["date"] for event in approvals] == ["2024-03-01"]

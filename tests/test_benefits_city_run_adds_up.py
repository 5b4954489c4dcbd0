"""The city-wide run, split into chunks as background tasks, totals what entity-by-entity evaluation gives."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from benefits import tasks
from benefits.calculator import Calculator, parse_snapshot
from benefits.models import BenefitAward, BenefitRun, BenefitRunChunk, RunStatus
from benefits.rule_store import live_rulebook
from benefits.snapshots import snapshot_for
from registry.models import Organization, PlatformEvent
from tests.factories import AnnualDataFactory, OrganizationFactory, PlatformFactory, QualificationFactory

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def population(settings, monkeypatch) -> None:
    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(tasks, "CHUNK_SIZE", 3)
    for n in range(4):
        organization = OrganizationFactory(region_id="371002", above_designated_size=True)
        QualificationFactory(
            organization=organization,
            type="tech_sme",
            granted=dt.date(2024, 1, 1),
            expires=dt.date(2024, 12, 31),
        )
        AnnualDataFactory(organization=organization, year=2023, rd_expense=Decimal(10_000_000))
        AnnualDataFactory(
            organization=organization, year=2024, rd_expense=Decimal(11_000_000 + n * 1_500_000)
        )
    for level in ("national", "provincial", "municipal"):
        platform = PlatformFactory(host=OrganizationFactory(), stage="approved", level=level)
        PlatformEvent.objects.create(
            platform=platform, stage="approved", level=level, date=dt.date(2024, 4, 1)
        )
        platform.partners.add(OrganizationFactory())
    OrganizationFactory.create_batch(2)


def per_entity_total(year: int) -> Decimal:
    calculator = Calculator(live_rulebook())
    return sum(
        (
            calculator.evaluate(parse_snapshot(snapshot_for(o, year)), year).total
            for o in Organization.objects.all()
        ),
        Decimal(0),
    )


def test_run_totals_equal_the_sum_of_per_entity_evaluations(population, bureau_admin):
    run = tasks.start_run(2024, bureau_admin)
    assert run.status == RunStatus.DONE
    assert (run.done, run.total) == (Organization.objects.count(), Organization.objects.count())
    assert run.chunks.count() == -(-run.total // 3)
    expected = per_entity_total(2024)
    assert expected > 0
    assert Decimal(run.summary["total"]) == expected
    assert sum(Decimal(row["total"]) for row in run.summary["rules"]) == expected
    assert sum(Decimal(row["total"]) for row in run.summary["departments"]) == expected
    rd = next(row for row in run.summary["rules"] if row["rule_id"] == "weihai-2023.rd-increment")
    assert rd["count"] == 3  # growth of 10% with an increment of exactly 100万 is not "超过100万"


def test_a_retried_chunk_neither_double_counts_nor_reopens_the_run(population, bureau_admin):
    run = tasks.start_run(2024, bureau_admin)
    awards = BenefitAward.objects.filter(run=run).count()
    chunk = BenefitRunChunk.objects.filter(run=run).first()
    assert tasks.evaluate_chunk.call(run.pk, chunk.pk) == 0
    run.refresh_from_db()
    assert (run.done, BenefitAward.objects.filter(run=run).count()) == (run.total, awards)


def test_staff_start_the_run_and_poll_its_progress(client, population, bureau_admin):
    client.force_login(bureau_admin)
    response = client.post(reverse("benefits:run_start"), {"year": 2024}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert 'aria-valuenow="100"' in page
    assert "every 1s" not in page  # finished: the partial stops polling
    run = BenefitRun.objects.get()
    progress = client.get(reverse("benefits:run_progress", args=[run.pk])).content.decode()
    assert "资金合计" in progress
    forecast = client.get(reverse("benefits:forecast"))
    (year,) = forecast.context["years"]
    assert year["total"] == per_entity_total(2024)
    assert "市科技局、市财政局" in forecast.content.decode()

"""City-wide benefit runs ("政策找企业") as background tasks.

A run covers every organization for one year. It is split into chunks of consecutive organization
ids; each chunk is one task that any worker (`kechuang worker`, on any machine, with the database or
the RQ backend) can take. A chunk writes its awards and marks itself done in one transaction under
the chunk's row lock, so a retried chunk neither double-counts nor leaves half its awards; the chunk
that finds no other chunk pending writes the run's summary. A worker killed in the middle of a chunk
leaves it claimed and not done: `requeue_stale` (called by every `kechuang worker`) queues it again
once its lease has passed, up to ops.chunks.MAX_ATTEMPTS starts.
Each chunk rebuilds the rulebook from the rule files and the rule versions saved up to the run's
start (`rules_as_of`), so workers agree without sharing memory.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django_tasks import task

from accounts.models import User
from benefits.calculator import Calculator, parse_snapshot
from benefits.models import BenefitAward, BenefitRun, BenefitRunChunk, RunStatus, Scenario
from benefits.rule_store import live_rulebook, newest_version_id, shipped_documents
from benefits.scenarios import scenario_rulebook
from benefits.snapshots import snapshots_for
from ops import chunks as chunked
from registry.models import Organization

CHUNK_SIZE = 500


def start_run(
    year: int, user: User | None, scenario: Scenario | None = None, baseline: BenefitRun | None = None
) -> BenefitRun:
    """Create a run with its chunks and queue one task per chunk (a scenario run takes its baseline's
    rule versions, so the two differ only by the scenario)."""
    ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    blocks = [ids[start : start + CHUNK_SIZE] for start in range(0, len(ids), CHUNK_SIZE)]
    with transaction.atomic():
        run = BenefitRun.objects.create(
            year=year,
            scenario=scenario,
            baseline=baseline,
            total=len(ids),
            started_by=user,
            rules_as_of=baseline.rules_as_of if baseline else newest_version_id(),
        )
        chunks = BenefitRunChunk.objects.bulk_create(
            BenefitRunChunk(run=run, first_id=ids[0], last_id=ids[-1], size=len(ids)) for ids in blocks
        )
    if not chunks:
        finish_if_complete(run.pk)
    for chunk in chunks:
        evaluate_chunk.enqueue(run.pk, chunk.pk)
    run.refresh_from_db()
    return run


def start_what_if(year: int, scenario: Scenario, user: User | None) -> BenefitRun:
    """A scenario run beside a fresh run of the live rules, so both see the same registry data."""
    baseline = start_run(year, user)
    return start_run(year, user, scenario=scenario, baseline=baseline)


@task()
def evaluate_chunk(run_id: int, chunk_id: int) -> int:
    """Evaluate one chunk of a run; returns the number of awards written."""
    if not chunked.claim(BenefitRunChunk.objects.filter(run_id=run_id), chunk_id):
        return 0
    chunk = BenefitRunChunk.objects.select_related("run__scenario").get(pk=chunk_id)
    run = chunk.run
    try:
        written = _evaluate(run, chunk)
    except Exception:
        BenefitRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, finished_at=timezone.now())
        raise
    finish_if_complete(run.pk)
    return written


def _evaluate(run: BenefitRun, chunk: BenefitRunChunk) -> int:
    if run.scenario is not None:
        rulebook = scenario_rulebook(run.scenario.changes, run.rules_as_of)
    else:
        rulebook = live_rulebook(run.rules_as_of)
    calculator = Calculator(rulebook)
    organizations = Organization.objects.filter(pk__range=(chunk.first_id, chunk.last_id)).order_by("pk")
    awards = []
    for organization, snapshot in snapshots_for(organizations, run.year, rulebook):
        for item in calculator.evaluate(parse_snapshot(snapshot), run.year, explain=False).items:
            spec = item.rule.spec
            awards.append(
                BenefitAward(
                    run=run,
                    organization=organization,
                    rule_id=spec.id,
                    policy=item.rule.policy.code,
                    title=spec.title,
                    department=spec.department,
                    budget_line=spec.budget_line,
                    amount=item.amount,
                    excluded_by=item.excluded_by or "",
                )
            )
    with transaction.atomic():
        # Two starts of one chunk (a retry whose first start was only slow) write one after the other;
        # the second finds the chunk done and writes nothing.
        if BenefitRunChunk.objects.select_for_update().get(pk=chunk.pk).done:
            return 0
        BenefitAward.objects.filter(run=run, organization__pk__range=(chunk.first_id, chunk.last_id)).delete()
        BenefitAward.objects.bulk_create(awards, batch_size=1000)
        BenefitRunChunk.objects.filter(pk=chunk.pk).update(done=True)
        BenefitRun.objects.filter(pk=run.pk).update(done=F("done") + chunk.size)
    return len(awards)


def requeue_stale(lease: timedelta, queue_empty: bool) -> int:
    """ops.recovery's sweep over the chunks of running runs (ops.chunks)."""

    def fail(chunk: BenefitRunChunk) -> None:
        BenefitRun.objects.filter(pk=chunk.run_id).update(status=RunStatus.FAILED, finished_at=timezone.now())

    return chunked.requeue_stale(
        BenefitRunChunk.objects.filter(run__status=RunStatus.RUNNING, done=False),
        lease,
        queue_empty,
        started_field="run__started_at",
        enqueue=lambda chunk: evaluate_chunk.enqueue(chunk.run_id, chunk.pk),
        fail=fail,
    )


def finish_if_complete(run_id: int) -> None:
    with transaction.atomic():
        run = BenefitRun.objects.select_for_update().get(pk=run_id)
        if run.status != RunStatus.RUNNING or run.chunks.filter(done=False).exists():
            return
        run.summary = summarize(run)
        run.status = RunStatus.DONE
        run.finished_at = timezone.now()
        run.save(update_fields=["summary", "status", "finished_at"])


def summarize(run: BenefitRun) -> dict[str, Any]:
    """Totals by rule, policy, department and budget line (amounts as strings: JSON has no Decimal)."""
    counted = BenefitAward.objects.filter(run=run, excluded_by="")

    def grouped(*fields: str) -> list[dict[str, Any]]:
        rows = counted.values(*fields).annotate(count=Count("id"), total=Sum("amount")).order_by(*fields)
        return [{**row, "total": str(row["total"])} for row in rows]

    total = counted.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return {
        "total": str(total),
        "organizations": counted.values("organization_id").distinct().count(),
        "rules": grouped("rule_id", "title", "policy", "department"),
        "policies": grouped("policy"),
        "departments": grouped("policy", "department"),
        "budget_lines": grouped("policy", "budget_line"),
    }


def policy_titles() -> dict[str, str]:
    return {document["policy"]: document["title"] for _name, document in shipped_documents()}

"""A chunk whose worker died (claimed, never done) is queued again after its lease, once; a chunk the
queue lost (never started, nothing waiting) too; a chunk that keeps dying fails its run instead of looping."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from benefits import tasks
from benefits.models import BenefitRun, BenefitRunChunk, RunStatus
from ops.chunks import MAX_ATTEMPTS
from ops.recovery import requeue_stale
from tests.factories import OrganizationFactory

LEASE = timedelta(seconds=60)


@pytest.fixture
def queued_run(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for _ in range(3):
        OrganizationFactory()
    return tasks.start_run(2025, None)


def die_while_holding(chunk: BenefitRunChunk, attempts: int) -> None:
    """What a worker killed in the middle leaves behind: claimed long ago, not done."""
    BenefitRunChunk.objects.filter(pk=chunk.pk).update(
        claimed_at=timezone.now() - 2 * LEASE, claimed_by="other-host:4242", attempts=attempts
    )


def test_a_dead_workers_chunk_is_queued_again_once(queued_run) -> None:
    chunk = queued_run.chunks.get()
    assert DBTaskResult.objects.ready().count() == 1
    die_while_holding(chunk, attempts=1)
    assert requeue_stale(LEASE) == 1
    assert requeue_stale(LEASE) == 0  # the claim was renewed: a second sweeper leaves it alone
    assert DBTaskResult.objects.ready().count() == 2
    assert tasks.evaluate_chunk.call(queued_run.pk, chunk.pk) >= 0
    chunk.refresh_from_db()
    queued_run.refresh_from_db()
    assert (chunk.done, chunk.attempts, queued_run.status) == (True, 2, RunStatus.DONE)


def test_a_chunk_within_its_lease_is_left_alone(queued_run) -> None:
    BenefitRunChunk.objects.update(claimed_at=timezone.now(), attempts=1)
    assert requeue_stale(LEASE) == 0


def test_a_chunk_that_keeps_killing_its_worker_fails_the_run(queued_run) -> None:
    die_while_holding(queued_run.chunks.get(), attempts=MAX_ATTEMPTS)
    assert requeue_stale(LEASE) == 0
    queued_run.refresh_from_db()
    assert queued_run.status == RunStatus.FAILED


def test_chunks_the_queue_lost_are_queued_again(queued_run) -> None:
    DBTaskResult.objects.all().delete()  # what a restarted Redis without persistence does to the queue
    BenefitRun.objects.filter(pk=queued_run.pk).update(started_at=timezone.now() - 2 * LEASE)
    requeue_stale(LEASE)
    assert DBTaskResult.objects.ready().count() == 1
    requeue_stale(LEASE)  # waiting in the queue now: not queued twice
    assert DBTaskResult.objects.ready().count() == 1


def test_chunks_waiting_in_the_queue_are_not_queued_again(queued_run) -> None:
    BenefitRun.objects.filter(pk=queued_run.pk).update(started_at=timezone.now() - 2 * LEASE)
    requeue_stale(LEASE)
    assert DBTaskResult.objects.ready().count() == 1

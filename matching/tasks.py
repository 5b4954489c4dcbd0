"""Rebuilding the search index in the background (`kechuang worker`), with progress the search settings
page polls. The rebuild is split into chunks of CHUNK records of one kind (rows of IndexRebuildChunk),
each its own task, so any number of workers on any machine share it. A chunk rewrites its key range and
marks itself done in one transaction under its row lock, so a chunk retried after its worker died (or
its task raised) writes its documents once and counts them once; the chunk that finds no other pending
finishes the rebuild (ops.chunks has the claim and the retry)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from accounts.models import User
from matching import index
from matching.models import IndexRebuild, IndexRebuildChunk, RebuildStatus
from matching.sources import SOURCES
from ops import chunks as chunked

CHUNK = 2000


def start_rebuild(user: User | None = None) -> IndexRebuild:
    plan = [
        (kind, first, last)
        for kind, source in SOURCES.items()
        for first, last in index.chunk_bounds(source, CHUNK)
    ]
    total = sum(SOURCES[kind].model._base_manager.count() for kind in SOURCES)
    with transaction.atomic():
        rebuild = IndexRebuild.objects.create(
            total=total,
            chunks=len(plan),
            requested_by=user,
            status=RebuildStatus.RUNNING if plan else RebuildStatus.DONE,
        )
        parts = IndexRebuildChunk.objects.bulk_create(
            IndexRebuildChunk(rebuild=rebuild, kind=kind, first_id=first, last_id=last)
            for kind, first, last in plan
        )
    # Queued once committed: a worker elsewhere may take a chunk at once and must find its row.
    for part in parts:
        rebuild_chunk.enqueue(rebuild.pk, part.pk)
    if not plan:
        finish(rebuild.pk)
    rebuild.refresh_from_db()
    return rebuild


@task()
def rebuild_chunk(rebuild_id: int, chunk_id: int) -> int:
    """Index one chunk of a rebuild; returns the records it wrote (0 when another start did)."""
    if not chunked.claim(IndexRebuildChunk.objects.filter(rebuild_id=rebuild_id), chunk_id):
        return 0
    part = IndexRebuildChunk.objects.get(pk=chunk_id)
    with transaction.atomic():
        if IndexRebuildChunk.objects.select_for_update().get(pk=chunk_id).done:
            return 0
        written = index.index_chunk(part.kind, part.first_id, part.last_id)
        IndexRebuildChunk.objects.filter(pk=chunk_id).update(done=True)
        IndexRebuild.objects.filter(pk=rebuild_id).update(
            done=F("done") + written, chunks_done=F("chunks_done") + 1
        )
    finish_if_complete(rebuild_id)
    return written


def finish_if_complete(rebuild_id: int) -> None:
    with transaction.atomic():
        rebuild = IndexRebuild.objects.select_for_update().get(pk=rebuild_id)
        if rebuild.status != RebuildStatus.RUNNING or rebuild.parts.filter(done=False).exists():
            return
        finish(rebuild_id)


def finish(rebuild_id: int) -> None:
    for kind in SOURCES:
        index.remove_missing(kind)
    IndexRebuild.objects.filter(pk=rebuild_id).update(status=RebuildStatus.DONE, finished_at=timezone.now())


def requeue_stale(lease: timedelta, queue_empty: bool) -> int:
    """ops.recovery's sweep over the chunks of running rebuilds (ops.chunks)."""

    def fail(part: IndexRebuildChunk) -> None:
        IndexRebuild.objects.filter(pk=part.rebuild_id).update(
            status=RebuildStatus.FAILED, finished_at=timezone.now()
        )

    return chunked.requeue_stale(
        IndexRebuildChunk.objects.filter(rebuild__status=RebuildStatus.RUNNING, done=False),
        lease,
        queue_empty,
        started_field="rebuild__started_at",
        enqueue=lambda part: rebuild_chunk.enqueue(part.rebuild_id, part.pk),
        fail=fail,
    )

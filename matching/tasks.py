"""Rebuilding the search index in the background (`kechuang db_worker`), with progress the search
settings page polls. The rebuild is split into chunks of CHUNK records per kind, each its own task, so
any number of workers share it; each chunk adds what it wrote to the rebuild's counters."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from accounts.models import User
from matching import index
from matching.models import IndexRebuild, RebuildStatus
from matching.sources import SOURCES

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
        for kind, first, last in plan:
            rebuild_chunk.enqueue(rebuild.pk, kind, first, last)
    if not plan:
        finish(rebuild.pk)
    rebuild.refresh_from_db()
    return rebuild


@task()
def rebuild_chunk(rebuild_id: int, kind: str, first: int, last: int) -> int:
    written = index.index_chunk(kind, first, last)
    IndexRebuild.objects.filter(pk=rebuild_id).update(
        done=F("done") + written, chunks_done=F("chunks_done") + 1
    )
    rebuild = IndexRebuild.objects.get(pk=rebuild_id)
    if rebuild.chunks_done >= rebuild.chunks:
        finish(rebuild_id)
    return written


def finish(rebuild_id: int) -> None:
    for kind in SOURCES:
        index.remove_missing(kind)
    IndexRebuild.objects.filter(pk=rebuild_id).update(status=RebuildStatus.DONE, finished_at=timezone.now())

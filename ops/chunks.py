"""Batch work split into chunks that any worker takes, and taken again when its worker dies.

A chunk is a row of its app's chunk table (fields of `ChunkState`). A worker claims it before the work
(renewing `claimed_at`, counting the attempt) and marks it done in the transaction that writes its
result, so a chunk done twice (a retry whose first start was only slow) writes once. A chunk claimed
longer than the workers' lease ago and not done lost its worker (killed, out of memory, or its task
raised): `requeue_stale` queues it again, up to MAX_ATTEMPTS starts. Used by the city-wide benefit run
(benefits.tasks), the search index rebuild (matching.tasks) and large imports (registry.tasks)."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import models
from django.db.models import F, QuerySet
from django.utils import timezone

# A chunk that keeps killing its worker (out of memory, say) fails its batch instead of looping.
MAX_ATTEMPTS = 3


class ChunkState(models.Model):
    """What a chunk table holds besides the chunk's own range."""

    done = models.BooleanField(default=False)
    # The last start by a worker ("host:pid"); a chunk left claimed longer than the lease is retried.
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(chunks: QuerySet, pk: int) -> bool:
    """Claim the chunk `pk` of `chunks` for this worker; False when it is done already."""
    return bool(
        chunks.filter(pk=pk, done=False).update(
            claimed_at=timezone.now(), claimed_by=worker_name(), attempts=F("attempts") + 1
        )
    )


def requeue_stale(
    pending: QuerySet,
    lease: timedelta,
    queue_empty: bool,
    *,
    started_field: str,
    enqueue: Callable[[Any], None],
    fail: Callable[[Any], None],
) -> int:
    """Queue again every chunk of `pending` (not done, of a running batch) that a worker started more than
    `lease` ago, and, when the queue is empty, every chunk of a batch started (`started_field`) more than
    `lease` ago that no worker ever started (the queue lost it: a Redis that keeps nothing on disk
    restarted); a chunk started MAX_ATTEMPTS times fails its batch (`fail`). Returns how many were
    queued. Safe to call from many workers at once: the claim is renewed in the statement that finds
    the chunk, so only one of them queues it."""
    model = pending.model
    cutoff = timezone.now() - lease
    if queue_empty:
        for chunk in pending.filter(claimed_at=None, **{f"{started_field}__lt": cutoff}):
            # Claimed now, so that the lease check below takes over if this start is lost too.
            if model.objects.filter(pk=chunk.pk, claimed_at=None).update(claimed_at=timezone.now()):
                enqueue(chunk)
    requeued = 0
    for chunk in pending.filter(claimed_at__lt=cutoff):
        if chunk.attempts >= MAX_ATTEMPTS:
            fail(chunk)
            continue
        if model.objects.filter(pk=chunk.pk, claimed_at__lt=cutoff).update(claimed_at=timezone.now()):
            enqueue(chunk)
            requeued += 1
    return requeued

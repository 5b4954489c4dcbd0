"""Large imports as background tasks (`kechuang worker`), split into chunks that any worker takes, with
progress the import page polls.

Small files are imported while the person waits (registry.io_views); a file of more than ASYNC_ROWS rows
becomes an ImportJob, all or nothing like the page's import, in three steps:
1. `run_import` reads the kept upload once into ImportChunk rows of CHUNK_ROWS rows (their cells);
2. `validate_chunk`, one task per chunk on any worker, parses and checks its rows and keeps their values
   and errors in its row, marking itself done in that transaction (a retried chunk overwrites, counts
   once); a chunk whose worker died is validated again after the lease (ops.chunks);
3. once every chunk is done, `publish_import` checks keys across the whole file (a record twice), then
   writes every row and marks the job done in one transaction, or writes nothing when any row failed.
   A write whose worker died rolled back and is started again.
Progress is written to the job row in autocommit, outside the write transaction: rows validated as
chunks finish, then "writing". Progress written inside the transaction would stay invisible to the
page's connection until the commit on PostgreSQL, and on SQLite a second connection could not write at
all while the import holds the database's write lock, so the write phase shows as one step.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import timedelta
from typing import Any

from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from accounts.models import User
from ops import chunks as chunked
from registry.io import ImportReport, RowError, staging
from registry.io.columns import Column, KindColumns
from registry.io.formats import Table, format_of, read_table
from registry.io.importer import lookups_for, opened, parse_row, publish
from registry.io.uploads import discard, open_kept
from registry.models import ImportChunk, ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)
ASYNC_ROWS = 2000
# How often a running import says it is alive; far below the workers' lease (KECHUANG_TASK_LEASE_SECONDS).
HEARTBEAT_SECONDS = 10.0
# The page lists at most this many errors; the job keeps a few more than it shows.
KEPT_ERRORS = 1000
# Rows per chunk: one worker's share, validated in a few seconds.
CHUNK_ROWS = 5000


def start_import(kept_file: str, kind: str, file_name: str, rows: int, user: User | None) -> ImportJob:
    """Record the job, then queue it: an RQ worker elsewhere may take the task at once, so the job row
    is committed first."""
    job = ImportJob.objects.create(
        kind=kind, file_name=file_name, kept_file=kept_file, total_rows=rows, user=user
    )
    run_import.enqueue(job.pk)
    job.refresh_from_db()
    return job


@task()
def run_import(job_id: int) -> str:
    """Read one queued import's file into chunks of CHUNK_ROWS rows and queue their validation; returns
    the job's status."""
    job = ImportJob.objects.get(pk=job_id)
    if not job.running:
        return job.status
    ImportJob.objects.filter(pk=job_id).update(status=ImportJobStatus.VALIDATING, rows_done=0)
    report = ImportReport(kind=job.kind)
    try:
        with heartbeat(job_id), open_kept(job.kept_file) as kept:
            table = read_table(kept, format_of(job.kept_file))
            matched = opened(table, job.kind, report)
            parts = _split(job, table, report) if matched else []
    except Exception:
        _crashed(job_id)
        raise
    if matched is None:
        return _finish(job, report)
    # Queued once committed: a worker elsewhere may take a chunk at once and must find its row.
    for part in parts:
        validate_chunk.enqueue(job_id, part.pk)
    if not parts:
        _publish_when_validated(job_id)
    return ImportJobStatus.VALIDATING


def _split(job: ImportJob, table: Table, report: ImportReport) -> list[ImportChunk]:
    parts, rows = [], []
    for number, cells in table.rows:
        rows.append([number, staging.encode(cells)])
        if len(rows) == CHUNK_ROWS:
            parts.append(ImportChunk(job=job, number=len(parts), cells=rows))
            rows = []
    if rows:
        parts.append(ImportChunk(job=job, number=len(parts), cells=rows))
    with transaction.atomic():
        # A split started again (its first worker died after reading) replaces what it left.
        ImportChunk.objects.filter(job=job).delete()
        ImportJob.objects.filter(pk=job.pk).update(
            report={
                "headers": report.headers,
                "warnings": report.warnings,
                "file_errors": _kept(table.errors),
            }
        )
        return ImportChunk.objects.bulk_create(parts)


@task()
def validate_chunk(job_id: int, chunk_id: int) -> int:
    """Parse and check one chunk's rows, keeping their values and errors; returns the rows checked."""
    if not chunked.claim(ImportChunk.objects.filter(job_id=job_id), chunk_id):
        return 0
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportJobStatus.VALIDATING:
        return 0
    layout, columns = _columns(job)
    lookups = lookups_for(layout, columns)
    part = ImportChunk.objects.get(pk=chunk_id)
    staged, errors = [], []
    for number, cells in part.cells:
        values, row_errors = parse_row(number, staging.decode(cells), layout, columns, lookups)
        errors += row_errors
        if values is not None:
            staged.append([number, staging.encode(values)])
    with transaction.atomic():
        # A chunk validated twice (a retry whose first start was only slow) counts once.
        if ImportChunk.objects.select_for_update().get(pk=chunk_id).done:
            return 0
        ImportChunk.objects.filter(pk=chunk_id).update(staged=staged, errors=_kept(errors), done=True)
        ImportJob.objects.filter(pk=job_id).update(
            rows_done=F("rows_done") + len(part.cells), heartbeat_at=timezone.now()
        )
    _publish_when_validated(job_id)
    return len(part.cells)


def _publish_when_validated(job_id: int) -> None:
    """Queue the write once every chunk is validated; the status changes in the same statement, so of
    two chunks finishing together only one queues it."""
    if ImportChunk.objects.filter(job_id=job_id, done=False).exists():
        return
    moved = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.VALIDATING).update(
        status=ImportJobStatus.WRITING, heartbeat_at=timezone.now()
    )
    if moved:
        publish_import.enqueue(job_id)


@task()
def publish_import(job_id: int) -> str:
    """Check the keys of every validated row across the file, then write all rows in one transaction that
    also marks the job done, or none; returns the job's final status. Run again after its worker died,
    it finds nothing written and writes it all."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ImportJobStatus.WRITING:
        return job.status
    ImportJob.objects.filter(pk=job_id).update(write_attempts=F("write_attempts") + 1)
    started = time.perf_counter()
    layout, columns = _columns(job)
    parts = list(job.chunks.order_by("number"))
    report = ImportReport(
        kind=job.kind,
        rows=sum(len(part.cells) for part in parts),
        warnings=job.report.get("warnings", []),
        errors=[RowError(**error) for error in job.report.get("file_errors", [])],
    )
    report.errors += [RowError(**error) for part in parts for error in part.errors]
    parsed = ((number, staging.decode(values)) for part in parts for number, values in part.staged)

    def mark_done() -> None:
        report.seconds = time.perf_counter() - started
        ImportJob.objects.filter(pk=job_id).update(**_finished(ImportJobStatus.DONE, report))

    try:
        with heartbeat(job_id):
            publish(parsed, layout, columns, report, job.user, inside=mark_done)
    except Exception:
        _crashed(job_id)
        raise
    if report.errors:
        return _finish(job, report)
    ImportChunk.objects.filter(job_id=job_id).delete()
    discard(job.kept_file)
    return ImportJobStatus.DONE


def _columns(job: ImportJob) -> tuple[KindColumns, dict[str, Column]]:
    """The job's layout and its file's headers matched to columns, as the split found them."""
    matched = opened(Table(job.report.get("headers", []), iter(())), job.kind, ImportReport(kind=job.kind))
    if matched is None:
        raise ValueError(f"import job {job.pk}: its headers no longer match its kind")
    return matched


def _kept(errors: list[RowError]) -> list[dict[str, Any]]:
    return [asdict(error) for error in errors[:KEPT_ERRORS]]


def _finished(status: str, report: ImportReport) -> dict[str, Any]:
    return {
        "status": status,
        "rows_done": report.rows,
        "errors": _kept(report.errors),
        "report": {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "seconds": round(report.seconds, 2),
            "error_count": len(report.errors),
            "warnings": report.warnings,
        },
        "finished_at": timezone.now(),
    }


def _finish(job: ImportJob, report: ImportReport) -> str:
    """A job that ends without writing (its rows had errors): the errors by row and column."""
    report.created = report.updated = report.unchanged = 0
    ImportJob.objects.filter(pk=job.pk).update(**_finished(ImportJobStatus.FAILED, report))
    ImportChunk.objects.filter(job_id=job.pk).delete()
    discard(job.kept_file)
    return ImportJobStatus.FAILED


def _crashed(job_id: int) -> None:
    # The write transaction rolled back, so the page can say that nothing was written.
    crashed = RowError(0, "", gettext("导入意外中断，未写入任何数据，请重新上传"))
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJobStatus.FAILED, errors=[asdict(crashed)], finished_at=timezone.now()
    )


@contextmanager
def heartbeat(job_id: int, every: float = HEARTBEAT_SECONDS) -> Iterator[None]:
    """Touch the job's heartbeat from a thread of its own while the import runs. (On SQLite the write
    phase holds the database's one write lock, so beats wait for it: a write longer than the lease would
    look stale. PostgreSQL beats throughout.)"""
    ImportJob.objects.filter(pk=job_id).update(heartbeat_at=timezone.now())
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(every):
                try:
                    ImportJob.objects.filter(pk=job_id).update(heartbeat_at=timezone.now())
                except DatabaseError:
                    close_old_connections()
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"import-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every)


def stale_reason(lease: timedelta) -> str:
    return gettext(
        "后台进程在导入途中停止（超过 %(seconds)s 秒没有心跳），未写入任何数据；可点击“重新导入”再试。"
    ) % {"seconds": int(lease.total_seconds())}


def requeue_stale(lease: timedelta, queue_empty: bool) -> int:
    """ops.recovery's sweep. Chunks whose worker died are validated again (ops.chunks), and a write whose
    worker died (its transaction rolled back) is started again, up to MAX_ATTEMPTS writes; returns how
    many were queued. A file being read into chunks whose heartbeat is older than `lease` lost its
    worker, and one queued longer than `lease` while the queue is empty was lost by the queue: both are
    failed with the reason and can be run again (`retry`), as the person decides."""
    cutoff = timezone.now() - lease
    reason = [asdict(RowError(0, "", stale_reason(lease)))]

    def fail(job_id: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJobStatus.FAILED, errors=reason, finished_at=timezone.now()
        )
        ImportChunk.objects.filter(job_id=job_id).delete()

    requeued = chunked.requeue_stale(
        ImportChunk.objects.filter(job__status=ImportJobStatus.VALIDATING, done=False),
        lease,
        queue_empty,
        started_field="job__created_at",
        enqueue=lambda part: validate_chunk.enqueue(part.job_id, part.pk),
        fail=lambda part: fail(part.job_id),
    )
    for job in ImportJob.objects.filter(status=ImportJobStatus.WRITING, heartbeat_at__lt=cutoff):
        if job.write_attempts >= chunked.MAX_ATTEMPTS:
            fail(job.pk)
        elif ImportJob.objects.filter(pk=job.pk, heartbeat_at__lt=cutoff).update(heartbeat_at=timezone.now()):
            publish_import.enqueue(job.pk)
            requeued += 1
    reading = ImportJob.objects.filter(
        status=ImportJobStatus.VALIDATING, heartbeat_at__lt=cutoff, chunks=None
    )
    never_started = ImportJob.objects.filter(status=ImportJobStatus.QUEUED, created_at__lt=cutoff)
    failed = [*reading.values_list("pk", flat=True)]
    if queue_empty:
        failed += never_started.values_list("pk", flat=True)
    for job_id in failed:
        fail(job_id)
    if failed:
        logger.warning("marked %d import job(s) failed: no heartbeat for %s", len(failed), lease)
    return requeued


def retry(job: ImportJob, user: User | None) -> ImportJob:
    """Run a failed job's kept upload again as a new job (validated afresh, all or nothing)."""
    if not job.retryable:
        raise ValueError(gettext("这个导入不能重试，请重新上传文件。"))
    return start_import(job.kept_file, job.kind, job.file_name, job.total_rows, user)


def job_report(job: ImportJob) -> ImportReport | None:
    """The finished job's result in the shape the import page shows a synchronous import's."""
    if job.running:
        return None
    result = job.report
    return ImportReport(
        kind=job.kind,
        rows=result.get("rows", job.rows_done),
        created=result.get("created", 0),
        updated=result.get("updated", 0),
        unchanged=result.get("unchanged", 0),
        seconds=result.get("seconds", 0.0),
        errors=[RowError(**error) for error in job.errors],
        warnings=result.get("warnings", []),
    )

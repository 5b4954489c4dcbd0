"""Large imports as background tasks (`kechuang db_worker`), with progress the import page polls.

Small files are imported while the person waits (registry.io_views); a file of more than ASYNC_ROWS rows
becomes an ImportJob. The task validates the kept upload again and writes it all-or-nothing in one
transaction, as the page does. Progress is written to the job row in autocommit, outside that
transaction: rows validated every few thousand rows, then the switch to "writing" just before the
transaction opens. Progress written inside the transaction would stay invisible to the page's connection
until the commit on PostgreSQL, and on SQLite a second connection could not write at all while the
import holds the database's write lock, so the write phase shows as one step.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from accounts.models import User
from registry.io import ImportReport, RowError, import_file
from registry.io.uploads import discard, open_kept
from registry.models import ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)
ASYNC_ROWS = 2000
# How often a running import says it is alive; far below the workers' lease (KECHUANG_TASK_LEASE_SECONDS).
HEARTBEAT_SECONDS = 10.0
# The page lists at most this many errors; the job keeps a few more than it shows.
KEPT_ERRORS = 1000


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
    """Validate and write one queued import; returns the job's final status."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if not job.running:
        return job.status

    def progress(phase: str, rows: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(status=phase, rows_done=rows)

    progress(ImportJobStatus.VALIDATING, 0)
    try:
        with heartbeat(job_id), open_kept(job.kept_file) as kept:
            report = import_file(kept, job.kind, user=job.user, progress=progress)
    except Exception:
        # The write transaction rolled back, so the page can say that nothing was written.
        crashed = RowError(0, "", gettext("导入意外中断，未写入任何数据，请重新上传"))
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJobStatus.FAILED, errors=[asdict(crashed)], finished_at=timezone.now()
        )
        raise
    status = ImportJobStatus.DONE if report.ok else ImportJobStatus.FAILED
    ImportJob.objects.filter(pk=job_id).update(
        status=status,
        rows_done=report.rows,
        errors=[asdict(error) for error in report.errors[:KEPT_ERRORS]],
        report={
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "seconds": round(report.seconds, 2),
            "error_count": len(report.errors),
            "warnings": report.warnings,
        },
        finished_at=timezone.now(),
    )
    discard(job.kept_file)
    return status


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
    """ops.recovery's sweep: a running import whose heartbeat is older than `lease` lost its worker (the
    all-or-nothing write rolled back with it), and one queued longer than `lease` while the queue is empty
    was lost by the queue. Both are failed with the reason and can be retried (`retry`); returns 0, since
    nothing is queued again by itself (the person decides)."""
    cutoff = timezone.now() - lease
    started = ImportJob.objects.filter(
        status__in=[ImportJobStatus.VALIDATING, ImportJobStatus.WRITING], heartbeat_at__lt=cutoff
    )
    never_started = ImportJob.objects.filter(status=ImportJobStatus.QUEUED, created_at__lt=cutoff)
    reason = [asdict(RowError(0, "", stale_reason(lease)))]
    failed = started.update(status=ImportJobStatus.FAILED, errors=reason, finished_at=timezone.now())
    if queue_empty:
        failed += never_started.update(
            status=ImportJobStatus.FAILED, errors=reason, finished_at=timezone.now()
        )
    if failed:
        logger.warning("marked %d import job(s) failed: no heartbeat for %s", failed, lease)
    return 0


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

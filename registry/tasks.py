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

from dataclasses import asdict

from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from accounts.models import User
from registry.io import ImportReport, RowError, import_file
from registry.io.uploads import discard, open_kept
from registry.models import ImportJob, ImportJobStatus

ASYNC_ROWS = 2000
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
        with open_kept(job.kept_file) as kept:
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

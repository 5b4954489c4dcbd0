"""A background import whose worker died (killed mid-write: nothing was written) does not stay "写入中"
forever: once its heartbeat is older than the workers' lease its write is started again, and after
ops.chunks.MAX_ATTEMPTS writes it is failed with the reason, and the person can run it again from the
kept upload."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ops.chunks import MAX_ATTEMPTS
from ops.recovery import requeue_stale
from registry.models import ImportJob, ImportJobStatus, Organization
from registry.tasks import ASYNC_ROWS, publish_import, run_import, validate_chunk
from tests.import_files import organizations_csv

LEASE = timedelta(seconds=300)
QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ROWS = ASYNC_ROWS + 10

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_job(client, bureau_admin, settings, tmp_path) -> ImportJob:
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = QUEUED
    client.force_login(bureau_admin)
    upload = SimpleUploadedFile("organizations.csv", organizations_csv(ROWS))
    client.post(reverse("registry:import"), {"kind": "organization", "file": upload})
    client.post(reverse("registry:import_confirm"))
    return ImportJob.objects.get()


def killed_while_writing(job: ImportJob, beat_ago: timedelta, attempts: int = 1) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.WRITING,
        rows_done=ROWS,
        heartbeat_at=timezone.now() - beat_ago,
        write_attempts=attempts,
    )


def validated(job: ImportJob) -> None:
    """The file read into chunks and every chunk validated by a worker; the write is queued."""
    run_import.call(job.pk)
    for part in job.chunks.all():
        validate_chunk.call(job.pk, part.pk)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.WRITING and job.rows_done == ROWS


def test_a_write_whose_worker_died_is_started_again_and_writes_everything(queued_job) -> None:
    validated(queued_job)
    killed_while_writing(queued_job, beat_ago=2 * LEASE)
    assert requeue_stale(LEASE) == 1
    assert requeue_stale(LEASE) == 0  # its heartbeat was renewed: a second sweeper leaves it alone
    assert not Organization.objects.filter(name__startswith="淄博批量公司").exists()

    assert publish_import.call(queued_job.pk) == ImportJobStatus.DONE
    queued_job.refresh_from_db()
    assert queued_job.status == ImportJobStatus.DONE and queued_job.write_attempts == 2
    assert queued_job.report["created"] == ROWS and not queued_job.chunks.exists()
    assert Organization.objects.filter(name__startswith="淄博批量公司").count() == ROWS


def test_a_job_whose_write_keeps_dying_is_failed_with_the_reason_and_retried(
    client, queued_job, settings
) -> None:
    validated(queued_job)
    killed_while_writing(queued_job, beat_ago=2 * LEASE, attempts=MAX_ATTEMPTS)
    requeue_stale(LEASE)
    queued_job.refresh_from_db()
    assert queued_job.status == ImportJobStatus.FAILED and queued_job.finished_at is not None
    page = client.get(reverse("registry:import_job", args=[queued_job.pk])).content.decode()
    assert "后台进程在导入途中停止（超过 300 秒没有心跳），未写入任何数据" in page
    assert "重新导入" in page
    assert not Organization.objects.filter(name__startswith="淄博批量公司").exists()

    settings.TASKS = IMMEDIATE
    response = client.post(reverse("registry:import_job_retry", args=[queued_job.pk]))
    again = ImportJob.objects.exclude(pk=queued_job.pk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/jobs/{again.pk}/")
    assert again.status == ImportJobStatus.DONE and again.heartbeat_at is not None
    assert Organization.objects.filter(name__startswith="淄博批量公司").count() == ROWS
    assert not again.retryable  # its upload is removed once a run has finished


def test_a_job_with_a_recent_heartbeat_is_left_running(queued_job) -> None:
    killed_while_writing(queued_job, beat_ago=timedelta(seconds=5))
    requeue_stale(LEASE)
    queued_job.refresh_from_db()
    assert queued_job.status == ImportJobStatus.WRITING


def test_a_job_the_queue_lost_is_failed_when_nothing_is_queued(queued_job) -> None:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # a Redis that kept nothing on disk restarted
    ImportJob.objects.filter(pk=queued_job.pk).update(created_at=timezone.now() - 2 * LEASE)
    requeue_stale(LEASE)
    queued_job.refresh_from_db()
    assert queued_job.status == ImportJobStatus.FAILED and queued_job.retryable

"""A background import is split into chunks that any worker validates: a chunk whose validation fails
once is retried, and the import then writes exactly what the same file imported in one process writes;
keys are checked across chunks, so a record twice in the file (in two chunks) writes nothing."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from ops.recovery import requeue_stale
from registry import tasks
from registry.io import import_file
from registry.models import ImportChunk, ImportJobStatus, Organization
from tests.import_files import organizations_csv

ROWS = 2600
LEASE = timedelta(seconds=60)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

pytestmark = pytest.mark.django_db


@pytest.fixture
def chunked(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(tasks, "CHUNK_ROWS", 1000)


IMPORTED = {"name__startswith": "淄博批量公司"}


def stored() -> list[tuple]:
    """The imported organizations and their audit rows (the bureau's own organization is not in the file)."""
    organizations = Organization.objects.filter(**IMPORTED).order_by("uscc")
    records = list(organizations.values_list("uscc", "name", "kind", "region_id", "industry"))
    history = Organization.history.filter(**IMPORTED).order_by("uscc")
    return records + list(history.values_list("uscc", "history_type", "history_user__username"))


def keep(content: bytes) -> str:
    return default_storage.save("imports/" + "c" * 32 + ".csv", ContentFile(content))


def test_a_chunk_failing_once_is_retried_and_the_import_equals_one_process(
    chunked, bureau_admin, monkeypatch
) -> None:
    content = organizations_csv(ROWS)
    report = import_file(ContentFile(content, name="organizations.csv"), "organization", user=bureau_admin)
    assert report.ok and report.created == ROWS
    expected = stored()
    Organization.objects.filter(**IMPORTED).delete()
    Organization.history.filter(**IMPORTED).delete()  # the deletion's own audit rows too

    real, failed = tasks.parse_row, []

    def fails_in_the_second_chunk_once(number, *args):
        if number == 1500 and not failed:
            failed.append(number)
            raise RuntimeError("worker lost")
        return real(number, *args)

    monkeypatch.setattr(tasks, "parse_row", fails_in_the_second_chunk_once)
    job = tasks.start_import(keep(content), "organization", "organizations.csv", ROWS, bureau_admin)

    job.refresh_from_db()
    parts = {part.number: part for part in ImportChunk.objects.filter(job=job)}
    assert job.status == ImportJobStatus.VALIDATING and sorted(parts) == [0, 1, 2]
    assert [parts[n].done for n in range(3)] == [True, False, True] and parts[1].attempts == 1
    assert job.rows_done == ROWS - 1000 and 0 < job.percent < 50
    assert not Organization.objects.filter(**IMPORTED).exists()  # nothing before every chunk is valid

    ImportChunk.objects.filter(pk=parts[1].pk).update(claimed_at=timezone.now() - 2 * LEASE)
    assert requeue_stale(LEASE) == 1

    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE and job.report["created"] == ROWS
    assert stored() == expected
    assert not ImportChunk.objects.filter(job=job).exists()  # the staged rows go once published


def test_a_record_twice_in_two_chunks_fails_the_import_and_writes_nothing(chunked, bureau_admin) -> None:
    lines = organizations_csv(ROWS).decode().split("\n")
    lines[2400] = lines[5].replace("淄博批量公司", "重复的公司")  # row 2401 repeats row 6's USCC
    job = tasks.start_import(keep("\n".join(lines).encode()), "organization", "o.csv", ROWS, bureau_admin)

    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED and job.report["created"] == 0
    assert [(error["row"], error["column"]) for error in job.errors] == [(2401, "uscc")]
    assert "与第6行重复" in job.errors[0]["message"]
    assert not Organization.objects.filter(name__endswith="的公司").exists()
    assert not Organization.objects.filter(**IMPORTED).exists()

"""A confirmed import of more than ASYNC_ROWS rows becomes a background job the page polls; smaller
files are still imported while the person waits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.io import import_file
from registry.models import ImportJob, Organization
from registry.tasks import ASYNC_ROWS
from tests.import_files import organizations_csv

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = IMMEDIATE
    return tmp_path


def upload_and_confirm(client, rows: int):
    upload = SimpleUploadedFile("organizations.csv", organizations_csv(rows))
    client.post(reverse("registry:import"), {"kind": "organization", "file": upload})
    return client.post(reverse("registry:import_confirm"), headers={"HX-Request": "true"})


@pytest.mark.django_db
def test_large_file_is_queued_and_completes_with_its_counts(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)
    rows = ASYNC_ROWS + 500

    upload_and_confirm(client, rows)

    job = ImportJob.objects.get()
    assert (job.status, job.total_rows, job.rows_done, job.percent) == ("done", rows, rows, 100)
    assert job.report["created"] == rows and job.user == bureau_admin
    assert Organization.objects.filter(name__startswith="淄博批量公司").count() == rows
    assert Organization.history.filter(history_user=bureau_admin).count() == rows
    assert not list((media / "imports").iterdir())
    page = client.get(reverse("registry:import_job", args=[job.pk]), headers={"HX-Request": "true"})
    text = page.content.decode()
    assert "导入完成" in text and f"新增{rows}条" in text and 'value="100"' in text
    assert "hx-trigger" not in text


@pytest.mark.django_db
def test_small_file_is_still_imported_synchronously(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)

    done = upload_and_confirm(client, 30)

    assert "导入完成" in done.content.decode()
    assert not ImportJob.objects.exists()
    assert Organization.objects.filter(name__startswith="淄博批量公司").count() == 30


@pytest.mark.django_db
def test_importer_reports_rows_validated_then_the_write(bureau_admin) -> None:
    seen: list[tuple[str, int]] = []
    source = SimpleUploadedFile("organizations.csv", organizations_csv(4500))

    report = import_file(
        source,
        "organization",
        user=bureau_admin,
        file_format="csv",
        progress=lambda phase, rows: seen.append((phase, rows)),
    )

    assert report.created == 4500
    assert seen == [("validating", 2000), ("validating", 4000), ("writing", 4500)]

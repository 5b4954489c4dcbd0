"""A background import that finds a bad row writes nothing and its job lists the error by row and column."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from registry.models import ImportJob, Organization
from registry.tasks import start_import
from tests.import_files import organizations_csv

ROWS = 2600


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return tmp_path


@pytest.mark.django_db
def test_bad_row_fails_the_job_and_writes_nothing(client, bureau_admin, media) -> None:
    # The file changed after its dry run, as when it is re-validated against data edited meanwhile.
    kept = default_storage.save(
        "imports/" + "a" * 32 + ".csv", ContentFile(organizations_csv(ROWS, bad_row=2500))
    )

    job = start_import(kept, "organization", "organizations.csv", ROWS, bureau_admin)

    job.refresh_from_db()
    assert job.status == "failed" and job.report["created"] == 0
    assert job.errors == [{"row": 2500, "column": "uscc", "message": job.errors[0]["message"]}]
    assert not Organization.objects.filter(name__startswith="淄博批量公司").exists()
    client.force_login(bureau_admin)
    text = client.get(reverse("registry:import_job", args=[job.pk])).content.decode()
    assert "校验未通过" in text and "未写入任何数据" in text and '<td class="num">2500</td>' in text


@pytest.mark.django_db
def test_a_missing_file_fails_the_job_without_writing(bureau_admin, media) -> None:
    job = start_import("imports/" + "b" * 32 + ".csv", "organization", "gone.csv", ROWS, bureau_admin)

    job = ImportJob.objects.get(pk=job.pk)
    assert job.status == "failed" and "未写入任何数据" in job.errors[0]["message"]

"""The upload page first shows a dry run; the confirm button then imports the same file."""

import os
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.models import Organization
from registry.validators import make_uscc

USCCS = [make_uscc("91", "370300", 600 + n) for n in range(3)]


def upload() -> SimpleUploadedFile:
    lines = ["name,uscc,kind,region"] + [
        f"淄博试运行公司{n},{uscc},企业,370302" for n, uscc in enumerate(USCCS)
    ]
    return SimpleUploadedFile("organizations.csv", "\n".join(lines).encode())


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_dry_run_previews_then_confirm_imports(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)

    preview = client.post(reverse("registry:import"), {"kind": "organization", "file": upload()})

    page = preview.content.decode()
    assert "校验通过" in page and "将新增3条" in page and "淄博试运行公司0" in page
    assert not Organization.objects.filter(uscc__in=USCCS).exists()
    assert len(list((media / "imports").iterdir())) == 1

    done = client.post(reverse("registry:import_confirm"))

    assert "导入完成" in done.content.decode()
    assert Organization.objects.filter(uscc__in=USCCS).count() == 3
    assert Organization.history.filter(uscc__in=USCCS, history_user=bureau_admin).count() == 3
    assert not list((media / "imports").iterdir())


@pytest.mark.django_db
def test_confirm_without_a_dry_run_imports_nothing(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)

    response = client.post(reverse("registry:import_confirm"))

    assert "没有待确认的导入" in response.content.decode()


@pytest.mark.django_db
def test_confirm_twice_imports_once(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)
    client.post(reverse("registry:import"), {"kind": "organization", "file": upload()})
    client.post(reverse("registry:import_confirm"))

    again = client.post(reverse("registry:import_confirm"))

    assert "没有待确认的导入" in again.content.decode()
    assert Organization.history.filter(uscc__in=USCCS).count() == 3


@pytest.mark.django_db
def test_htmx_upload_gets_only_the_result_fragment(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)

    response = client.post(
        reverse("registry:import"), {"kind": "organization", "file": upload()}, headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<section id="result"')
    assert default_storage.exists(client.session["registry_import_pending"]["file"])


@pytest.mark.django_db
def test_a_new_upload_replaces_the_unconfirmed_one(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)
    client.post(reverse("registry:import"), {"kind": "organization", "file": upload()})
    first = client.session["registry_import_pending"]["file"]

    client.post(reverse("registry:import"), {"kind": "organization", "file": upload()})

    assert not default_storage.exists(first)
    assert len(list((media / "imports").iterdir())) == 1


@pytest.mark.django_db
def test_htmx_upload_of_the_wrong_type_says_why(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)
    spreadsheet = SimpleUploadedFile("organizations.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

    response = client.post(
        reverse("registry:import"),
        {"kind": "organization", "file": spreadsheet},
        headers={"HX-Request": "true"},
    )

    assert "文件：只能上传 .xlsx、.csv 或 .jsonl 文件。" in response.content.decode()


@pytest.mark.django_db
def test_uploads_left_unconfirmed_for_a_day_are_swept(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)
    client.post(reverse("registry:import"), {"kind": "organization", "file": upload()})
    stale = media / client.session["registry_import_pending"]["file"]
    os.utime(stale, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    client.logout()
    client.force_login(bureau_admin)

    client.post(reverse("registry:import"), {"kind": "organization", "file": upload()})

    assert not stale.exists()
    assert len(list((media / "imports").iterdir())) == 1

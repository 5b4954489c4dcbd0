"""The upload page refuses files it cannot read, with a Chinese message, and stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from policies.models import Clause, PolicyDocument

FIFTY_MEGABYTES = 50 * 1024 * 1024


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, name: str, content: bytes, region: str = "370300"):
    return client.post(
        reverse("policies:document_upload"), {"file": SimpleUploadedFile(name, content), "region": region}
    )


def assert_refused(response, message: str, media) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PolicyDocument.objects.exists() and not Clause.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))


@pytest.mark.django_db
def test_a_fifty_megabyte_upload_is_refused_with_its_size(client, bureau_admin, media):
    client.force_login(bureau_admin)

    response = upload(client, "政策.pdf", b"%PDF-1.7\n" + b"0" * FIFTY_MEGABYTES)

    assert_refused(response, "文件过大（50 MB），上传上限为 20 MB。", media)


@pytest.mark.django_db
def test_an_unsupported_file_type_is_refused(client, bureau_admin, media):
    client.force_login(bureau_admin)

    response = upload(client, "政策.exe", b"MZ\x90\x00")

    assert_refused(response, "不支持的文件类型“.exe”", media)


@pytest.mark.django_db
def test_an_empty_file_is_refused(client, bureau_admin, media):
    client.force_login(bureau_admin)

    response = upload(client, "政策.txt", b"")

    assert_refused(response, "所提交的是空文件", media)


@pytest.mark.django_db
def test_a_docx_that_is_not_a_docx_is_refused(client, bureau_admin, media):
    client.force_login(bureau_admin)

    response = upload(client, "政策.docx", "一、总体要求".encode())

    assert_refused(response, "文件内容与扩展名“.docx”不符", media)


@pytest.mark.django_db
def test_an_unknown_region_code_is_refused(client, bureau_admin, media):
    client.force_login(bureau_admin)

    response = upload(client, "政策.txt", "一、总体要求".encode(), region="999999")

    assert_refused(response, "未知的行政区划代码“999999”", media)

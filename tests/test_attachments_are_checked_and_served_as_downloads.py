"""Progress-report attachments and close-out evidence: only allowed types and sizes are stored, and they are
served only to users who see the task, as downloads that no browser runs, with debugging on or off."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planning.models import ProgressReport, Task
from planning.plans import set_units

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>'
HTML = b"<html><script>fetch('/admin/')</script></html>"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def task() -> Task:
    task = Task.objects.create(
        policy_code="zibo-2023-sci-province",
        clause_path="五.10",
        title="建设创新平台",
        region_id="370300",
        deadline=dt.date(2027, 12, 31),
    )
    set_units(task, ["市科技局"], [])
    return task


def _report(client, task, name: str, content: bytes):
    return client.post(
        reverse("planning:report_progress", args=[task.pk]),
        {"text": "已完成", "percentage": 50, "attachment": SimpleUploadedFile(name, content)},
        follow=True,
    )


def _stored(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("图.svg", SVG, "不接受“.svg”类型的附件"),
        ("页.html", HTML, "不接受“.html”类型的附件"),
        ("假.pdf", HTML, "附件内容与扩展名“.pdf”不符"),
        ("说明.txt", HTML, "文本附件只能是纯文字"),
        ("大.pdf", b"%PDF-1.4" + b"0" * (11 * 1024 * 1024), "附件太大（11.0 MB），上限为 10 MB"),
    ],
)
def test_active_wrong_or_large_attachments_are_refused(
    client, bureau_admin, task, uploads_in_tmp, name, content, message
) -> None:
    client.force_login(bureau_admin)
    response = _report(client, task, name, content)
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert not _stored(uploads_in_tmp)


def test_active_close_out_evidence_is_refused(client, bureau_admin, task, uploads_in_tmp) -> None:
    client.force_login(bureau_admin)
    response = client.post(
        reverse("planning:close_out", args=[task.pk]),
        {"note": "完成", "evidence": SimpleUploadedFile("证明.svg", SVG)},
        follow=True,
    )
    assert "不接受“.svg”类型的附件" in response.content.decode()
    task.refresh_from_db()
    assert task.closed_at is None and not _stored(uploads_in_tmp)


@pytest.mark.parametrize("debug", [True, False])
def test_attachments_are_downloads_for_those_who_see_the_task(
    client, bureau_admin, enterprise_user, task, settings, debug
) -> None:
    client.force_login(bureau_admin)
    _report(client, task, "考核办法.pdf", PDF)
    report = ProgressReport.objects.get()
    client.post(reverse("planning:close_out", args=[task.pk]), {"note": "完成"})
    task.refresh_from_db()
    assert task.closed_at is not None
    page = client.get(task.get_absolute_url()).content.decode()
    attachment_url = reverse("planning:report_attachment", args=[task.pk, report.pk])
    assert attachment_url in page
    assert report.attachment.url not in page  # the storage's own address is never linked

    settings.DEBUG = debug
    response = client.get(attachment_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF

    client.logout()
    anonymous = client.get(attachment_url)
    assert anonymous.status_code == 302 and "/accounts/login" in anonymous["Location"]
    assert client.get("/" + report.attachment.url.lstrip("/")).status_code == 404
    client.force_login(enterprise_user)
    assert client.get(attachment_url).status_code == 403
    other_task = Task.objects.create(title="另一项", region_id="370300", policy_code="x")
    wrong_task = reverse("planning:report_attachment", args=[other_task.pk, report.pk])
    client.force_login(bureau_admin)
    assert client.get(wrong_task).status_code == 404


def test_a_policy_original_is_a_download_only_for_those_who_see_the_document(client, bureau_admin) -> None:
    from django.core.files.base import ContentFile

    from policies.models import PolicyDocument

    draft = PolicyDocument.objects.create(code="draft-1", title="草稿", region_id="370300", text="一、总则")
    draft.source_file.save("政策.html", ContentFile(HTML))
    url = reverse("policies:document_source", args=[draft.pk])
    assert client.get(url).status_code == 404  # drafts are for government staff only
    client.force_login(bureau_admin)
    assert url in client.get(draft.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"  # an .html original is never a page
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == HTML
    response.close()

"""A refused 销号 or progress report comes back with what the user typed and the reason beside the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planning.models import Task
from planning.plans import set_units

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def task() -> Task:
    made = Task.objects.create(
        policy_code="p", clause_path="一", title="出台研发投入考核办法", region_id="370300"
    )
    set_units(made, ["市工业和信息化局"], [])
    return made


def test_close_out_without_evidence_keeps_the_note(client, bureau_admin, task):
    client.force_login(bureau_admin)
    note = "考核办法已由市政府常务会审议通过"
    response = client.post(reverse("planning:close_out", args=[task.pk]), {"note": note})
    assert response.status_code == 200
    assert note in response.text
    assert "销号需要佐证材料" in response.text
    task.refresh_from_db()
    assert task.closed_at is None


def test_close_out_without_a_note_says_so_and_asks_for_the_file_again(client, bureau_admin, task):
    client.force_login(bureau_admin)
    evidence = SimpleUploadedFile("印发通知.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(reverse("planning:close_out", args=[task.pk]), {"note": "", "evidence": evidence})
    assert response.status_code == 200
    assert "已选择的文件未保存，请重新选择。" in response.text
    task.refresh_from_db()
    assert task.closed_at is None


def test_a_refused_progress_report_keeps_the_text(client, department_officer, task):
    client.force_login(department_officer)
    text = "已完成征求意见稿"
    response = client.post(
        reverse("planning:report_progress", args=[task.pk]), {"text": text, "percentage": 140}
    )
    assert response.status_code == 200
    assert text in response.text
    assert not task.reports.exists()


def test_an_accepted_close_out_still_returns_to_the_task(client, bureau_admin, task):
    client.force_login(bureau_admin)
    evidence = SimpleUploadedFile("印发通知.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("planning:close_out", args=[task.pk]), {"note": "已印发", "evidence": evidence}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.closed_at is not None

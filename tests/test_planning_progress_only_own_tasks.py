"""Officers report progress only on tasks their unit leads or cooperates on; the bureau closes out."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from planning import ledger
from planning.models import Task
from planning.permissions import can_report_progress
from planning.plans import set_units
from tests.factories import DepartmentFactory, persona

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path) -> None:
    """Attachments go to a throw-away media folder, not the shared ./var."""
    settings.MEDIA_ROOT = tmp_path / "media"


def make_task(title: str, lead: list[str], cooperating: list[str] = (), region: str = "370300") -> Task:
    task = Task.objects.create(
        policy_code="zibo-2023-sci-province",
        clause_path="五.10",
        title=title,
        region_id=region,
        deadline=dt.date(2027, 12, 31),
    )
    set_units(task, lead, list(cooperating))
    return task


@pytest.fixture
def soe_task() -> Task:
    return make_task("推动国有企业创新示范", ["市国资委", "市财政局"], ["市科技局"])


@pytest.fixture
def education_task() -> Task:
    return make_task("实施科教协同育人计划", ["市教育局"], ["市委组织部"])


@pytest.fixture
def sasac_officer():
    return persona(
        Role.DEPARTMENT_OFFICER,
        DepartmentFactory(name="淄博市人民政府国有资产监督管理委员会"),
        username="guoziwei",
    )


def test_officer_reports_on_a_task_its_unit_leads(sasac_officer, soe_task) -> None:
    report = ledger.report_progress(soe_task, sasac_officer, text="已出台研发投入考核办法", percentage=40)
    assert report.unit == "市国资委"
    assert ledger.row(soe_task).status == "in_progress"
    assert ledger.row(soe_task).progress == 40


def test_cooperating_unit_may_report_too(soe_task) -> None:
    officer = persona(Role.DEPARTMENT_OFFICER, DepartmentFactory(name="淄博市科学技术局"), username="kjj")
    assert can_report_progress(officer, soe_task)


def test_officer_cannot_report_on_another_units_task(sasac_officer, education_task) -> None:
    assert not can_report_progress(sasac_officer, education_task)
    with pytest.raises(PermissionDenied):
        ledger.report_progress(education_task, sasac_officer, text="越权", percentage=10)
    assert education_task.reports.count() == 0


def test_same_unit_name_in_another_city_does_not_match(soe_task) -> None:
    anshun = persona(
        Role.DEPARTMENT_OFFICER, DepartmentFactory(name="安顺市国资委", region_id="520400"), username="anshun"
    )
    assert not can_report_progress(anshun, soe_task)


def test_enterprise_user_cannot_report(enterprise_user, soe_task) -> None:
    assert not can_report_progress(enterprise_user, soe_task)


def test_progress_view_refuses_another_units_task(client, sasac_officer, education_task) -> None:
    client.force_login(sasac_officer)
    response = client.post(
        reverse("planning:report_progress", args=[education_task.pk]), {"text": "越权", "percentage": 10}
    )
    assert response.status_code == 403
    assert education_task.reports.count() == 0


def test_percentage_outside_0_to_100_is_refused(sasac_officer, soe_task) -> None:
    with pytest.raises(ValidationError):
        ledger.report_progress(soe_task, sasac_officer, text="超额", percentage=120)
    assert soe_task.reports.count() == 0


def test_close_out_needs_the_bureau_and_evidence(bureau_admin, sasac_officer, soe_task) -> None:
    with pytest.raises(PermissionDenied):
        ledger.close_out(soe_task, sasac_officer, note="完成", evidence=SimpleUploadedFile("a.pdf", b"%PDF"))
    with pytest.raises(ValidationError) as error:
        ledger.close_out(soe_task, bureau_admin, note="完成")
    assert "佐证材料" in str(error.value)
    soe_task.refresh_from_db()
    assert soe_task.closed_at is None


def test_bureau_closes_out_citing_a_reports_attachment(bureau_admin, sasac_officer, soe_task) -> None:
    ledger.report_progress(
        soe_task,
        sasac_officer,
        text="全部完成",
        percentage=100,
        attachment=SimpleUploadedFile("考核办法.pdf", b"%PDF-1.4"),
    )
    closed = ledger.close_out(soe_task, bureau_admin, note="淄国资发〔2024〕3号已印发")
    assert closed.closed_by == bureau_admin
    entry = ledger.row(Task.objects.get(pk=soe_task.pk))
    assert (entry.status, entry.progress, entry.on_time) == ("done", 100, True)
    assert not can_report_progress(sasac_officer, closed)
    assert closed.history.first().closure_note == "淄国资发〔2024〕3号已印发"


def test_close_view_refuses_officers(client, sasac_officer, soe_task) -> None:
    client.force_login(sasac_officer)
    response = client.post(reverse("planning:close_out", args=[soe_task.pk]), {"note": "完成"})
    assert response.status_code == 403


def test_ledger_pages_are_closed_to_enterprises_and_visitors(client, enterprise_user) -> None:
    assert client.get(reverse("planning:ledger")).status_code == 302
    client.force_login(enterprise_user)
    assert client.get(reverse("planning:ledger")).status_code == 403
    assert client.get(reverse("planning:dashboard")).status_code == 403


def test_officer_sees_its_own_tasks_with_mine(client, sasac_officer, soe_task, education_task) -> None:
    client.force_login(sasac_officer)
    response = client.get(reverse("planning:ledger"), {"mine": "on"})
    assert [entry.task for entry in response.context["listing"].object_list] == [soe_task]


def test_a_second_close_out_of_a_task_read_before_the_first_is_refused(bureau_admin, soe_task) -> None:
    stale = Task.objects.get(pk=soe_task.pk)
    evidence = SimpleUploadedFile("a.pdf", b"%PDF")
    first = ledger.close_out(soe_task, bureau_admin, note="第一次", evidence=evidence)
    with pytest.raises(ValidationError) as error:
        ledger.close_out(stale, bureau_admin, note="第二次", evidence=SimpleUploadedFile("b.pdf", b"%PDF"))
    assert "已销号" in str(error.value)
    soe_task.refresh_from_db()
    assert (soe_task.closure_note, soe_task.closed_at) == ("第一次", first.closed_at)

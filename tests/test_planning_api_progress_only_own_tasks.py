"""The task ledger over the API: staff read it (contract 6) filtered by unit and status; a department
officer reports progress only on its own unit's open tasks, with the pages' permission functions."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken, Role, User
from planning.models import ProgressReport, Task
from planning.plans import set_units
from tests.factories import DepartmentFactory, persona

pytestmark = pytest.mark.django_db
TASKS = "/api/planning/tasks/"


def make_task(title: str, lead: list[str], cooperating: list[str] = (), deadline: str = "2099-12-31") -> Task:
    task = Task.objects.create(
        policy_code="zibo-2023-sci-province",
        clause_path="五.10",
        title=title,
        region_id="370300",
        deadline=dt.date.fromisoformat(deadline),
    )
    set_units(task, lead, list(cooperating))
    return task


@pytest.fixture
def soe_task() -> Task:
    return make_task("推动国有企业创新示范", ["市国资委"], ["市科技局"])


@pytest.fixture
def education_task() -> Task:
    return make_task("实施科教协同育人计划", ["市教育局"], deadline="2021-06-30")


@pytest.fixture
def sasac_officer() -> User:
    department = DepartmentFactory(name="淄博市人民政府国有资产监督管理委员会")
    return persona(Role.DEPARTMENT_OFFICER, department, username="guoziwei")


def progress(client: Client, task: Task, **body: object):
    return client.post(f"{TASKS}{task.pk}/progress", body, content_type="application/json")


def test_ledger_lists_tasks_by_unit_and_status(
    client: Client, bureau_admin: User, soe_task, education_task
) -> None:
    client.force_login(bureau_admin)
    body = client.get(TASKS).json()
    assert body["count"] == 2
    soe = next(item for item in body["items"] if item["id"] == soe_task.pk)
    assert soe == {
        "id": soe_task.pk,
        "policy": "zibo-2023-sci-province",
        "clause": "五.10",
        "title": "推动国有企业创新示范",
        "lead_units": ["市国资委"],
        "cooperating_units": ["市科技局"],
        "deadline": "2099-12-31",
        "status": "not_started",
        "progress": 0,
    }
    by_unit = client.get(TASKS, {"unit": "淄博市科学技术局"}).json()
    assert [item["id"] for item in by_unit["items"]] == [soe_task.pk]
    overdue = client.get(TASKS, {"status": "overdue"}).json()
    assert [item["id"] for item in overdue["items"]] == [education_task.pk]
    assert client.get(TASKS, {"status": "late"}).status_code == 422


def test_officer_reports_progress_on_its_own_task(client: Client, sasac_officer: User, soe_task) -> None:
    client.force_login(sasac_officer)
    response = progress(client, soe_task, text="已出台研发投入考核办法", percentage=40)
    assert response.status_code == 201
    assert response.json()["status"] == "in_progress"
    assert response.json()["progress"] == 40
    report = ProgressReport.objects.get(task=soe_task)
    assert (report.unit, report.reported_by, report.text) == (
        "市国资委",
        sasac_officer,
        "已出台研发投入考核办法",
    )
    assert client.get(f"{TASKS}{soe_task.pk}").json()["progress"] == 40


def test_officer_cannot_report_on_another_units_task(
    client: Client, sasac_officer: User, education_task
) -> None:
    client.force_login(sasac_officer)
    response = progress(client, education_task, text="越权填报", percentage=10)
    assert response.status_code == 403
    assert response.json()["detail"] == "只能填报本单位牵头或配合的任务。"
    assert not ProgressReport.objects.exists()


def test_closed_task_takes_no_more_reports(client: Client, sasac_officer: User, soe_task) -> None:
    soe_task.closed_at = timezone.now()
    soe_task.save()
    client.force_login(sasac_officer)
    response = progress(client, soe_task, text="补报", percentage=100)
    assert response.status_code == 403
    assert response.json()["detail"] == "任务已销号，不能再填报进展。"
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [({"text": "   ", "percentage": 30}, "text"), ({"text": "进展", "percentage": 130}, "percentage")],
)
def test_bad_reports_are_refused_per_field(
    client: Client, sasac_officer: User, soe_task, body, field
) -> None:
    client.force_login(sasac_officer)
    response = progress(client, soe_task, **body)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    assert not ProgressReport.objects.exists()


def test_non_staff_and_anonymous_are_refused(client: Client, enterprise_user: User, soe_task) -> None:
    assert client.get(TASKS).status_code == 401
    assert progress(client, soe_task, text="进展", percentage=10).status_code == 401
    client.force_login(enterprise_user)
    assert client.get(TASKS).status_code == 403
    assert client.get(f"{TASKS}{soe_task.pk}").status_code == 403
    assert progress(client, soe_task, text="进展", percentage=10).status_code == 403
    assert not ProgressReport.objects.exists()


def test_unknown_task_is_not_found(client: Client, bureau_admin: User) -> None:
    client.force_login(bureau_admin)
    assert client.get(f"{TASKS}999999").status_code == 404
    assert (
        client.post(
            f"{TASKS}999999/progress", {"text": "x", "percentage": 1}, content_type="application/json"
        ).status_code
        == 404
    )


def test_token_authenticates_and_session_needs_csrf(sasac_officer: User, soe_task) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(sasac_officer)
    assert progress(browser, soe_task, text="无 CSRF", percentage=10).status_code == 403
    assert not ProgressReport.objects.exists()
    _token, raw = ApiToken.issue(sasac_officer, name="台账同步")
    script = Client(enforce_csrf_checks=True)
    response = script.post(
        f"{TASKS}{soe_task.pk}/progress",
        {"text": "脚本填报", "percentage": 20},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201
    assert ProgressReport.objects.get().reported_by == sasac_officer

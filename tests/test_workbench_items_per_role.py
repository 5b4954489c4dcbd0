"""Each role's workbench items: what they count, and that each count's link lists exactly those records."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from kechuang import workbench
from matching.models import Challenge, ChallengeApplication, ExpertProfile, Review
from planning.models import ProgressReport, Task
from planning.plans import set_units
from policies.models import PolicyDocument
from registry.models import AnnualData, Person, TechnologyNeed
from registry.vocabulary import PlatformStage
from sharing.models import Booking, Voucher
from tests.factories import DepartmentFactory, PlatformFactory, persona
from tests.sharing_helpers import at, lab, lab_manager, shared_instrument

pytestmark = pytest.mark.django_db


def items(user) -> dict[str, workbench.Item]:
    return {item.key: item for item in workbench.collect(user)}


def task(title: str, days: int | None, lead: str = "市科技局", region: str = "370300") -> Task:
    deadline = timezone.localdate() + dt.timedelta(days=days) if days is not None else None
    made = Task.objects.create(
        policy_code="zibo-2023-sci-province",
        clause_path="一.1",
        title=title,
        region_id=region,
        deadline=deadline,
    )
    set_units(made, [lead], [])
    return made


def listed_tasks(client, url: str) -> int:
    text = client.get(url).text
    return len(re.findall(r'<tr data-task="\d+"', text))


def test_bureau_sees_overdue_and_due_soon_tasks_that_the_ledger_lists(client, bureau_admin):
    task("已过时限的任务", -3)
    task("十天后到期的任务", 10)
    task("明年到期的任务", 400)
    found = items(bureau_admin)
    assert found["planning.overdue_tasks"].count == 1
    assert found["planning.overdue_tasks"].alarming
    assert found["planning.due_soon_tasks"].count == 1
    client.force_login(bureau_admin)
    assert listed_tasks(client, found["planning.overdue_tasks"].url) == 1
    assert listed_tasks(client, found["planning.due_soon_tasks"].url) == 1
    assert "十天后到期的任务" in client.get(found["planning.due_soon_tasks"].url).text


def test_bureau_sees_drafts_to_confirm(client, bureau_admin):
    for n, status in enumerate(["draft", "draft", "confirmed"]):
        PolicyDocument.objects.create(
            code=f"doc-{n}", title=f"测试文件{n}", region_id="370300", text="正文", status=status
        )
    item = items(bureau_admin)["policies.drafts"]
    assert item.count == 2
    client.force_login(bureau_admin)
    page = client.get(item.url).text
    assert "测试文件0" in page and "测试文件1" in page and "测试文件2" not in page


def test_bureau_sees_platform_applications_waiting(client, bureau_admin):
    PlatformFactory(stage=PlatformStage.APPLYING, name="申报中的测试平台")
    PlatformFactory(stage=PlatformStage.CULTIVATING, name="培育中的测试平台")
    item = items(bureau_admin)["registry.applying_platforms"]
    assert item.count == 1
    client.force_login(bureau_admin)
    page = client.get(item.url).text
    assert "申报中的测试平台" in page and "培育中的测试平台" not in page


def test_bureau_sees_vouchers_waiting(client, bureau_admin, enterprise_user):
    for status in ["applied", "approved"]:
        Voucher.objects.create(
            enterprise=enterprise_user.organization,
            year=2026,
            planned_cost_yuan=Decimal("10000"),
            purpose=f"检测服务-{status}",
            status=status,
            applied_by=enterprise_user,
        )
    item = items(bureau_admin)["sharing.vouchers_waiting"]
    assert item.count == 1
    client.force_login(bureau_admin)
    assert len(re.findall(r'<a href="/sharing/vouchers/\d+/"', client.get(item.url).text)) == 1


def test_bureau_does_not_get_an_enterprise_s_cards(bureau_admin):
    found = items(bureau_admin)
    assert "registry.annual_data" not in found
    assert "benefits.benefits" not in found


def test_officer_sees_own_tasks_and_the_reports_due(client, department_officer):
    own = task("工信局牵头的任务", 100, lead="市工业和信息化局")
    reported = task("工信局上周报告过的任务", 100, lead="市工业和信息化局")
    ProgressReport.objects.create(task=reported, unit="市工业和信息化局", text="推进中", percentage=40)
    task("工信局逾期的任务", -1, lead="市工业和信息化局")
    task("别的单位的任务", -1, lead="市教育局")
    found = items(department_officer)
    assert found["planning.own_tasks"].count == 3
    assert found["planning.overdue_tasks"].count == 1
    assert found["planning.reports_due"].count == 2
    assert "policies.drafts" not in found
    client.force_login(department_officer)
    page = client.get(found["planning.reports_due"].url).text
    assert own.title in page and reported.title not in page and "别的单位的任务" not in page
    assert listed_tasks(client, found["planning.overdue_tasks"].url) == 1


def test_enterprise_sees_its_organization_and_the_yearly_data_it_owes(client, enterprise_user):
    year = timezone.localdate().year - 1
    organization = enterprise_user.organization
    AnnualData.objects.create(organization=organization, year=year, revenue=Decimal("1000"), employees=3)
    found = items(enterprise_user)
    assert found["registry.own_organization"].url == organization.get_absolute_url()
    annual = found["registry.annual_data"]
    assert annual.count == 4
    assert str(year) in annual.detail
    client.force_login(enterprise_user)
    page = client.get(annual.url)
    assert page.status_code == 200
    assert "填报年度数据" in page.text or "年度数据" in page.text


def test_enterprise_sees_its_benefits_near_misses_needs_and_bookings(client, enterprise_user):
    TechnologyNeed.objects.create(title="测试需求", enterprise=enterprise_user.organization, field="新材料")
    found = items(enterprise_user)
    assert found["benefits.benefits"].url.startswith(reverse("benefits:mine"))
    assert found["benefits.nearly"].url.endswith("#nearly")
    assert found["matching.own_needs"].count == 1
    assert found["sharing.upcoming_bookings"].count == 0
    client.force_login(enterprise_user)
    assert client.get(found["benefits.benefits"].url).status_code == 200


def test_expert_sees_profile_and_assigned_reviews(client, expert_user, department):
    person = Person.objects.create(name="王专家", fields="新材料", user=expert_user)
    ExpertProfile.objects.create(person=person, stated_fields="新材料", status="approved")
    challenge = Challenge.objects.create(
        title="测试榜单",
        goal="g",
        field="新材料",
        budget_yuan=Decimal("1"),
        deadline=dt.date.today(),
        publisher=department,
        region_id="370300",
    )
    application = ChallengeApplication.objects.create(
        challenge=challenge, team_name="t", applicant=department
    )
    review = Review.objects.create(application=application, reviewer=person)
    found = items(expert_user)
    assert found["matching.profile"].url == reverse("matching:expert_profile")
    assert found["matching.reviews"].count == 1
    assert found["matching.reviews"].url == reverse("matching:review", args=[review.pk])
    client.force_login(expert_user)
    assert client.get(found["matching.reviews"].url).status_code == 200


def test_lab_owner_sees_bookings_to_approve_and_usage_to_record(client, enterprise_user):
    owner = lab()
    manager = lab_manager(owner)
    shared = shared_instrument(owner)
    Booking.objects.create(
        shared=shared,
        requester=enterprise_user,
        organization=enterprise_user.organization,
        user_kind="enterprise",
        start=at(3, 9),
        end=at(3, 11),
        purpose="形貌观察",
    )
    found = items(manager)
    assert found["sharing.bookings_waiting"].count == 1
    assert found["sharing.usages_due"].count == 0
    client.force_login(manager)
    page = client.get(found["sharing.bookings_waiting"].url).text
    assert "形貌观察" in page or shared.instrument.name in page
    assert "sharing.bookings_waiting" not in items(enterprise_user)
    assert items(enterprise_user)["sharing.upcoming_bookings"].count == 1


def test_an_officer_of_another_city_does_not_count_zibo_tasks(department_officer):
    other = persona(
        Role.DEPARTMENT_OFFICER, DepartmentFactory(name="威海市工业和信息化局", region_id="371000")
    )
    task("淄博工信局的任务", -1, lead="市工业和信息化局")
    assert items(other)["planning.own_tasks"].count == 0

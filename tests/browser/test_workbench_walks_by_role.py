"""Each role logs in, lands on its workbench and reaches its main job in at most two clicks; the
targets page shows the city's position on one 1440×900 screen. Screenshots of each workbench go to
$KECHUANG_SCREENSHOTS_DIR (docs/screenshots/ when refreshing the committed ones), else test-artifacts/."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts.models import Role, User
from matching.models import Challenge, ChallengeApplication, Criterion, ExpertProfile, Review
from planning import demo as planning_demo
from registry.models import AnnualData, Person, TechnologyNeed
from sharing.models import Booking
from tests.browser.conftest import ARTIFACTS
from tests.factories import DepartmentFactory, OrganizationFactory, persona
from tests.sharing_helpers import at, lab, lab_manager, shared_instrument

SHOTS = Path(os.environ.get("KECHUANG_SCREENSHOTS_DIR", ARTIFACTS))
SCREEN = {"width": 1440, "height": 900}


@pytest.fixture
def screen(browser: Browser, site: str) -> Iterator[Page]:
    """A 1440×900 window that answers yes to confirmations."""
    context = browser.new_context(base_url=site, locale="zh-CN", viewport=SCREEN)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()


@pytest.fixture
def log_in(screen: Page) -> Callable[[User], Page]:
    def login(user: User) -> Page:
        screen.goto("/accounts/login/")
        screen.get_by_label("用户名").fill(user.username)
        screen.get_by_label("密码").fill("kechuang-test")
        screen.get_by_role("button", name="登录").click()
        expect(screen).to_have_url(re.compile(r"/workbench/$"))
        expect(screen.locator("h1")).to_have_text("工作台")
        return screen

    return login


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def card(page: Page, key: str):
    return page.locator(f'[data-item="{key}"]')


def test_bureau_goes_from_overdue_tasks_to_closing_one_out(log_in, site) -> None:
    planning_demo.load(io.StringIO())
    bureau = persona(
        Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj", display_name="王科长"
    )
    page = log_in(bureau)
    expect(card(page, "planning.overdue_tasks")).to_have_class("stat workbench-item is-alarming")
    shoot(page, "workbench-bureau")
    card(page, "planning.overdue_tasks").click()  # 1
    expect(page.locator("#ledger-table")).to_be_visible()
    page.locator("#ledger-table tbody a").first.click()  # 2
    expect(page.get_by_role("button", name="确认销号")).to_be_visible()


def test_targets_page_fits_its_headline_on_one_screen(log_in) -> None:
    planning_demo.load(io.StringIO())
    page = log_in(persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj"))
    page.get_by_role("link", name="目标监测").click()
    for part in ["#situation .stats", "#league-headline", "#worst-indicators"]:
        box = page.locator(part).bounding_box()
        assert box is not None and box["y"] + box["height"] <= SCREEN["height"], part
    expect(page.locator("#worst-indicators tbody tr").first).to_be_visible()
    shoot(page, "targets-top")
    page.locator(".stat-off_track").click()
    expect(page.locator("#indicators h2")).to_contain_text("滞后")


def test_officer_goes_from_reports_due_to_the_progress_form(log_in) -> None:
    planning_demo.load(io.StringIO())
    officer = persona(
        Role.DEPARTMENT_OFFICER,
        DepartmentFactory(name="淄博市人民政府国有资产监督管理委员会"),
        username="guoziwei",
        display_name="李联络员",
    )
    page = log_in(officer)
    expect(card(page, "planning.reports_due").locator("strong")).not_to_have_text("0")
    shoot(page, "workbench-officer")
    card(page, "planning.reports_due").click()  # 1
    page.locator("#ledger-table tbody a").first.click()  # 2
    expect(page.locator("#progress-form")).to_be_visible()


def test_enterprise_goes_to_its_yearly_data_in_one_click(log_in) -> None:
    company = OrganizationFactory(name="淄博蓝海新材料有限公司")
    year = timezone.localdate().year - 1
    AnnualData.objects.create(organization=company, year=year - 1, revenue=Decimal("80000000"), employees=200)
    AnnualData.objects.create(organization=company, year=year, revenue=Decimal("92000000"))
    TechnologyNeed.objects.create(title="高性能复合材料界面改性", enterprise=company, field="新材料")
    page = log_in(persona(Role.ENTERPRISE_USER, company, username="lanhai", display_name="赵经理"))
    expect(card(page, "registry.annual_data").locator("strong")).to_have_text("5")
    expect(card(page, "registry.own_organization")).to_contain_text("淄博蓝海新材料有限公司")
    shoot(page, "workbench-enterprise")
    card(page, "registry.annual_data").click()  # 1
    expect(page.get_by_label("研发费用（元）")).to_be_visible()
    page.go_back()
    card(page, "benefits.benefits").click()  # 1
    expect(page.get_by_role("heading", name="差一点就能享受")).to_be_visible()


def test_expert_goes_to_the_review_form_in_one_click(log_in) -> None:
    department = DepartmentFactory(name="淄博市科学技术局")
    user = persona(Role.EXPERT, None, username="expert", display_name="陈教授")
    person = Person.objects.create(name="陈教授", fields="复合材料", user=user)
    ExpertProfile.objects.create(person=person, stated_fields="复合材料", status="approved")
    challenge = Challenge.objects.create(
        title="高性能碳纤维复合材料攻关",
        goal="拉伸强度 ≥ 5.5 GPa",
        field="复合材料",
        budget_yuan=Decimal("3000000"),
        deadline=dt.date.today() + dt.timedelta(days=30),
        publisher=department,
        region_id="370300",
        status="reviewing",
    )
    Criterion.objects.create(challenge=challenge, name="技术方案", weight=Decimal("100"))
    team = OrganizationFactory(name="淄博碳谷科技有限公司")
    application = ChallengeApplication.objects.create(
        challenge=challenge, team_name="碳谷团队", applicant=team
    )
    Review.objects.create(application=application, reviewer=person)
    page = log_in(user)
    shoot(page, "workbench-expert")
    card(page, "matching.reviews").click()  # 1
    expect(page).to_have_url(re.compile(r"/matching/reviews/\d+/$"))
    expect(page.locator("body")).to_contain_text("碳谷团队")


def test_lab_goes_from_waiting_bookings_to_approving_one(log_in) -> None:
    owner = lab()
    manager = lab_manager(owner)
    manager.display_name = "孙婷"
    manager.save()
    shared = shared_instrument(owner)
    client_company = OrganizationFactory(name="威海光威复合材料股份有限公司", region_id="371002")
    requester = persona(Role.ENTERPRISE_USER, client_company, username="guangwei")
    booking = Booking.objects.create(
        shared=shared,
        requester=requester,
        organization=client_company,
        user_kind="enterprise",
        start=at(3, 9),
        end=at(3, 11),
        purpose="碳纤维断面形貌观察",
    )
    page = log_in(manager)
    expect(card(page, "sharing.bookings_waiting").locator("strong")).to_have_text("1")
    shoot(page, "workbench-lab")
    card(page, "sharing.bookings_waiting").click()  # 1
    page.get_by_role("button", name="批准").click()  # 2
    booking.refresh_from_db()
    assert booking.status == "approved"

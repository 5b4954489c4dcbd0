"""Each role logs in and walks its main paths through the navigation, as a person would: the bureau keeps
the registry, a department officer follows its tasks, an enterprise keeps its own record, an expert its
own profile, and an anonymous visitor reads the public catalogues but never the yearly figures."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from accounts.models import User
from planning.models import Task, TaskUnit, UnitRole
from registry.models import Achievement, Instrument, Organization, Person, Platform, TechnologyNeed
from tests.factories import AnnualDataFactory, OrganizationFactory, PlatformFactory, QualificationFactory

# Yearly figures of the persona's enterprise: staff and the enterprise itself see them, nobody else.
REVENUE = "82,000,000.00"


@dataclass
class Zibo:
    enterprise: Organization
    other_enterprise: Organization
    university: Organization
    pool_platform: Platform
    expert: Person
    achievement: Achievement
    own_task: Task
    other_task: Task


def task(title: str, clause: str, lead: str) -> Task:
    created = Task.objects.create(
        policy_code="zibo-2023-sci-province",
        clause_path=clause,
        region_id="370300",
        title=title,
        deadline=dt.date(2027, 12, 31),
    )
    TaskUnit.objects.create(task=created, name=lead, role=UnitRole.LEAD)
    return created


@pytest.fixture
def zibo(site, enterprise, other_enterprise, department, department_officer, expert_user) -> Zibo:
    """A small Zibo: two enterprises with yearly data, a university with an expert, an instrument and an
    achievement, an approved platform and one in the cultivation pool, a technology need and two tasks."""
    QualificationFactory(
        organization=enterprise,
        type="high_tech_enterprise",
        granted=dt.date(2024, 12, 1),
        expires=dt.date(2027, 11, 30),
    )
    AnnualDataFactory(
        organization=enterprise,
        year=2024,
        revenue=Decimal("82000000"),
        rd_expense=Decimal("5600000"),
        employees=230,
    )
    QualificationFactory(
        organization=other_enterprise,
        type="tech_sme",
        granted=dt.date(2026, 4, 1),
        expires=dt.date(2026, 12, 31),
    )
    AnnualDataFactory(organization=other_enterprise, year=2024, revenue=Decimal("46000000"))
    university = OrganizationFactory(
        name="山东理工大学", kind="university", region_id="370303", industry="教育"
    )
    PlatformFactory(
        name="山东省精细化工重点实验室",
        platform_type="key_laboratory",
        stage="approved",
        level="provincial",
        host=university,
        region_id="370303",
        field="精细化工",
    )
    pool_platform = PlatformFactory(
        name="淄博市先进陶瓷工程技术研究中心",
        stage="cultivating",
        target_level="provincial",
        host=enterprise,
        competent_department=department,
        field="先进陶瓷",
    )
    expert = Person.objects.create(
        name="李明华",
        category="expert",
        title="教授",
        fields="无机非金属材料、陶瓷",
        organization=university,
        email="lmh@sdut.edu.cn",
        user=expert_user,
    )
    Instrument.objects.create(
        name="场发射扫描电子显微镜",
        owner=university,
        category="电子光学仪器",
        value_yuan=Decimal("3200000"),
        location="山东理工大学分析测试中心",
    )
    achievement = Achievement.objects.create(
        title="高性能氮化硅陶瓷轴承球制备技术",
        owner=university,
        field="先进陶瓷",
        maturity="pilot",
        transfer_mode="transfer",
        price_yuan=Decimal("1500000"),
        published=dt.date(2026, 3, 15),
    )
    TechnologyNeed.objects.create(
        title="陶瓷膜过滤组件寿命提升",
        enterprise=enterprise,
        field="先进陶瓷",
        budget_yuan=Decimal("800000"),
        deadline=dt.date(2027, 6, 30),
    )
    return Zibo(
        enterprise=enterprise,
        other_enterprise=other_enterprise,
        university=university,
        pool_platform=pool_platform,
        expert=expert,
        achievement=achievement,
        own_task=task("推动规上工业企业研发机构全覆盖", "五.3", "市工业和信息化局"),
        other_task=task("实施科教协同育人计划", "六.12", "市教育局"),
    )


def nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="主导航")


def stat(page: Page, label: str) -> Locator:
    label_only = page.locator(".stat-label", has_text=re.compile(f"^{label}$"))
    return page.locator(".stats .stat", has=label_only).locator("strong")


def refused(page: Page, url: str) -> None:
    """A logged-in person typing an address they may not use gets the Chinese 403 page."""
    response = page.goto(url)
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("无权访问")
    expect(page.get_by_text("如需开通权限，请联系科技局管理员")).to_be_visible()


def test_bureau_admin_keeps_the_registry(page, login_as, zibo, bureau_admin, tmp_path: Path) -> None:
    login_as(bureau_admin)
    expect(page.locator("h1")).to_have_text("工作台")
    nav(page).get_by_role("link", name="首页").click()
    expect(page.locator("h1")).to_contain_text("科技创新资源概览")
    for label, count in (
        ("企业", "2"),
        ("有效高新技术企业", "1"),
        ("科技型中小企业", "1"),
        ("已认定创新平台", "1"),
        ("培育库平台", "1"),
        ("专家人才", "1"),
        ("科技成果", "1"),
        ("征集中的技术需求", "1"),
    ):
        expect(stat(page, label)).to_have_text(count)

    # Find an enterprise by a Chinese word of its name and try to save a bad website.
    nav(page).get_by_role("link", name="机构", exact=True).click()
    page.get_by_role("main").get_by_role("searchbox").fill("蓝海")
    page.get_by_role("main").get_by_role("searchbox").press("Enter")
    results = page.locator("#results")
    expect(results).to_contain_text("共 1 条")
    results.get_by_role("link", name="淄博蓝海新材料有限公司").click()
    expect(page.locator("#annual-data")).to_contain_text(REVENUE)
    page.get_by_role("link", name="编辑").click()
    page.get_by_label("网站").fill("蓝海官网")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="提交的内容有误")).to_be_visible()
    expect(page.locator(".field.has-error .errorlist")).to_have_text("输入一个有效的 URL。")
    zibo.enterprise.refresh_from_db()
    assert zibo.enterprise.website == ""

    # The platform in the cultivation pool is approved at provincial level and leaves the pool.
    nav(page).get_by_role("link", name="创新平台").click()
    page.get_by_role("link", name="淄博市先进陶瓷工程技术研究中心").click()
    page.get_by_role("link", name="登记认定").click()
    page.get_by_label("认定级别").select_option(label="省级")
    page.get_by_label("认定日期").fill("2026-06-18")
    page.get_by_label("认定文件/文号").fill("鲁科字〔2026〕15号")
    page.get_by_role("button", name="确认").click()
    expect(page.locator(".messages")).to_contain_text("已为“淄博市先进陶瓷工程技术研究中心”登记认定")
    approval = page.locator(".timeline li", has_text="省级认定")
    expect(approval.locator("time")).to_have_text("2026-06-18")
    expect(approval).to_contain_text("文件/文号：鲁科字〔2026〕15号")
    nav(page).get_by_role("link", name="培育库").click()
    expect(page.locator("h2").first).to_have_text("培育库共 0 个平台")
    expect(page.get_by_text("淄博市先进陶瓷工程技术研究中心")).to_have_count(0)

    # The organization list exported to Excel holds the rows the list shows.
    nav(page).get_by_role("link", name="机构", exact=True).click()
    expect(page.locator("#list-count")).to_contain_text("共 5 条")
    listed = page.locator("#results tbody tr td:first-child a").all_inner_texts()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 Excel").click()
    exported = tmp_path / download_info.value.suggested_filename
    assert exported.suffix == ".xlsx"
    download_info.value.save_as(exported)
    sheet = openpyxl.load_workbook(exported).active
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == sorted(listed)

    nav(page).get_by_role("link", name="批量导入").click()
    expect(page.get_by_label("资源类型")).to_be_visible()
    expect(page.get_by_role("button", name="上传并校验")).to_be_visible()


def test_department_officer_follows_own_tasks_and_is_refused_elsewhere(
    page, login_as, zibo, department_officer
) -> None:
    login_as(department_officer)
    expect(nav(page).get_by_role("link", name="批量导入")).to_have_count(0)

    nav(page).get_by_role("link", name="任务台账").click()
    ledger = page.locator("#ledger-table")
    expect(ledger).to_contain_text("推动规上工业企业研发机构全覆盖")
    expect(ledger).to_contain_text("实施科教协同育人计划")
    page.get_by_label("只看本单位任务").check()
    expect(ledger.locator("tbody tr")).to_have_count(1)
    expect(ledger).to_contain_text("推动规上工业企业研发机构全覆盖")

    nav(page).get_by_role("link", name="机构", exact=True).click()
    expect(page.locator("#list-count")).to_contain_text("共 5 条")
    page.locator("#results").get_by_role("link", name="淄博蓝海新材料有限公司").click()
    expect(page.locator("#annual-data")).to_contain_text(REVENUE)
    expect(page.get_by_role("link", name="编辑")).to_have_count(0)

    refused(page, f"/registry/organizations/{zibo.enterprise.pk}/edit/")
    refused(page, "/registry/import/")


def test_enterprise_user_edits_own_record_and_reads_its_trail(page, login_as, zibo, enterprise_user) -> None:
    enterprise_user.display_name = "蓝海张经理"
    enterprise_user.save(update_fields=["display_name"])
    login_as(enterprise_user)

    nav(page).get_by_role("link", name="机构", exact=True).click()
    page.locator("#results").get_by_role("link", name="淄博蓝海新材料有限公司").click()
    page.get_by_role("link", name="编辑").click()
    expect(page.get_by_label("统一社会信用代码")).to_be_disabled()
    page.get_by_label("网站").fill("https://www.lanhai-materials.cn")
    page.get_by_label("简介").fill("专注氧化铝、氮化硅先进陶瓷材料研发与生产。")
    page.get_by_role("button", name="保存").click()

    expect(page.locator(".messages")).to_contain_text("已保存机构“淄博蓝海新材料有限公司”")
    expect(page.locator(".facts")).to_contain_text("https://www.lanhai-materials.cn")
    expect(page.locator(".facts")).to_contain_text("专注氧化铝、氮化硅先进陶瓷材料研发与生产。")
    expect(page.locator("#annual-data")).to_contain_text(REVENUE)
    change = page.locator("#history .trail > li").first
    expect(change.locator(".trail-head")).to_contain_text("蓝海张经理 修改")
    expect(change.locator("time")).to_contain_text(timezone.localdate().isoformat())
    website = change.locator(".changes li", has_text="网站")
    expect(website.locator("del")).to_have_text("—")
    expect(website.locator("ins")).to_have_text("https://www.lanhai-materials.cn")

    nav(page).get_by_role("link", name="政策计算器").click()
    expect(page.locator("h1")).to_contain_text("我的政策 · 淄博蓝海新材料有限公司")

    refused(page, f"/registry/organizations/{zibo.other_enterprise.pk}/edit/")


def test_expert_edits_own_profile_but_no_organization(page, login_as, zibo, expert_user: User) -> None:
    login_as(expert_user)
    expect(nav(page).get_by_role("link", name="任务台账")).to_have_count(0)
    expect(nav(page).get_by_role("link", name="政策计算器")).to_have_count(0)

    nav(page).get_by_role("link", name="专家人才").click()
    page.locator("#results").get_by_role("link", name="李明华").click()
    page.get_by_role("link", name="编辑").click()
    page.get_by_label("职称").fill("二级教授")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已保存专家人才“李明华”")
    expect(page.locator(".facts")).to_contain_text("二级教授")
    zibo.expert.refresh_from_db()
    assert zibo.expert.title == "二级教授" and zibo.expert.organization == zibo.university

    nav(page).get_by_role("link", name="仪器设备").click()
    expect(page.locator("#results")).to_contain_text("场发射扫描电子显微镜")
    nav(page).get_by_role("link", name="机构", exact=True).click()
    page.locator("#results").get_by_role("link", name="淄博蓝海新材料有限公司").click()
    expect(page.locator("h1")).to_have_text("淄博蓝海新材料有限公司")
    expect(page.get_by_role("link", name="编辑")).to_have_count(0)
    expect(page.locator("#annual-data")).to_have_count(0)
    refused(page, f"/registry/organizations/{zibo.enterprise.pk}/edit/")


def test_anonymous_visitor_reads_catalogues_without_yearly_figures(page, zibo) -> None:
    page.goto("/")
    expect(page.get_by_role("link", name="登录")).to_be_visible()

    nav(page).get_by_role("link", name="机构", exact=True).click()
    expect(page.locator("#list-count")).to_contain_text("共 5 条")
    page.locator("#results").get_by_role("link", name="淄博蓝海新材料有限公司").click()
    expect(page.locator("h1")).to_have_text("淄博蓝海新材料有限公司")
    expect(page.locator(".card", has_text="资质")).to_contain_text("高新技术企业")
    expect(page.locator("#annual-data")).to_have_count(0)
    expect(page.get_by_text("年度数据")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(REVENUE)
    expect(page.get_by_role("link", name="编辑")).to_have_count(0)
    expect(page.get_by_role("link", name="填报年度数据")).to_have_count(0)

    nav(page).get_by_role("link", name="创新平台").click()
    expect(page.locator("#results")).to_contain_text("淄博市先进陶瓷工程技术研究中心")
    expect(page.locator("#results")).to_contain_text("山东省精细化工重点实验室")
    nav(page).get_by_role("link", name="科技成果").click()
    page.locator("#results").get_by_role("link", name="高性能氮化硅陶瓷轴承球制备技术").click()
    expect(page.locator(".facts")).to_contain_text("山东理工大学")

    edit_url = f"/registry/organizations/{zibo.enterprise.pk}/edit/"
    page.goto(edit_url)
    expect(page).to_have_url(re.compile(rf"/accounts/login/\?next={re.escape(edit_url)}$"))
    expect(page.get_by_label("用户名")).to_be_visible()
    # The header's login link would only wrap this address in another ?next=.
    expect(page.get_by_role("link", name="登录")).to_have_count(0)

"""A bureau administrator uploads a .docx policy, sees its extractions highlighted, corrects an amount,
confirms the document and creates ledger tasks from it."""

from decimal import Decimal
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role, User
from planning.models import Task
from policies.models import DocumentStatus, MoneyProvision, Origin, PolicyDocument
from tests.factories import DepartmentFactory, persona

TITLE = "关于支持科技创新平台建设的若干措施"
CLAUSE = (
    "一、支持平台建设。对新认定的省级技术创新中心，给予不超过50万元补助。"
    "（责任单位：市科技局（牵头），市财政局）"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def policy_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph("为加快科技创新平台建设，制定以下措施。")
    document.add_paragraph(CLAUSE)
    document.add_paragraph("二、完善服务体系。2024年6月底前建成科技服务平台。（责任单位：市科技局）")
    path = tmp_path / "平台建设措施.docx"
    document.save(path)
    return path


@pytest.fixture
def admin() -> User:
    return persona(
        Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj", display_name="王科长"
    )


def upload(page: Page, path: Path) -> None:
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政策文件").click()
    page.get_by_role("link", name="上传政策文件").click()
    page.get_by_label("政策文件").set_input_files(str(path))
    expect(page.get_by_label("适用地区")).to_have_value("370300")
    page.get_by_role("button", name="上传并识别").click()


def test_staff_uploads_corrects_confirms_and_creates_tasks(page, login_as, admin, policy_docx) -> None:
    login_as(admin)
    upload(page, policy_docx)

    expect(page.locator(".messages")).to_contain_text("文件已导入")
    expect(page.locator("#policy-text mark.hl-money")).to_contain_text(["50万元"])
    expect(page.locator("#policy-text mark.hl-unit", has_text="市科技局").first).to_be_visible()
    expect(page.locator("#policy-text mark.hl-unit", has_text="市财政局")).to_be_visible()
    expect(page.locator("#policy-text mark.hl-date", has_text="6月底前")).to_be_visible()

    money_entry = page.locator("#group-money li.panel-item").first
    expect(money_entry).to_contain_text("50万元")
    money_entry.get_by_role("button", name="修改").click()
    form = page.locator("li.item-form")
    form.get_by_label("金额（元）").fill("300000")
    form.get_by_role("button", name="保存").click()
    corrected = page.locator("#group-money li.panel-item").first
    expect(corrected).to_contain_text("30万元")
    expect(corrected).to_contain_text("人工修改")

    page.get_by_role("button", name="确认文件").click()
    expect(page.locator(".messages")).to_contain_text("文件已确认。")
    expect(page.locator("h1 .status")).to_have_text("已确认")
    page.get_by_role("button", name="生成任务台账").click()
    expect(page.locator(".messages")).to_contain_text("已生成 2 项台账任务。")

    document = PolicyDocument.objects.get()
    assert document.status == DocumentStatus.CONFIRMED and document.confirmed_by == admin
    money = MoneyProvision.objects.get(document=document)
    assert (money.amount_yuan, money.origin) == (Decimal("300000"), Origin.EDITED)
    assert money.history.first().history_user == admin
    platform_task = Task.objects.get(policy=document, clause_path="一")
    assert (platform_task.lead_units, platform_task.cooperating_units) == (["市科学技术局"], ["市财政局"])
    assert Task.objects.get(policy=document, clause_path="二").deadline.isoformat() == "2024-06-30"

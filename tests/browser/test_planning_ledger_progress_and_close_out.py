import datetime as dt
import io
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from planning import demo
from planning.models import Indicator, Task
from planning.monitor import report_value
from tests.factories import DepartmentFactory, persona


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path) -> None:
    """Attachments go to a throw-away media folder, not the shared ./var."""
    settings.MEDIA_ROOT = tmp_path / "media"


def seeded_tasks() -> tuple[Task, Task]:
    demo.load(io.StringIO())
    tasks = Task.objects.filter(policy_code="zibo-2023-sci-province")
    return tasks.get(clause_path="五.10"), tasks.get(clause_path="六.12")


def test_officer_reports_on_own_task_only_and_bureau_closes_it_out(page, login_as, tmp_path) -> None:
    own, other = seeded_tasks()
    officer = persona(
        Role.DEPARTMENT_OFFICER,
        DepartmentFactory(name="淄博市人民政府国有资产监督管理委员会"),
        username="guoziwei",
        display_name="国资委联络员",
    )
    bureau = persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj")
    evidence = tmp_path / "研发投入考核办法.pdf"
    evidence.write_bytes(b"%PDF-1.4 test")

    login_as(officer)
    page.get_by_role("link", name="任务台账").click()
    page.get_by_label("只看本单位任务").check()
    expect(page.locator("#ledger-table tbody tr")).to_have_count(1)
    page.get_by_role("link", name="推动国有企业创新示范").click()
    page.get_by_label("进展情况").fill("已将研发投入强度纳入市属企业经营业绩考核")
    page.get_by_label("完成进度（%）").fill("100")
    page.get_by_label("附件").set_input_files(str(evidence))
    page.get_by_role("button", name="提交进展").click()
    expect(page.locator(".messages")).to_contain_text("进展已提交")
    expect(page.locator("#task-status")).to_have_text("推进中")
    expect(page.locator("#reports")).to_contain_text("市国资委 · 100%")

    page.goto(other.get_absolute_url())
    expect(page.locator("h1")).to_contain_text("实施科教协同育人计划")
    expect(page.locator("#progress-form")).to_have_count(0)
    expect(page.locator("#close-form")).to_have_count(0)

    page.get_by_role("button", name="退出").click()
    login_as(bureau)
    page.goto(own.get_absolute_url())
    page.get_by_label("销号说明").fill("考核办法已印发，见进展报告附件")
    page.get_by_role("button", name="确认销号").click()
    expect(page.locator(".messages")).to_contain_text("任务已销号")
    expect(page.locator("#task-status")).to_have_text("已销号")
    own.refresh_from_db()
    assert own.closed_by == bureau and own.closed_at is not None


def test_dashboard_draws_its_charts(page, login_as) -> None:
    demo.load(io.StringIO())
    bureau = persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj")
    indicator = Indicator.objects.get(code="zibo2023-foreign-experts")
    report_value(
        indicator, year=dt.date.today().year - 1, value=Decimal(320), source="市科技局统计", by=bureau
    )
    login_as(bureau)
    page.get_by_role("link", name="目标监测").click()
    page.get_by_label("地区").select_option("370300")
    page.get_by_role("button", name="查看").click()
    expect(page.locator("#progress-chart canvas")).to_have_count(1)
    page.get_by_role("link", name="每年引进外国专家").click()
    expect(page.locator("#path-chart canvas")).to_have_count(1)
    expect(page.locator("#actuals")).to_contain_text("市科技局统计")

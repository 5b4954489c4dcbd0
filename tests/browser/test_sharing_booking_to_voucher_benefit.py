"""The whole path in the browser: an enterprise books an instrument, the lab approves and records the
usage, the enterprise claims its voucher with the invoice, the bureau approves, the ledger shows the
split by level, and the enterprise's 我的政策 shows the voucher benefit."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from tests.factories import DepartmentFactory, OrganizationFactory, persona
from tests.sharing_helpers import budgets, lab, lab_manager, shared_instrument, small_enterprise
from tests.sharing_voucher_helpers import PDF


def switch_to(page: Page, login_as, user) -> Page:
    page.context.clear_cookies()
    return login_as(user)


def test_enterprise_books_lab_records_voucher_is_paid_and_shows_in_my_policies(page, login_as, tmp_path):
    year = timezone.localdate().year
    owner = lab()
    instrument = shared_instrument(owner, opens_at=dt.time(0, 0), closes_at=dt.time(23, 59))
    manager = lab_manager(owner)
    enterprise = OrganizationFactory(name="威海碳纤维复材有限公司", region_id="371002")
    small_enterprise(enterprise, year)
    buyer = persona(Role.ENTERPRISE_USER, enterprise, username="carbon")
    bureau = persona(
        Role.BUREAU_ADMIN, DepartmentFactory(name="威海市科学技术局", region_id="371000"), username="bureau"
    )
    budgets(year, "371002")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    login_as(buyer)
    page.goto("/sharing/")
    page.get_by_role("link", name="场发射扫描电子显微镜").click()
    page.get_by_label("开始").fill(f"{tomorrow.isoformat()}T09:00")
    page.get_by_label("结束").fill(f"{tomorrow.isoformat()}T10:00")
    page.get_by_label("用途").fill("碳纤维断口形貌观察")
    page.get_by_role("button", name="提交预约").click()
    expect(page.locator(".messages")).to_contain_text("预约已提交")
    expect(page.locator("#calendar")).to_contain_text("09:00–10:00 待审批")

    switch_to(page, login_as, manager)
    page.goto(instrument.get_absolute_url())
    page.locator("#requests").get_by_role("button", name="批准").click()
    # The service happened earlier than booked: the lab writes the actual hour.
    actual_start = timezone.localtime() - dt.timedelta(hours=2)
    record = page.locator(".usage-form").first
    record.get_by_label("实际开始").fill(actual_start.strftime("%Y-%m-%dT%H:%M"))
    record.get_by_label("实际结束").fill((actual_start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    record.get_by_label("操作人员").fill("王工")
    record.get_by_label("样品数").fill("3")
    record.get_by_role("button", name="登记使用").click()
    expect(page.locator(".messages")).to_contain_text("服务费 200.00 元")

    switch_to(page, login_as, buyer)
    page.goto("/sharing/vouchers/")
    page.get_by_label("预计服务费（元）").fill("10000")
    page.get_by_label("拟购买的服务").fill("扫描电镜检测")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#voucher-status")).to_have_text("待审批")
    voucher_url = page.url

    switch_to(page, login_as, bureau)
    page.goto(voucher_url)
    page.get_by_role("button", name="批准并冻结预算").click()
    expect(page.locator("#voucher-status")).to_have_text("已发放")
    expect(page.locator("#ledger")).to_contain_text("4,000.00")

    switch_to(page, login_as, buyer)
    page.goto(voucher_url)
    invoice = tmp_path / "发票.pdf"
    invoice.write_bytes(PDF)
    page.get_by_label("申请兑付（元）").fill("120")
    page.get_by_label("发票（PDF、JPG 或 PNG）").set_input_files(str(invoice))
    page.get_by_role("button", name="提交兑付申请").click()
    expect(page.locator(".messages")).to_contain_text("兑付申请已提交")

    switch_to(page, login_as, bureau)
    page.goto(voucher_url)
    page.get_by_role("button", name="核准兑付").click()
    expect(page.locator(".claim")).to_contain_text("已兑付")
    rows = page.locator("#ledger tbody tr")
    expect(rows.nth(0)).to_contain_text(re.compile(r"省级.*4,000\.00.*80\.00.*80\.00"))
    expect(rows.nth(1)).to_contain_text(re.compile(r"市级.*2,000\.00.*40\.00.*40\.00"))

    switch_to(page, login_as, buyer)
    page.goto("/policies/benefits/")
    expect(page.locator("main")).to_contain_text("创新券市级补助（20%）")

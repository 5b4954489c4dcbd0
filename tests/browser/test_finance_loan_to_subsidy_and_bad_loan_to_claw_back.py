"""In the browser: a bank records the repayments of an IP-pledge loan on time and the bureau grants the
interest subsidy the rules compute; a bad achievement-transformation loan draws on the pool in tiers and
a later recovery claws the pool's share back."""

import datetime as dt

from playwright.sync_api import Page, expect

from accounts.models import Role
from tests.factories import DepartmentFactory, persona
from tests.finance_helpers import bank, loan, pool, weihai_sme


def switch_to(page: Page, login_as, user) -> Page:
    page.context.clear_cookies()
    return login_as(user)


def test_loan_to_subsidy_and_bad_loan_to_compensation_and_claw_back(page, login_as):
    lender, firm, fund = bank(), weihai_sme(), pool()
    ip = loan(lender, firm, term=2)
    bad = loan(
        lender,
        firm,
        "achievement_transformation_loan",
        "3000000",
        "0.045",
        dt.date(2024, 1, 10),
        12,
        "equal_principal",
        pool=fund,
    )
    banker = persona(Role.ENTERPRISE_USER, lender, username="banker")
    bureau = persona(
        Role.BUREAU_ADMIN, DepartmentFactory(name="威海市科学技术局", region_id="371000"), username="bureau"
    )

    login_as(banker)
    page.goto("/finance/")
    page.get_by_role("link", name=ip.contract_no).click()
    for due, interest in (("2024-04-15", "3444.44"), ("2024-05-15", "3333.33")):
        page.get_by_label("还款日").fill(due)
        page.get_by_label("本金（元）").fill("1000000" if due == "2024-05-15" else "0")
        page.get_by_label("利息（元）").fill(interest)
        page.get_by_role("button", name="登记还款").click()
        expect(page.locator(".messages")).to_contain_text("已登记还款")
    expect(page.locator("#loan-status")).to_have_text("已结清")
    expect(page.locator("#loan-on-time")).to_have_text("是")

    switch_to(page, login_as, bureau)
    page.goto(ip.get_absolute_url())
    expect(page.locator("#subsidy-preview")).to_contain_text("知识产权质押融资贴息")
    page.get_by_label("核定日期").fill("2024-05-20")
    page.get_by_role("button", name="按规则核定贴息").click()
    # 1,000,000 × 3.45 % (LPR at the end of February 2024) × 20 % × 61 days ÷ 365
    expect(page.locator(".subsidy")).to_contain_text("1,153.15")
    expect(page.locator(".subsidy")).to_contain_text("二.(六).25")

    switch_to(page, login_as, banker)
    page.goto(bad.get_absolute_url())
    page.get_by_label("认定日期").fill("2024-03-01")
    page.get_by_role("button", name="认定不良").click()
    expect(page.locator("#loan-status")).to_have_text("不良")

    switch_to(page, login_as, bureau)
    page.goto(bad.get_absolute_url())
    page.get_by_label("补偿日期").fill("2024-03-20")
    page.get_by_role("button", name="支付风险补偿").click()
    # 1,000,000 × 50 % + 2,000,000 × 30 %
    expect(page.locator("#claim-compensated")).to_have_text("1,100,000.00")
    page.get_by_label("回收日期").fill("2024-09-01")
    page.get_by_label("回收金额（元）").fill("1500000")
    page.get_by_role("button", name="登记回收").click()
    expect(page.locator("#claim-clawed-back")).to_have_text("550,000.00")
    expect(page.locator("#claim-status")).to_have_text("部分收回")

    page.goto(fund.get_absolute_url())
    expect(page.locator("#pool-balance")).to_have_text("2,450,000.00")
    expect(page.locator("#ledger")).to_contain_text("追回")

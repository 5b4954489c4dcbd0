"""In the browser: an enterprise files a financing request in 万元, sees the products it qualifies for
ranked with the conditions that held and the one that failed elsewhere, applies for the best; the bank
sees the request with the same reasons, accepts it, and the loan appears with the request's terms."""

from decimal import Decimal

from playwright.sync_api import Page, expect

from accounts.models import Role
from finance import financing
from finance.models import FinancialProduct
from tests.factories import persona
from tests.finance_helpers import bank, lasting_tech_sme

TECH_SME = [{"label": "持有科技型中小企业资格", "test": "holds('tech_sme')"}]
REVENUE = [{"label": "上年营业收入不低于1亿元", "test": "revenue >= 100000000"}]


def offer(lender, name: str, rate: str, kind: str, conditions: list) -> FinancialProduct:
    return financing.save_product(
        FinancialProduct(
            name=name,
            bank=lender,
            kind=kind,
            rate=Decimal(rate),
            term_months=36,
            ceiling_yuan=Decimal("10000000"),
            eligibility=conditions,
        )
    )


def switch_to(page: Page, login_as, user) -> Page:
    page.context.clear_cookies()
    return login_as(user)


def test_a_request_is_matched_with_reasons_accepted_by_the_bank_and_becomes_a_loan(page, login_as):
    lender, firm = bank(), lasting_tech_sme()
    offer(lender, "人才贷", "0.0365", "talent_loan", TECH_SME)
    offer(lender, "科技成果转化贷", "0.0385", "achievement_transformation_loan", TECH_SME)
    offer(lender, "知识产权质押贷", "0.0300", "ip_pledge_loan", REVENUE)
    owner = persona(Role.ENTERPRISE_USER, firm, username="owner")
    banker = persona(Role.ENTERPRISE_USER, lender, username="banker")

    login_as(owner)
    page.goto("/finance/products/")
    expect(page.locator("#products")).to_contain_text("知识产权质押贷")
    page.get_by_role("link", name="提交融资需求").first.click()
    page.get_by_label("融资金额（元）").fill("300万")
    page.get_by_label("期限（月）").fill("12")
    page.get_by_label("资金用途").fill("中试生产线设备购置")
    page.get_by_role("button", name="提交并匹配产品").click()

    expect(page.locator("#request-amount")).to_have_text("3,000,000 元")
    matches = page.locator("#matches .match")
    expect(matches).to_have_count(2)
    expect(matches.first).to_contain_text("人才贷")
    expect(matches.first).to_contain_text("参考年利率 3.65%，符合条件的产品中最低")
    expect(matches.first).to_contain_text("银行与企业同在威海市")
    expect(matches.first).to_contain_text("持有科技型中小企业资格：是")
    expect(matches.nth(1)).to_contain_text("科技成果转化贷")
    expect(page.locator("#not-matched")).to_contain_text(
        "上年营业收入不低于1亿元：60,000,000 元（需 ≥ 100,000,000 元）"
    )
    matches.first.get_by_role("button", name="申请此产品").click()
    expect(page.locator(".messages")).to_contain_text("已向银行提交申请")
    expect(page.locator("#request-status")).to_have_text("待银行答复")
    request_url = page.url

    switch_to(page, login_as, banker)
    page.goto("/workbench/")
    page.get_by_role("link", name="待答复的融资申请").click()
    expect(page.locator("#requests")).to_contain_text("威海蓝海复合材料有限公司")
    page.goto(request_url)
    expect(page.locator("#answer")).to_contain_text("按需求放款 3,000,000 元，期限 12 个月，年利率 3.65%")
    page.get_by_label("借款合同编号").fill("WHRC2026-0001")
    page.get_by_role("button", name="受理并放款").click()
    expect(page.locator(".messages")).to_contain_text("已受理并放款")
    expect(page.locator("#request-status")).to_have_text("已放款")

    page.locator("#request-loan").click()
    expect(page.locator("h1")).to_contain_text("人才贷 WHRC2026-0001")
    expect(page.locator("#loan-outstanding")).to_have_text("3,000,000.00")
    expect(page.locator("#installments tbody tr")).to_have_count(12)

    switch_to(page, login_as, owner)
    page.goto("/finance/")
    expect(page.locator("#loans")).to_contain_text("WHRC2026-0001")

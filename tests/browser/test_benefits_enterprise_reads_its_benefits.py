"""An enterprise user opens 我的政策, reads what it receives and why, and what it nearly receives."""

import datetime as dt
from decimal import Decimal

from playwright.sync_api import expect

from accounts.models import Role
from tests.factories import AnnualDataFactory, OrganizationFactory, QualificationFactory, persona


def test_enterprise_user_reads_benefits_with_reasons_and_near_misses(page, login_as, site) -> None:
    organization = OrganizationFactory(
        name="威海海纳科技有限公司", region_id="371002", above_designated_size=True
    )
    QualificationFactory(
        organization=organization, type="tech_sme", granted=dt.date(2024, 1, 1), expires=dt.date(2025, 12, 31)
    )
    AnnualDataFactory(organization=organization, year=2023, rd_expense=Decimal(15_000_000))
    AnnualDataFactory(organization=organization, year=2024, rd_expense=Decimal(16_500_000))
    AnnualDataFactory(organization=organization, year=2025, rd_expense=Decimal(17_820_000))
    login_as(persona(Role.ENTERPRISE_USER, organization, username="haina"))

    page.get_by_role("link", name="政策计算器").click()
    expect(page.locator("h1")).to_contain_text("我的政策 · 威海海纳科技有限公司")
    # 2025 grows 8% on 2024: nothing to receive, but nearly.
    expect(page.locator("#benefit-total")).to_have_text("0 元")
    near = page.locator(".benefit.near", has_text="企业研发投入递增补助")
    expect(near).to_contain_text("研发投入较上年度增长率：8.00%（需 ≥ 10.00%）")
    expect(near.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "80")

    page.get_by_label("年度", exact=True).select_option("2024")
    expect(page.locator("#benefit-total")).to_have_text("75,000 元")
    item = page.locator(".benefit", has_text="企业研发投入递增补助").first
    expect(item).to_contain_text("研发投入较上年度增长率：10.00%（需 ≥ 10.00%）")
    expect(item).to_contain_text("研发投入增量：1,500,000 元（需 > 1,000,000 元）")
    expect(item.locator("blockquote")).to_contain_text("研发投入较上年度增长10%(含)以上且增量超过100万元的")
    expect(page.get_by_text("技术合同、创新券数据接入后自动计算")).to_be_visible()

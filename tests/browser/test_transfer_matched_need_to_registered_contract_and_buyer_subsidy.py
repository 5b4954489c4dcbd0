"""Issue 14's first "Done when" for contracts, in the browser: a matched need's agreement becomes a
contract draft without re-entry; the seller completes and files it; the office accepts it, sends it to
expert review (8,000,000 yuan is above the 500万 threshold), asks for more material (the clock stops) and
restarts the clock, registers it; the contract counts in the planning turnover indicator; and the bureau
grants the buyer Weihai's subsidy by the rule in the database: 5 % of the contract, at most 300,000 yuan
a year (威政发〔2023〕5号 二.(三).14), so 300,000 yuan rather than 400,000."""

import datetime as dt
from decimal import Decimal

from playwright.sync_api import expect

from accounts.models import Role
from matching import loop
from matching.models import MatchCandidate
from planning.models import Indicator, IndicatorKind
from registry.models import TechnologyNeed
from tests.factories import OrganizationFactory, QualificationFactory, persona
from tests.transfer_helpers import PDF
from transfer import clock
from transfer.models import Contract, ContractSubsidy, RegistrationOffice


def act(page, summary: str, fields: dict[str, str], button: str | None = None) -> None:
    """Open an act on the contract's page, fill it and submit it (confirmations are answered yes)."""
    section = page.locator("details.act", has=page.locator("summary", has_text=summary))
    section.locator("summary").click()
    for label, value in fields.items():
        section.get_by_label(label).fill(value)
    section.get_by_role("button", name=button or summary).click()


def test_a_matched_need_becomes_a_registered_contract_counted_and_subsidised(page, login_as, site, tmp_path):
    bureau_unit = OrganizationFactory(
        name="威海市科学技术局", kind="government_department", region_id="371000"
    )
    RegistrationOffice.objects.create(name="威海市技术合同登记处", region_id="371000", host=bureau_unit)
    university = OrganizationFactory(name="威海海洋工程大学", kind="university", region_id="371002")
    buyer = OrganizationFactory(name="威海远航船舶涂料有限公司", region_id="371002")
    QualificationFactory(
        organization=buyer, type="tech_sme", granted=dt.date(2025, 3, 1), expires=dt.date(2027, 12, 31)
    )
    need = TechnologyNeed.objects.create(enterprise=buyer, title="船体防污涂层", field="新材料")
    candidate = MatchCandidate.objects.create(
        need=need,
        kind="organization",
        object_id=university.pk,
        title=university.name,
        organization=university,
        rank=1,
        score=0.9,
    )
    buyer_user = persona(Role.ENTERPRISE_USER, buyer, username="yuanhang")
    agreement = loop.accept(candidate, buyer_user, "development", Decimal("8000000"))
    Indicator.objects.create(
        code="weihai-registered-turnover",
        name="技术合同登记成交额",
        unit="万元",
        region_id="371000",
        kind=IndicatorKind.COMPUTED,
        definition_key="registered_contract_turnover",
        params={"unit": "万元"},
    )

    # The buyer turns the agreement into a contract draft: parties, title, type and amount carried over.
    login_as(buyer_user)
    page.goto(f"/matching/agreements/{agreement.pk}/")
    page.get_by_role("button", name="转为技术合同草稿").click()
    expect(page.locator(".messages")).to_contain_text("已按对接协议生成技术合同草稿")
    expect(page.locator(".facts")).to_contain_text("威海海洋工程大学")
    expect(page.locator("#amount")).to_have_text("8,000,000.00")
    contract = Contract.objects.get(agreement=agreement)
    assert (contract.buyer, contract.contract_type, contract.title) == (buyer, "development", agreement.title)

    # The seller sets the signing date, uploads the contract text and files.
    login_as(persona(Role.ENTERPRISE_USER, university, username="haiyang"))
    page.goto(contract.get_absolute_url())
    page.get_by_role("link", name="修改合同").click()
    expect(page.get_by_label("项目名称")).to_have_value(agreement.title)
    page.get_by_label("签订日期").fill("2025-09-01")
    page.get_by_label("技术交易额（元）").fill("760万")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#technical-amount")).to_have_text("7,600,000.00")
    text = tmp_path / "合同文本.pdf"
    text.write_bytes(PDF)
    page.locator("#attachment-form").get_by_label("文件").set_input_files(str(text))
    page.get_by_role("button", name="上传材料").click()
    expect(page.locator("#attachments")).to_contain_text("合同文本.pdf")
    act(page, "提交登记申请", {"办理日期": "2025-09-25"})
    expect(page.locator("#contract-status")).to_have_text("待受理")

    # The office (the bureau's staff) works the clock.
    login_as(persona(Role.BUREAU_ADMIN, bureau_unit, username="weihai-bureau"))
    page.goto(contract.get_absolute_url())
    act(page, "受理", {"办理日期": "2025-09-26"})
    expect(page.locator("#decision-due")).to_have_text("2025-11-13")  # 30 working days, 国庆 skipped
    assert clock.decision_due(dt.date(2025, 9, 26), Decimal(8_000_000), False) == dt.date(2025, 11, 13)
    act(page, "准予登记", {"办理日期": "2025-09-29"})
    expect(page.locator("#acts .form-errors")).to_contain_text("须先经专家评审")
    act(page, "转专家评审", {"办理日期": "2025-09-29"})
    expect(page.locator("#contract-status")).to_have_text("专家评审中")
    act(page, "通知补正材料", {"办理日期": "2025-10-09", "说明": "请补充技术附件"})
    expect(page.locator("#clock-stopped")).to_contain_text("计时暂停")
    act(page, "材料已齐全（重新计时）", {"办理日期": "2025-10-20"})
    expect(page.locator("#decision-due")).to_have_text("2025-12-01")  # 30 working days from 20 October
    act(page, "准予登记", {"办理日期": "2025-10-30"})
    expect(page.locator("#contract-status")).to_have_text("已登记")
    expect(page.locator("#registration-no")).to_have_text("2025371000000001")
    expect(page.locator("#steps")).to_contain_text("收到补正材料（重新计时）")

    # Counted in the turnover indicator, with the contract in its drill-down.
    page.goto("/planning/indicators/weihai-registered-turnover/records/?on=2025-12-31")
    expect(page.locator("body")).to_contain_text("2025371000000001")
    expect(page.locator("body")).to_contain_text("800")

    # The buyer subsidy by the rule: 5 % of 8,000,000 is 400,000, capped at 300,000 a year.
    page.goto(contract.get_absolute_url())
    expect(page.locator("#subsidies-due")).to_contain_text("300,000.00")
    page.locator("#subsidy-form").get_by_label("办理日期").fill("2025-11-03")
    page.get_by_role("button", name="按规则核定补助").click()
    expect(page.locator("#subsidies")).to_contain_text("技术开发、技术转让合同购买方补助")
    subsidy = ContractSubsidy.objects.get(contract=contract)
    assert (subsidy.organization, subsidy.amount_yuan, subsidy.clause) == (
        buyer,
        Decimal(300_000),
        "二.(三).14",
    )
    agreement.refresh_from_db()
    assert agreement.status == "registered" and agreement.registration_no == "2025371000000001"

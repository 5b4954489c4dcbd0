"""Financial products with eligibility as a rule, financing requests matched to them with reasons in
words, sent to a bank, accepted into a loan or declined; every refusal by role and organization."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.models import Role
from finance import financing
from finance.loans import FinanceError
from finance.models import FinancialProduct, FinancingRequest
from tests.factories import OrganizationFactory, persona
from tests.finance_helpers import bank, weihai_sme

pytestmark = pytest.mark.django_db
FILED = dt.date(2026, 3, 2)
SME_AND_REVENUE = [
    {"label": "持有科技型中小企业资格", "test": "holds('tech_sme')"},
    {"label": "上年营业收入不低于5000万元", "test": "revenue >= 50000000"},
]


def product(lender, name="科技成果转化贷", rate="0.0385", ceiling="5000000", conditions=None, **extra):
    return financing.save_product(
        FinancialProduct(
            name=name,
            bank=lender,
            kind=extra.pop("kind", "achievement_transformation_loan"),
            rate=Decimal(rate),
            term_months=extra.pop("term", 36),
            ceiling_yuan=Decimal(ceiling),
            eligibility=SME_AND_REVENUE if conditions is None else conditions,
            **extra,
        )
    )


def request_of(firm, amount="3000000", term=12):
    return financing.file_request(
        FinancingRequest(
            enterprise=firm,
            amount_yuan=Decimal(amount),
            term_months=term,
            purpose="中试线建设",
            filed_on=FILED,
        )
    )


def test_eligible_products_rank_by_rate_with_reasons_and_the_others_say_what_failed():
    lender, firm = bank(), weihai_sme()
    dear = product(lender, "人才贷", "0.045", kind="talent_loan")
    cheap = product(lender, "科技成果转化贷", "0.0385")
    big = product(
        lender,
        "大额知识产权质押贷",
        "0.03",
        conditions=[{"label": "上年营业收入不低于1亿元", "test": "revenue >= 100000000"}],
    )
    small = product(lender, "小额信用贷", "0.03", ceiling="1000000", conditions=[])

    ranking = financing.match(request_of(firm), FILED)

    assert [m.product for m in ranking if m.eligible] == [cheap, dear]
    best = ranking[0]
    assert "参考年利率 3.85%，符合条件的产品中最低" in [r.detail for r in best.reasons]
    assert "持有科技型中小企业资格：是" in [c.text for c in best.checks]
    assert "上年营业收入不低于5000万元：60,000,000 元（需 ≥ 50,000,000 元）" in [c.text for c in best.checks]
    failed = {m.product: [c.text for c in m.checks if not c.met] for m in ranking if not m.eligible}
    assert failed[big] == ["上年营业收入不低于1亿元：60,000,000 元（需 ≥ 100,000,000 元）"]
    assert failed[small] == ["申请金额 3,000,000 元（额度上限 1,000,000 元）"]


def test_a_firm_without_the_qualification_is_told_so():
    lender = bank()
    product(lender)
    firm = OrganizationFactory(name="威海新创科技有限公司", region_id="371002")

    (only,) = financing.match(request_of(firm), FILED)

    assert not only.eligible
    assert "持有科技型中小企业资格：否" in [c.text for c in only.checks]
    assert "上年营业收入不低于5000万元：缺少数据" in [c.text for c in only.checks]


def test_conditions_outside_the_language_are_refused_and_nothing_is_saved():
    lender = bank()
    with pytest.raises(FinanceError, match="不允许使用"):
        product(lender, conditions=[{"label": "越权", "test": "__import__('os').system('true')"}])
    with pytest.raises(FinanceError, match="未知的名称"):
        product(lender, conditions=[{"label": "拼错", "test": "revenu >= 1"}])
    with pytest.raises(FinanceError, match="金融机构"):
        product(OrganizationFactory(name="不是银行", region_id="371002"))
    assert not FinancialProduct.objects.exists()


def test_an_accepted_request_becomes_a_loan_with_the_requests_terms():
    lender, firm = bank(), weihai_sme()
    offered = product(lender)
    filed = financing.submit(request_of(firm), offered, on=FILED)

    loan = financing.accept(filed, "WHZH2026-0001", dt.date(2026, 3, 10), dt.date(2026, 3, 12))

    filed.refresh_from_db()
    assert filed.status == "accepted" and filed.loan == loan
    assert (loan.amount_yuan, loan.term_months, loan.rate, loan.product, loan.lender, loan.borrower) == (
        Decimal("3000000"),
        12,
        Decimal("0.0385"),
        "achievement_transformation_loan",
        lender,
        firm,
    )
    assert loan.installments.count() == 12
    assert [h.history_change_reason for h in filed.history.order_by("history_date")] == [
        "提交融资需求",
        "申请产品",
        "银行受理并放款",
    ]


def test_a_product_the_firm_does_not_qualify_for_cannot_be_applied_for():
    lender, firm = bank(), weihai_sme()
    big = product(lender, ceiling="1000000")
    filed = request_of(firm)
    with pytest.raises(FinanceError, match="不符合该产品的申请条件"):
        financing.submit(filed, big, on=FILED)
    assert FinancingRequest.objects.get().status == "filed"


def test_a_decline_needs_a_reason_and_keeps_it():
    lender, firm = bank(), weihai_sme()
    filed = financing.submit(request_of(firm), product(lender), on=FILED)
    with pytest.raises(FinanceError, match="原因"):
        financing.decline(filed, dt.date(2026, 3, 5), " ")
    declined = financing.decline(filed, dt.date(2026, 3, 5), "抵押物不足")
    assert (declined.status, declined.decision_reason) == ("declined", "抵押物不足")
    with pytest.raises(FinanceError, match="不能答复"):
        financing.accept(declined, "X-1", dt.date(2026, 3, 6), dt.date(2026, 3, 6))


def test_pages_show_each_side_only_its_own_requests(client):
    lender, other_bank, firm, other_firm = bank(), bank("另一家银行"), weihai_sme(), weihai_sme("别家企业")
    mine = financing.submit(request_of(firm), product(lender), on=FILED)
    theirs = request_of(other_firm)
    owner = persona(Role.ENTERPRISE_USER, firm, username="owner")
    banker = persona(Role.ENTERPRISE_USER, lender, username="banker")
    stranger = persona(Role.ENTERPRISE_USER, other_bank, username="stranger")

    client.force_login(owner)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    refused = client.post(f"/finance/requests/{mine.pk}/accept/", {"contract_no": "X"})
    assert refused.status_code == 403

    client.force_login(banker)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404, "not sent to the bank yet"

    client.force_login(stranger)
    assert client.get(mine.get_absolute_url()).status_code == 404
    assert client.get("/finance/products/new/").status_code == 200
    assert client.get(f"/finance/products/{mine.product.pk}/edit/").status_code == 403

"""The finance app's part of `kechuang demo`: Weihai's risk-compensation pool (funded, with demo tiers:
the seeds state the cover per firm, 2000万, but no tiers), and three loans of the showcase enterprise
from a demo bank: an IP-pledge loan repaid on time with its interest subsidy granted by the rules, an
achievement-transformation loan that went bad, was compensated and partly recovered, and a running
technology-bank loan. All dated 2024 so that the showcase's latest year of benefits is untouched.
Products of the demo banks (科技成果转化贷, 人才贷, 知识产权质押贷, a credit loan for any enterprise) with
their eligibility conditions, and two financing requests of the showcase: one accepted in August 2024
(its loan issued from the request), one waiting for its bank's answer.
Idempotent: the loans are added once, with the pool; the products and requests once, with the products."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from finance import compensation, financing, loans, subsidies
from finance.models import FinancialProduct, FinancingRequest, Loan, RiskPool, RiskTier
from finance.vocabulary import LoanProduct, RepaymentMethod
from registry.demo.logins import showcase_enterprise
from registry.models import Organization
from registry.vocabulary import OrganizationKind

POOL = "威海市科技成果转化贷款风险补偿资金池"


def load(stdout: TextIO) -> None:
    firm = showcase_enterprise()
    lender = (
        Organization.objects.filter(
            is_demo=True, kind=OrganizationKind.FINANCIAL_INSTITUTION, region__code__startswith="3710"
        )
        .order_by("pk")
        .first()
    )
    if lender is None:
        return
    _products_and_requests(stdout, lender, firm)
    if RiskPool.objects.filter(name=POOL).exists():
        stdout.write("科技金融演示贷款已存在，未改动。\n")
        return
    with transaction.atomic():
        pool = RiskPool.objects.create(
            name=POOL,
            region_id="371000",
            products=[LoanProduct.ACHIEVEMENT_TRANSFORMATION],
            covered_per_borrower_yuan=Decimal("20000000"),
            clause=(
                "威政发〔2023〕5号 二.(六).23：每家企业纳入风险补偿的贷款余额不超过2000万元"
                "（分档比例为演示值）"
            ),
        )
        RiskTier.objects.create(pool=pool, up_to_yuan=Decimal("1000000"), share=Decimal("0.5"))
        RiskTier.objects.create(pool=pool, up_to_yuan=None, share=Decimal("0.3"))
        compensation.fund(pool, dt.date(2024, 1, 2), Decimal("5000000"), "市级财政注资（演示）")
        made = [_ip_pledge(lender, firm), _bad(lender, firm, pool), _running(lender, firm)]
    stdout.write(f"科技金融：{firm.name} 贷款 {len(made)} 笔，风险补偿资金池 1 个\n")


def _loan(lender: Organization, firm: Organization, number: str, **terms: object) -> Loan:
    return loans.issue(Loan(contract_no=number, lender=lender, borrower=firm, is_demo=True, **terms))


def _ip_pledge(lender: Organization, firm: Organization) -> Loan:
    loan = _loan(
        lender,
        firm,
        "WHZY2024-0315",
        product=LoanProduct.IP_PLEDGE,
        amount_yuan=Decimal("3000000"),
        rate=Decimal("0.0385"),
        signed=dt.date(2024, 3, 15),
        issued=dt.date(2024, 3, 15),
        term_months=12,
    )
    for installment in loan.installments.all():
        loans.record_repayment(loan, installment.due, installment.principal_yuan, installment.interest_yuan)
    try:
        subsidies.grant(loan, dt.date(2025, 3, 31))
    except loans.FinanceError:
        pass  # the showcase may not be an SME in the data; the loan still shows
    return loan


def _bad(lender: Organization, firm: Organization, pool: RiskPool) -> Loan:
    loan = _loan(
        lender,
        firm,
        "WHZH2024-0610",
        product=LoanProduct.ACHIEVEMENT_TRANSFORMATION,
        amount_yuan=Decimal("2400000"),
        rate=Decimal("0.042"),
        signed=dt.date(2024, 6, 10),
        issued=dt.date(2024, 6, 12),
        term_months=12,
        method=RepaymentMethod.EQUAL_PRINCIPAL,
        pool=pool,
        first_filing=True,
    )
    for installment in loan.installments.all()[:3]:
        loans.record_repayment(loan, installment.due, installment.principal_yuan, installment.interest_yuan)
    loans.declare_bad(loan, dt.date(2024, 10, 25))
    claim = compensation.compensate(loan, dt.date(2024, 11, 20))
    compensation.recover(claim, dt.date(2025, 5, 12), Decimal("600000"))
    return loan


def _running(lender: Organization, firm: Organization) -> Loan:
    return _loan(
        lender,
        firm,
        "WHKJ2024-1101",
        product=LoanProduct.TECH_BANK,
        amount_yuan=Decimal("5000000"),
        rate=Decimal("0.0365"),
        signed=dt.date(2024, 11, 1),
        issued=dt.date(2024, 11, 4),
        term_months=36,
    )


# (name, kind, rate, longest term, ceiling, conditions); the conditions are demo values.
PRODUCTS = [
    (
        "科技成果转化贷",
        LoanProduct.ACHIEVEMENT_TRANSFORMATION,
        "0.0385",
        36,
        "10000000",
        [
            {
                "label": "持有科技型中小企业或高新技术企业资格",
                "test": "holds('tech_sme') or holds('high_tech_enterprise')",
            }
        ],
    ),
    (
        "人才贷",
        LoanProduct.TALENT,
        "0.0365",
        36,
        "5000000",
        [{"label": "持有科技型中小企业资格", "test": "holds('tech_sme')"}],
    ),
    (
        "知识产权质押贷",
        LoanProduct.IP_PLEDGE,
        "0.0395",
        24,
        "8000000",
        [
            {"label": "有效发明专利不少于2件", "test": "invention_patents >= 2"},
            {"label": "上年营业收入不低于2000万元", "test": "revenue >= 20000000"},
        ],
    ),
    (
        "科创信用贷",
        LoanProduct.TECH_BANK,
        "0.0420",
        12,
        "3000000",
        [{"label": "申请人为企业", "test": "kind == 'enterprise'"}],
    ),
]


def _products_and_requests(stdout: TextIO, lender: Organization, firm: Organization) -> None:
    if FinancialProduct.objects.filter(is_demo=True).exists():
        return
    with transaction.atomic():
        for name, kind, rate, term, ceiling, conditions in PRODUCTS:
            product = FinancialProduct(
                name=name,
                bank=lender,
                kind=kind,
                rate=Decimal(rate),
                term_months=term,
                ceiling_yuan=Decimal(ceiling),
                eligibility=conditions,
                description="演示产品：利率、额度和申请条件为演示值。",
                is_demo=True,
            )
            financing.save_product(product)
        accepted = _request(firm, "2000000", 12, "中试生产线设备购置", dt.date(2024, 8, 1))
        chosen = _best(accepted, dt.date(2024, 8, 1))
        if chosen is not None:
            financing.submit(accepted, chosen, on=dt.date(2024, 8, 1))
            loan = financing.accept(accepted, "WHXQ2024-0820", dt.date(2024, 8, 20), dt.date(2024, 8, 20))
            Loan.objects.filter(pk=loan.pk).update(is_demo=True)  # demo data, like the loans above
        waiting = _request(firm, "1500000", 12, "研发人员引进与新产品研发", timezone.localdate())
        chosen = _best(waiting, timezone.localdate())
        if chosen is not None:
            financing.submit(waiting, chosen)
    stdout.write(f"科技金融产品 {len(PRODUCTS)} 个，{firm.name} 融资需求 2 条\n")


def _request(firm: Organization, amount: str, term: int, purpose: str, filed: dt.date) -> FinancingRequest:
    return financing.file_request(
        FinancingRequest(
            enterprise=firm,
            amount_yuan=Decimal(amount),
            term_months=term,
            purpose=purpose,
            filed_on=filed,
            is_demo=True,
        )
    )


def _best(request: FinancingRequest, on: dt.date) -> FinancialProduct | None:
    return next((m.product for m in financing.match(request, on) if m.eligible), None)

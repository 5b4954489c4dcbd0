"""The finance app's part of `kechuang demo`: Weihai's risk-compensation pool (funded, with demo tiers:
the seeds state the cover per firm, 2000万, but no tiers), and three loans of the showcase enterprise
from a demo bank: an IP-pledge loan repaid on time with its interest subsidy granted by the rules, an
achievement-transformation loan that went bad, was compensated and partly recovered, and a running
technology-bank loan. All dated 2024 so that the showcase's latest year of benefits is untouched.
Idempotent: nothing is added once the pool exists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TextIO

from django.db import transaction

from finance import compensation, loans, subsidies
from finance.models import Loan, RiskPool, RiskTier
from finance.vocabulary import LoanProduct, RepaymentMethod
from registry.demo.logins import showcase_enterprise
from registry.models import Organization
from registry.vocabulary import OrganizationKind

POOL = "威海市科技成果转化贷款风险补偿资金池"


def load(stdout: TextIO) -> None:
    if RiskPool.objects.filter(name=POOL).exists():
        stdout.write("科技金融演示数据已存在，未改动。\n")
        return
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

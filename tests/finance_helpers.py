"""Banks, borrowers, pools and loans for the finance app's tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from finance import compensation, loans
from finance.models import Loan, RiskPool, RiskTier
from registry.models import Organization
from tests.factories import AnnualDataFactory, OrganizationFactory, QualificationFactory


def bank(name: str = "威海市商业银行科技支行") -> Organization:
    return OrganizationFactory(name=name, kind="financial_institution", region_id="371002")


def weihai_sme(name: str = "威海蓝海复合材料有限公司", years: tuple[int, ...] = (2024, 2025)) -> Organization:
    firm = OrganizationFactory(name=name, region_id="371002")
    for year in years:
        AnnualDataFactory(organization=firm, year=year, employees=180, revenue=Decimal("60000000"))
    QualificationFactory(
        organization=firm, type="tech_sme", granted=dt.date(2023, 5, 1), expires=dt.date(2026, 12, 31)
    )
    return firm


def pool(funded: str = "3000000", cap: str | None = "20000000") -> RiskPool:
    found = RiskPool.objects.create(
        name="威海市科技成果转化贷款风险补偿资金池",
        region_id="371000",
        covered_per_borrower_yuan=Decimal(cap) if cap else None,
        clause="威政发〔2023〕5号 二.(六).23",
    )
    RiskTier.objects.create(pool=found, up_to_yuan=Decimal("1000000"), share=Decimal("0.5"))
    RiskTier.objects.create(pool=found, up_to_yuan=None, share=Decimal("0.3"))
    compensation.fund(found, dt.date(2024, 1, 2), Decimal(funded), "市级财政注资")
    return found


def loan(
    lender: Organization,
    borrower: Organization,
    product: str = "ip_pledge_loan",
    amount: str = "1000000",
    rate: str = "0.04",
    signed: dt.date = dt.date(2024, 3, 15),
    term: int = 12,
    method: str = "bullet",
    **extra: object,
) -> Loan:
    return loans.issue(
        Loan(
            product=product,
            contract_no=f"JK{signed:%Y%m%d}{Loan.objects.count():04d}",
            lender=lender,
            borrower=borrower,
            amount_yuan=Decimal(amount),
            rate=Decimal(rate),
            signed=signed,
            issued=signed,
            term_months=term,
            method=method,
            **extra,
        )
    )


def repay_on_schedule(found: Loan, late_days: int = 0) -> None:
    for installment in found.installments.all():
        loans.record_repayment(
            found,
            installment.due + dt.timedelta(days=late_days),
            installment.principal_yuan,
            installment.interest_yuan,
        )


def lasting_tech_sme(name: str = "威海蓝海复合材料有限公司") -> Organization:
    """A tech SME whose qualification does not expire and whose last year's revenue is 60,000,000 yuan,
    for pages that match requests on today's data."""
    firm = OrganizationFactory(name=name, region_id="371002")
    AnnualDataFactory(organization=firm, year=dt.date.today().year - 1, revenue=Decimal("60000000"))
    QualificationFactory(organization=firm, type="tech_sme", granted=dt.date(2023, 5, 1), expires=None)
    return firm

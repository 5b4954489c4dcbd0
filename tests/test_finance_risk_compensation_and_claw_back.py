"""A bad loan draws on the pool in tiers (50 % of the first 100万 of loss, 30 % above, in the test pool),
within the cover per borrower and the pool's balance; later recoveries claw the pool's share back."""

import datetime as dt
from decimal import Decimal

import pytest

from finance import compensation, loans
from finance.loans import FinanceError
from finance.vocabulary import ClaimStatus
from tests.finance_helpers import bank, loan, pool, weihai_sme

pytestmark = pytest.mark.django_db


def bad_loan(fund, firm=None, amount: str = "3000000"):
    found = loan(
        bank(f"银行{amount}"),
        firm or weihai_sme(),
        "achievement_transformation_loan",
        amount,
        "0.045",
        dt.date(2024, 1, 10),
        12,
        "equal_principal",
        pool=fund,
    )
    for installment in found.installments.all()[:2]:
        loans.record_repayment(found, installment.due, installment.principal_yuan, installment.interest_yuan)
    return loans.declare_bad(found, dt.date(2024, 5, 1))


def test_a_bad_loan_is_compensated_in_tiers_and_recoveries_claw_back_the_pools_share():
    fund = pool()
    claim = compensation.compensate(bad_loan(fund), dt.date(2024, 6, 1))

    assert claim.loss_yuan == Decimal("2500000.00")
    assert claim.compensated_yuan == Decimal("950000.00")  # 1,000,000 × 50 % + 1,500,000 × 30 %
    assert [step["amount"] for step in claim.tiers] == ["500000.00", "450000.00"]
    assert compensation.balance(fund) == Decimal("2050000.00")

    first = compensation.recover(claim, dt.date(2025, 1, 10), Decimal("1000000"))
    assert first.clawed_back_yuan == Decimal("380000.00")  # the pool bore 38 % of the loss
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PARTLY_CLAWED_BACK
    compensation.recover(claim, dt.date(2025, 6, 10), Decimal("1500000"))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CLAWED_BACK
    assert claim.clawed_back_yuan == claim.compensated_yuan
    assert compensation.balance(fund) == Decimal("3000000.00")
    with pytest.raises(FinanceError, match="累计回收"):
        compensation.recover(claim, dt.date(2025, 7, 1), Decimal("0.01"))
    assert claim.history.count() == 3


def test_the_pool_never_pays_more_than_its_balance_nor_twice():
    fund = pool(funded="900000")
    found = bad_loan(fund)
    with pytest.raises(FinanceError, match="余额"):
        compensation.compensate(found, dt.date(2024, 6, 1))
    compensation.fund(fund, dt.date(2024, 6, 2), Decimal("100000"))
    compensation.compensate(found, dt.date(2024, 6, 3))
    with pytest.raises(FinanceError, match="已获"):
        compensation.compensate(found, dt.date(2024, 6, 4))


def test_cover_per_borrower_limits_the_second_claim():
    fund = pool(funded="10000000", cap="3000000")
    firm = weihai_sme()
    compensation.compensate(bad_loan(fund, firm), dt.date(2024, 6, 1))
    second = compensation.compensate(bad_loan(fund, firm, amount="1200000"), dt.date(2024, 6, 1))
    assert second.covered_yuan == Decimal("500000.00")  # 3,000,000 less the 2,500,000 covered before
    assert second.compensated_yuan == Decimal("250000.00")


def test_a_loan_that_is_not_bad_or_not_filed_gets_nothing():
    fund = pool()
    found = loan(bank(), weihai_sme(), pool=fund)
    with pytest.raises(FinanceError, match="不良"):
        compensation.compensate(found, dt.date(2024, 6, 1))
    unfiled = loans.declare_bad(loan(bank("另一银行"), weihai_sme("另一企业")), dt.date(2024, 5, 1))
    with pytest.raises(FinanceError, match="备案"):
        compensation.compensate(unfiled, dt.date(2024, 6, 1))

"""A loan's schedule (monthly interest on the outstanding principal at rate ÷ 360 a day), actual
repayments against it, on-time judgement, and declaring a loan bad only when something is past due."""

import datetime as dt
from decimal import Decimal

import pytest

from finance import loans
from finance.loans import FinanceError
from finance.schedule import schedule
from finance.vocabulary import LoanStatus
from tests.finance_helpers import bank, loan, repay_on_schedule, weihai_sme

pytestmark = pytest.mark.django_db


def test_bullet_schedule_pays_interest_monthly_and_the_principal_at_maturity():
    dues = schedule(Decimal("1000000"), Decimal("0.036"), dt.date(2024, 1, 31), 3, "bullet")
    assert [d.due for d in dues] == [dt.date(2024, 2, 29), dt.date(2024, 3, 31), dt.date(2024, 4, 30)]
    assert [d.principal_yuan for d in dues] == [0, 0, Decimal("1000000")]
    # 29, 31 and 30 days at 100 yuan a day
    assert [d.interest_yuan for d in dues] == [Decimal("2900.00"), Decimal("3100.00"), Decimal("3000.00")]


def test_equal_principal_repays_the_amount_exactly_with_falling_interest():
    dues = schedule(Decimal("1000000"), Decimal("0.045"), dt.date(2024, 3, 15), 7, "equal_principal")
    assert sum(d.principal_yuan for d in dues) == Decimal("1000000")
    assert dues[0].principal_yuan == Decimal("142857.14")
    assert dues[-1].principal_yuan == Decimal("142857.16")
    assert dues[0].interest_yuan > dues[-1].interest_yuan


def test_a_loan_repaid_by_each_due_date_is_on_time_and_settled():
    found = loan(bank(), weihai_sme())
    assert found.lpr == Decimal("0.0345")  # LPR published 2023-08-21, in force at the end of February 2024
    repay_on_schedule(found)
    found.refresh_from_db()
    assert found.status == LoanStatus.REPAID
    assert found.repaid_on == dt.date(2025, 3, 15)
    assert loans.repaid_on_time(found)
    assert found.history.first().history_change_reason == "结清"


def test_a_late_instalment_makes_the_loan_late_even_once_settled():
    found = loan(bank(), weihai_sme())
    repay_on_schedule(found, late_days=3)
    found.refresh_from_db()
    assert found.status == LoanStatus.REPAID
    assert not loans.repaid_on_time(found)


def test_repayments_never_exceed_the_outstanding_principal():
    found = loan(bank(), weihai_sme())
    with pytest.raises(FinanceError, match="贷款余额"):
        loans.record_repayment(found, dt.date(2024, 4, 15), Decimal("1000000.01"), Decimal(0))
    with pytest.raises(FinanceError, match="早于放款日"):
        loans.record_repayment(found, dt.date(2024, 3, 1), Decimal("1"), Decimal(0))


def test_only_a_loan_past_due_can_be_declared_bad():
    found = loan(bank(), weihai_sme())
    with pytest.raises(FinanceError, match="逾期"):
        loans.declare_bad(found, dt.date(2024, 4, 10))
    found = loans.declare_bad(found, dt.date(2024, 4, 20))
    assert found.status == LoanStatus.BAD
    with pytest.raises(FinanceError, match="不良"):
        loans.record_repayment(found, dt.date(2024, 4, 21), Decimal("1"), Decimal(0))


def test_the_lender_must_be_a_financial_institution():
    with pytest.raises(FinanceError, match="金融机构"):
        loan(weihai_sme("威海某公司"), weihai_sme())

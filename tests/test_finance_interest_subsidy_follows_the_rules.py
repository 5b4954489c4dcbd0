"""Interest subsidies are what the benefit rules pay for the loan's `loan_issued` event in the
borrower's database snapshot: 20 % of the LPR for an IP-pledge loan (二.(六).25) capped at 20万 a year,
the provincial subsidy of a first-filed achievement-transformation loan repaid on time (二.(六).23)
capped at 50万 per firm over the years, and never more than the interest actually paid."""

import datetime as dt
from decimal import Decimal

import pytest

from benefits.calculator import parse_snapshot
from benefits.snapshots import snapshot_for
from finance import subsidies
from finance.loans import FinanceError
from tests.finance_helpers import bank, loan, pool, repay_on_schedule, weihai_sme

pytestmark = pytest.mark.django_db


def test_a_loan_is_a_loan_issued_fact_of_its_borrower():
    firm = weihai_sme()
    found = loan(bank(), firm)
    repay_on_schedule(found)
    events = snapshot_for(firm, 2024)["events"]
    assert [e for e in events if e["type"] == "loan_issued"] == [
        {
            "type": "loan_issued",
            "date": "2024-03-15",
            "product": "ip_pledge_loan",
            "amount_yuan": 1000000,
            "rate": Decimal("0.04"),
            "days": 365,
            "first_time": False,
            "repaid_on_time": True,
        }
    ]
    parse_snapshot(snapshot_for(firm, 2024))


def test_ip_pledge_subsidy_is_twenty_percent_of_the_lpr_for_the_days_used():
    found = loan(bank(), weihai_sme())
    with pytest.raises(FinanceError, match="结清"):
        subsidies.grant(found, dt.date(2024, 5, 1))
    repay_on_schedule(found)

    (subsidy,) = subsidies.grant(found, dt.date(2025, 3, 20))

    # 1,000,000 × 3.45 % × 20 % × 365 / 365
    assert subsidy.amount_yuan == Decimal("6900.00")
    assert subsidy.rule == "weihai-2023.ip-pledge-interest"
    assert subsidy.clause == "二.(六).25"
    with pytest.raises(FinanceError, match="没有"):
        subsidies.grant(found, dt.date(2025, 3, 21))


def test_the_yearly_cap_holds_over_the_firms_loans_of_the_year():
    firm, lender = weihai_sme(), bank()
    first = loan(lender, firm, amount="20000000", signed=dt.date(2024, 3, 15))
    second = loan(lender, firm, amount="20000000", signed=dt.date(2024, 6, 3))
    repay_on_schedule(first)
    repay_on_schedule(second)
    assert subsidies.grant(first, dt.date(2025, 6, 10))[0].amount_yuan == Decimal("138000.00")
    assert subsidies.grant(second, dt.date(2025, 6, 10))[0].amount_yuan == Decimal("62000.00")


def test_achievement_loan_subsidy_needs_first_filing_and_on_time_repayment_and_is_capped_per_firm():
    firm, lender, fund = weihai_sme(), bank(), pool()
    kwargs = {
        "product": "achievement_transformation_loan",
        "amount": "5000000",
        "rate": "0.045",
        "pool": fund,
    }
    late = loan(lender, firm, signed=dt.date(2024, 2, 1), first_filing=True, **kwargs)
    repay_on_schedule(late, late_days=5)
    with pytest.raises(FinanceError, match="没有"):
        subsidies.grant(late, dt.date(2025, 3, 1))

    first = loan(lender, firm, signed=dt.date(2024, 4, 1), first_filing=True, **kwargs)
    repay_on_schedule(first)
    (granted,) = subsidies.grant(first, dt.date(2025, 4, 2))
    interest = sum(r.interest_yuan for r in first.repayments.all())
    assert granted.amount_yuan == interest  # within the 50万 cap, never more than the interest paid
    assert granted.computed_yuan == Decimal("500000")

    again = []
    for year in (2025, 2026):
        later = loan(lender, firm, signed=dt.date(year, 4, 1), first_filing=True, **kwargs)
        repay_on_schedule(later)
        again.append(subsidies.grant(later, dt.date(year + 1, 4, 2))[0].amount_yuan)
    assert granted.amount_yuan + sum(again) == Decimal("500000.00")
    assert again[1] < again[0]

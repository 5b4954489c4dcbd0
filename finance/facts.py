"""The finance app's facts for benefit snapshots (kechuang.plugins): every loan signed in the year is a
`loan_issued` event of its borrower (contract 3), dated by the loan contract's signing (the day the
rules read the LPR from), with

- `product`, `amount_yuan`, `rate` (the loan's annual rate);
- `days`: the days the money was used (放款 to 结清), or to the maturity date while it runs;
- `first_time`: first filed with the provincial risk compensation (首次纳入风险补偿备案);
- `repaid_on_time`: 结清 with every instalment paid by its due date.

`loans_signed_in` is the order the events come in; interest subsidies use it to find their loan's event.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from finance import loans as loan_logic
from finance.models import Loan
from finance.schedule import months_after
from kechuang.plugins import Facts, whole_yuan


def loans_signed_in(organization_ids: Sequence[int], year: int) -> QuerySet[Loan]:
    return (
        Loan.objects.filter(borrower_id__in=organization_ids, signed__year=year)
        .prefetch_related("installments", "repayments")
        .order_by("signed", "pk")
    )


def loan_event(loan: Loan) -> dict[str, Any]:
    until = loan.repaid_on or months_after(loan.issued, loan.term_months)
    return {
        "type": "loan_issued",
        "date": loan.signed.isoformat(),
        "product": loan.product,
        "amount_yuan": whole_yuan(loan.amount_yuan),
        "rate": loan.rate.normalize(),
        "days": (until - loan.issued).days,
        "first_time": loan.first_filing,
        "repaid_on_time": loan_logic.repaid_on_time(loan),
    }


def collect(organization_ids: Sequence[int], year: int, years: Sequence[int]) -> dict[int, Facts]:
    found: dict[int, Facts] = {}
    for loan in loans_signed_in(organization_ids, year):
        found.setdefault(loan.borrower_id, Facts()).events.append(loan_event(loan))
    return found

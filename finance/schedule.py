"""Repayment schedules (还款计划), database-free.

Interest accrues on the outstanding principal by the day at the annual rate over 360 (日利率 = 年利率 ÷
360, the convention of Chinese banks' loan contracts); due dates fall monthly on the day of issue (the
last day of a shorter month). Amounts are rounded to the fen, half up; the last instalment takes what
rounding left of the principal.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from finance.vocabulary import RepaymentMethod

FEN = Decimal("0.01")
DAYS_IN_YEAR = Decimal(360)


@dataclass(frozen=True)
class Due:
    number: int
    due: dt.date
    principal_yuan: Decimal
    interest_yuan: Decimal


def months_after(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interest(principal: Decimal, rate: Decimal, start: dt.date, end: dt.date) -> Decimal:
    return (principal * rate * Decimal((end - start).days) / DAYS_IN_YEAR).quantize(FEN, ROUND_HALF_UP)


def schedule(amount: Decimal, rate: Decimal, issued: dt.date, term_months: int, method: str) -> list[Due]:
    if term_months < 1:
        raise ValueError("期限至少1个月")
    found: list[Due] = []
    outstanding = amount
    start = issued
    share = (amount / term_months).quantize(FEN, ROUND_HALF_UP)
    for number in range(1, term_months + 1):
        due = months_after(issued, number)
        last = number == term_months
        if method == RepaymentMethod.EQUAL_PRINCIPAL:
            principal = outstanding if last else share
        else:
            principal = outstanding if last else Decimal(0)
        found.append(Due(number, due, principal, interest(outstanding, rate, start, due)))
        outstanding -= principal
        start = due
    return found

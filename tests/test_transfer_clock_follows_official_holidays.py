"""The registration clock counts working days of the official calendar: weekends off, public holidays
off, make-up working weekends on, the day of acceptance not counted."""

import datetime as dt
from decimal import Decimal

import pytest

from transfer import clock


def test_fifteen_working_days_over_plain_weekends():
    # Friday 7 March 2025: three full working weeks follow, no holiday among them.
    assert clock.decision_due(dt.date(2025, 3, 7), Decimal("1000000"), disputed=False) == dt.date(2025, 3, 28)


def test_national_day_week_is_skipped_and_make_up_weekends_count():
    # 2025: 1–8 October off; Sunday 28 September and Saturday 11 October are working days.
    assert clock.is_working_day(dt.date(2025, 9, 28))
    assert not clock.is_working_day(dt.date(2025, 10, 3))
    assert clock.is_working_day(dt.date(2025, 10, 11))
    assert clock.decision_due(dt.date(2025, 9, 26), Decimal("1000000"), disputed=False) == dt.date(
        2025, 10, 23
    )


def test_spring_festival_2026_is_skipped():
    # 15–23 February 2026 off; Saturdays 14 and 28 February are working days.
    assert clock.add_working_days(dt.date(2026, 2, 13), 2) == dt.date(2026, 2, 24)
    assert clock.decision_due(dt.date(2026, 2, 13), Decimal("100000"), disputed=False) == dt.date(2026, 3, 12)


def test_five_million_or_more_gets_thirty_working_days_of_expert_review():
    assert not clock.needs_expert_review(Decimal("4999999.99"), disputed=False)
    assert clock.needs_expert_review(Decimal("5000000"), disputed=False)
    assert clock.decision_due(dt.date(2025, 3, 7), Decimal("5000000"), disputed=False) == dt.date(2025, 4, 21)


def test_a_disputed_contract_gets_expert_review_whatever_its_amount():
    assert clock.needs_expert_review(Decimal("10000"), disputed=True)
    assert clock.decision_due(dt.date(2025, 3, 7), Decimal("10000"), disputed=True) == dt.date(2025, 4, 21)


def test_working_days_between_counts_after_the_start_up_to_the_end():
    assert clock.working_days_between(dt.date(2025, 9, 26), dt.date(2025, 10, 23)) == 15
    assert clock.working_days_between(dt.date(2025, 10, 23), dt.date(2025, 9, 26)) == -15
    assert clock.working_days_between(dt.date(2025, 10, 1), dt.date(2025, 10, 8)) == 0


def test_a_year_the_calendar_does_not_know_falls_back_to_weekdays():
    unknown = dt.date(2099, 1, 2)  # a Friday
    assert not clock.calendar_known(unknown)
    assert clock.add_working_days(unknown, 1) == dt.date(2099, 1, 5)
    assert clock.calendar_known(dt.date(2025, 1, 2))


def test_an_absurd_limit_is_refused():
    with pytest.raises(ValueError):
        clock.add_working_days(dt.date(2025, 1, 2), 0)

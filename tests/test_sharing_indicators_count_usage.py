"""Sharing statistics and indicators are computed from usage records, and the indicator's series agrees
with the records its drill-down lists."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from planning.indicators import SeriesRequest
from sharing import statistics, usage
from sharing.indicators import DEFINITIONS
from tests.factories import OrganizationFactory
from tests.sharing_helpers import lab, lab_manager, shared_instrument


def test_hours_sharing_rate_and_income_come_from_usage(db):
    owner = lab()
    instrument, manager = shared_instrument(owner), lab_manager(owner)
    year = timezone.localdate().year
    start = timezone.make_aware(dt.datetime(year, 1, 5, 9))
    usage.record(
        manager,
        instrument,
        start,
        start + dt.timedelta(hours=3),
        "王工",
        organization=OrganizationFactory(),
        user_kind="enterprise",
    )
    usage.record(
        manager,
        instrument,
        start + dt.timedelta(days=1),
        start + dt.timedelta(days=1, hours=1),
        "王工",
        organization=owner,
        user_kind="internal",
    )
    (row,) = statistics.by_instrument(year)
    assert (row["effective_hours"], row["external_hours"], row["sharing_rate"], row["income_yuan"]) == (
        Decimal("4.0"),
        Decimal("3.0"),
        Decimal("0.7500"),
        Decimal("700.00"),
    )
    on = dt.date(year, 12, 31)
    for key, expected in (
        ("instrument_external_service_hours", Decimal("3.0")),
        ("instrument_service_income", Decimal("0.06")),
    ):
        definition = DEFINITIONS[key]
        records = definition.records("371000", {}, on)
        assert definition.value(records) == expected
        assert definition.series([SeriesRequest("371000", {}, [on])]) == [[expected]]
        assert records.count() == 1

"""A booking outside the instrument's rules answers 409 and says which rule it breaks."""

import datetime as dt

import pytest

from sharing.models import MaintenanceWindow, Training
from tests.sharing_helpers import at, lab, shared_instrument


def book(client, instrument, start, end):
    return client.post(
        "/api/sharing/bookings",
        {
            "instrument": instrument.pk,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "purpose": "成分分析",
        },
        content_type="application/json",
    )


@pytest.fixture
def booker(client, enterprise_user):
    client.force_login(enterprise_user)
    return client


@pytest.mark.parametrize(
    ("profile", "start", "end", "reason"),
    [
        ({"lead_time_hours": 72}, (1, 9), (1, 10), "须至少提前 72 小时预约"),
        ({"opens_at": dt.time(9, 0), "closes_at": dt.time(17, 0)}, (2, 8), (2, 10), "开放时间 09:00–17:00"),
        ({"min_minutes": 60}, (2, 9), (2, 9, 30), "每次至少预约 60 分钟"),
        ({"max_minutes": 120}, (2, 9), (2, 14), "每次最多预约 120 分钟"),
        ({"requires_training": True}, (2, 9), (2, 10), "须经上机培训"),
        ({"running_status": "faulty"}, (2, 9), (2, 10), "当前不可预约"),
    ],
)
def test_a_slot_outside_the_rules_is_refused_with_the_reason(booker, profile, start, end, reason):
    instrument = shared_instrument(lab(), **profile)
    response = book(booker, instrument, at(*start), at(*end))
    assert response.status_code == 409
    assert reason in response.json()["detail"]


def test_a_closed_weekday_is_refused(booker):
    start = at(2, 9)
    open_days = "".join(str(day) for day in range(1, 8) if day != start.isoweekday())
    instrument = shared_instrument(lab(), open_weekdays=open_days)
    response = book(booker, instrument, start, at(2, 10))
    assert response.status_code == 409
    assert "开放日" in response.json()["detail"]


def test_a_maintenance_window_blocks_bookings(booker):
    instrument = shared_instrument(lab())
    MaintenanceWindow.objects.create(shared=instrument, start=at(2, 12), end=at(2, 16), reason="年度校准")
    response = book(booker, instrument, at(2, 15), at(2, 17))
    assert response.status_code == 409
    assert "维护时段" in response.json()["detail"]


def test_a_trained_user_may_book_an_instrument_that_requires_training(booker, enterprise_user):
    instrument = shared_instrument(lab(), requires_training=True)
    Training.objects.create(shared=instrument, person=enterprise_user, trained_on=dt.date(2020, 1, 1))
    assert book(booker, instrument, at(2, 9), at(2, 10)).status_code == 201


def test_an_expired_training_does_not_count(booker, enterprise_user):
    instrument = shared_instrument(lab(), requires_training=True)
    Training.objects.create(
        shared=instrument, person=enterprise_user, trained_on=dt.date(2020, 1, 1), expires=dt.date(2021, 1, 1)
    )
    assert book(booker, instrument, at(2, 9), at(2, 10)).status_code == 409

"""A weekly series is booked all or nothing, and each of its bookings can then be moved or cancelled alone."""

import datetime as dt

import pytest

from sharing import booking
from sharing.models import Booking
from sharing.vocabulary import BookingStatus
from tests.sharing_helpers import at, lab, shared_instrument


@pytest.fixture
def instrument(db):
    return shared_instrument(lab())


def test_a_weekly_series_books_every_week(client, enterprise_user, instrument):
    client.force_login(enterprise_user)
    response = client.post(
        "/api/sharing/bookings",
        {
            "instrument": instrument.pk,
            "start": at(2, 9).isoformat(),
            "end": at(2, 10).isoformat(),
            "purpose": "每周例行检测",
            "repeat": 4,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    starts = list(Booking.objects.filter(series_id=response.json()["series"]).values_list("start", flat=True))
    assert starts == [at(2, 9) + dt.timedelta(weeks=n) for n in range(4)]


def test_a_series_with_one_taken_week_books_nothing(enterprise_user, other_enterprise, instrument):
    booking.request(enterprise_user, instrument, booking.Slot(at(16, 9), at(16, 10)), "占用第三周")
    with pytest.raises(booking.BookingRefused, match="该时段已被预约"):
        booking.request_series(enterprise_user, instrument, booking.Slot(at(2, 9), at(2, 10)), "例行检测", 4)
    assert Booking.objects.count() == 1


def test_one_instance_moves_and_the_others_stay(client, enterprise_user, instrument):
    series = booking.request_series(
        enterprise_user, instrument, booking.Slot(at(2, 9), at(2, 10)), "例行检测", 3
    )
    client.force_login(enterprise_user)
    response = client.patch(
        f"/api/sharing/bookings/{series[1].pk}",
        {"start": at(9, 14).isoformat(), "end": at(9, 15).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [b.start for b in Booking.objects.filter(series=series[0].series)] == [
        at(2, 9),
        at(9, 14),
        at(16, 9),
    ]


def test_moving_onto_a_taken_slot_is_refused_and_keeps_the_booking(enterprise_user, instrument):
    first, second = booking.request_series(
        enterprise_user, instrument, booking.Slot(at(2, 9), at(2, 10)), "检测", 2
    )
    with pytest.raises(booking.BookingRefused, match="该时段已被预约"):
        booking.move(enterprise_user, second, booking.Slot(at(2, 9, 30), at(2, 10, 30)))
    second.refresh_from_db()
    assert second.start == at(9, 9)


def test_one_instance_is_cancelled_alone(enterprise_user, instrument):
    series = booking.request_series(enterprise_user, instrument, booking.Slot(at(2, 9), at(2, 10)), "检测", 3)
    booking.cancel(enterprise_user, series[0])
    statuses = list(Booking.objects.filter(series=series[0].series).values_list("status", flat=True))
    assert statuses == [BookingStatus.CANCELLED, BookingStatus.REQUESTED, BookingStatus.REQUESTED]

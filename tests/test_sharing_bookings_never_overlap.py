"""Contract 9: two bookings of one instrument never overlap; the database itself refuses it."""

import pytest
from django.db import IntegrityError, transaction

from accounts.models import Role
from sharing.models import Booking
from sharing.vocabulary import BookingStatus
from tests.factories import persona
from tests.sharing_helpers import at, lab, shared_instrument


@pytest.fixture
def instrument(db):
    return shared_instrument(lab())


def book(client, instrument, start, end, purpose="扫描电镜表征"):
    return client.post(
        "/api/sharing/bookings",
        {"instrument": instrument.pk, "start": start.isoformat(), "end": end.isoformat(), "purpose": purpose},
        content_type="application/json",
    )


def test_booking_a_free_slot_answers_201_with_the_booking(client, enterprise_user, instrument):
    client.force_login(enterprise_user)
    response = book(client, instrument, at(2, 9), at(2, 11))
    assert response.status_code == 201
    body = response.json()
    assert body["instrument"] == instrument.pk
    assert body["status"] == "requested"
    assert body["user_kind"] == "enterprise"
    assert body["fee_estimate_yuan"] == "400.00"


def test_an_overlapping_booking_answers_409_with_the_reason(
    client, enterprise_user, other_enterprise, instrument
):
    client.force_login(enterprise_user)
    assert book(client, instrument, at(2, 9), at(2, 11)).status_code == 201
    client.force_login(persona(Role.ENTERPRISE_USER, other_enterprise, username="rival"))
    response = book(client, instrument, at(2, 10), at(2, 12))
    assert response.status_code == 409
    assert "该时段已被预约" in response.json()["detail"]
    assert Booking.objects.count() == 1


def test_back_to_back_bookings_do_not_overlap(client, enterprise_user, instrument):
    client.force_login(enterprise_user)
    assert book(client, instrument, at(2, 9), at(2, 11)).status_code == 201
    assert book(client, instrument, at(2, 11), at(2, 12)).status_code == 201


def test_the_database_refuses_an_overlap_that_skips_the_python_check(enterprise_user, instrument):
    fields = {
        "shared": instrument,
        "requester": enterprise_user,
        "user_kind": "enterprise",
        "purpose": "测试",
    }
    Booking.objects.create(start=at(3, 9), end=at(3, 12), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(start=at(3, 11), end=at(3, 13), **fields)
    later = Booking.objects.create(start=at(3, 13), end=at(3, 14), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=later.pk).update(start=at(3, 10))


def test_a_cancelled_or_rejected_booking_frees_its_slot(enterprise_user, instrument):
    fields = {
        "shared": instrument,
        "requester": enterprise_user,
        "user_kind": "enterprise",
        "purpose": "测试",
    }
    Booking.objects.create(start=at(3, 9), end=at(3, 12), status=BookingStatus.CANCELLED, **fields)
    Booking.objects.create(start=at(3, 9), end=at(3, 12), status=BookingStatus.REJECTED, **fields)
    Booking.objects.create(start=at(3, 9), end=at(3, 12), **fields)
    assert Booking.objects.filter(status=BookingStatus.REQUESTED).count() == 1


def test_booking_needs_a_login(client, instrument):
    assert book(client, instrument, at(2, 9), at(2, 11)).status_code == 401

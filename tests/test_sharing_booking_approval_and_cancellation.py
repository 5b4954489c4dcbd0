"""The owner approves or rejects requests; the requester cancels up to the notice the instrument asks."""

import datetime as dt

import pytest

from accounts.models import Role
from sharing import booking
from sharing.vocabulary import BookingStatus
from tests.factories import persona
from tests.sharing_helpers import at, lab, lab_manager, shared_instrument


@pytest.fixture
def owner(db):
    return lab()


@pytest.fixture
def instrument(owner):
    return shared_instrument(owner)


def requested(user, instrument, day=3):
    return booking.request(user, instrument, booking.Slot(at(day, 9), at(day, 11)), "热分析")


def test_the_owner_approves_a_request(client, enterprise_user, owner, instrument):
    item = requested(enterprise_user, instrument)
    client.force_login(lab_manager(owner))
    response = client.post(
        f"/api/sharing/bookings/{item.pk}/decision", {"approve": True}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert item.history.count() == 2  # who decided and when is in the audit trail


def test_the_requester_cannot_approve_their_own_request(client, enterprise_user, instrument):
    item = requested(enterprise_user, instrument)
    client.force_login(enterprise_user)
    response = client.post(
        f"/api/sharing/bookings/{item.pk}/decision", {"approve": True}, content_type="application/json"
    )
    assert response.status_code == 403


def test_another_enterprise_does_not_see_the_booking(client, enterprise_user, other_enterprise, instrument):
    item = requested(enterprise_user, instrument)
    client.force_login(persona(Role.ENTERPRISE_USER, other_enterprise, username="rival"))
    response = client.post(f"/api/sharing/bookings/{item.pk}/cancellation")
    assert response.status_code == 404


def test_the_owner_books_its_own_instrument_without_approval(owner, instrument):
    item = requested(lab_manager(owner), instrument)
    assert item.status == BookingStatus.APPROVED
    assert item.user_kind == "internal"


def test_the_requester_cancels_before_the_notice(client, enterprise_user, instrument):
    item = requested(enterprise_user, instrument)
    client.force_login(enterprise_user)
    response = client.post(f"/api/sharing/bookings/{item.pk}/cancellation")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"


def test_the_requester_cannot_cancel_inside_the_notice_but_the_owner_can(enterprise_user, owner, instrument):
    item = requested(enterprise_user, instrument)
    just_before = item.start - dt.timedelta(hours=instrument.cancel_notice_hours - 1)
    with pytest.raises(booking.BookingRefused, match="小时内不能自行取消"):
        booking.cancel(enterprise_user, item, now=just_before)
    assert booking.cancel(lab_manager(owner), item, now=just_before).status == BookingStatus.CANCELLED

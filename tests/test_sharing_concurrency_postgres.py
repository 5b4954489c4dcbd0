"""50 clients at once (contract 9): booking overlapping slots and redeeming the same voucher.

Exactly one winner per slot, no voucher or budget below zero, every loser told why. PostgreSQL runs
writers concurrently, which is where a check-then-write race would show; SQLite runs one writer at a
time, so these run when DATABASE_URL is PostgreSQL (CI's second pass, `.ci/run`)."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import Role
from registry.regions import load_regions
from sharing import vouchers
from sharing.models import Booking, Claim, VoucherBudget, VoucherShare
from sharing.vocabulary import ACTIVE_BOOKING_STATES, ClaimStatus
from tests.factories import OrganizationFactory, persona
from tests.sharing_helpers import at, lab, shared_instrument, small_enterprise
from tests.sharing_voucher_helpers import weihai_world

CLIENTS = 50

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="concurrent writers need PostgreSQL (DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def regions() -> None:
    """Transactional tests empty every table, the region table too."""
    load_regions()


def all_at_once(work: Callable[[int], tuple[int, dict]]) -> list[tuple[int, dict]]:
    """Run `work(i)` for every client in its own thread, released together; (status, body) of each."""
    barrier = threading.Barrier(CLIENTS)
    results: list[tuple[int, dict] | None] = [None] * CLIENTS

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:
            results[index] = (500, {"detail": repr(error)})
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    crashes = [body["detail"] for status, body in results if status >= 500]
    assert not crashes, crashes[:3]
    return results


def logged_in_clients(users) -> list[Client]:
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def post(client: Client, path: str, payload: dict) -> tuple[int, dict]:
    response = client.post(path, payload, content_type="application/json")
    return response.status_code, response.json()


def test_fifty_clients_booking_one_slot_give_exactly_one_winner():
    instrument = shared_instrument(lab())
    users = [
        persona(Role.ENTERPRISE_USER, OrganizationFactory(), username=f"racer{i}") for i in range(CLIENTS)
    ]
    clients = logged_in_clients(users)
    payload = {
        "instrument": instrument.pk,
        "start": at(3, 9).isoformat(),
        "end": at(3, 11).isoformat(),
        "purpose": "抢同一时段",
    }
    results = all_at_once(lambda i: post(clients[i], "/api/sharing/bookings", payload))
    statuses = [status for status, _body in results]
    assert statuses.count(201) == 1
    assert statuses.count(409) == CLIENTS - 1
    assert all("预约" in body["detail"] for status, body in results if status == 409)
    assert Booking.objects.filter(shared=instrument, status__in=ACTIVE_BOOKING_STATES).count() == 1


def test_fifty_clients_booking_staggered_overlapping_slots_never_overlap():
    instrument = shared_instrument(lab())
    users = [
        persona(Role.ENTERPRISE_USER, OrganizationFactory(), username=f"stagger{i}") for i in range(CLIENTS)
    ]
    clients = logged_in_clients(users)

    def book(i: int) -> tuple[int, dict]:
        start = at(4, 8) + dt.timedelta(
            minutes=15 * (i % 20)
        )  # 90-minute slots every 15 minutes: heavy overlap
        return post(
            clients[i],
            "/api/sharing/bookings",
            {
                "instrument": instrument.pk,
                "start": start.isoformat(),
                "end": (start + dt.timedelta(minutes=90)).isoformat(),
                "purpose": "错峰预约",
            },
        )

    results = all_at_once(book)
    assert all(status in (201, 409) for status, _body in results)
    assert all(body["detail"] for status, body in results if status == 409)
    kept = list(Booking.objects.filter(shared=instrument, status__in=ACTIVE_BOOKING_STATES).order_by("start"))
    assert len(kept) == sum(1 for status, _body in results if status == 201) >= 1
    assert all(earlier.end <= later.start for earlier, later in zip(kept, kept[1:], strict=False))


def test_fifty_claims_on_one_voucher_never_overspend(bureau_admin):
    world = weihai_world(bureau_admin)
    voucher = world.voucher(Decimal("10000"))  # 4,000 provincial + 2,000 municipal: ten claims of 600
    usages = [world.used(hours=5, days_ago=1 + i % 20) for i in range(CLIENTS)]
    clients = logged_in_clients([world.owner_user] * CLIENTS)
    results = all_at_once(
        lambda i: post(
            clients[i],
            f"/api/sharing/vouchers/{voucher.pk}/redemptions",
            {"usage": usages[i].pk, "amount_yuan": "600"},
        )
    )
    statuses = [status for status, _body in results]
    assert statuses.count(201) == 10
    assert statuses.count(409) == CLIENTS - 10
    assert all("额度不足" in body["detail"] for status, body in results if status == 409)
    assert vouchers.remaining_yuan(voucher) == 0
    assert all(share.redeemed_yuan <= share.held_yuan for share in VoucherShare.objects.all())


def test_fifty_claims_of_one_usage_redeem_it_once(bureau_admin):
    world = weihai_world(bureau_admin)
    voucher, used = world.voucher(Decimal("10000")), world.used(hours=5)
    clients = logged_in_clients([world.owner_user] * CLIENTS)
    results = all_at_once(
        lambda i: post(
            clients[i],
            f"/api/sharing/vouchers/{voucher.pk}/redemptions",
            {"usage": used.pk, "amount_yuan": "100"},
        )
    )
    assert [status for status, _body in results].count(201) == 1
    assert all("不能重复兑付" in body["detail"] for status, body in results if status == 409)
    assert Claim.objects.exclude(status=ClaimStatus.REJECTED).filter(usage=used).count() == 1


def test_fifty_approvals_against_one_budget_hold_no_more_than_it_has(bureau_admin):
    world = weihai_world(bureau_admin, total=Decimal("40000"))  # ten vouchers of 4,000 provincial
    year = timezone.localdate().year
    applicants = [
        persona(Role.ENTERPRISE_USER, OrganizationFactory(region_id="371002"), username=f"applicant{i}")
        for i in range(CLIENTS)
    ]
    for user in applicants:
        small_enterprise(user.organization, year)
    applied = [vouchers.apply(user, year, Decimal("10000"), "检测服务") for user in applicants]
    clients = logged_in_clients([bureau_admin] * CLIENTS)
    deadline = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    results = all_at_once(
        lambda i: post(
            clients[i],
            f"/api/sharing/vouchers/{applied[i].pk}/decision",
            {"approve": True, "deadline": deadline},
        )
    )
    assert [status for status, _body in results].count(200) == 10
    assert all("预算余额不足" in body["detail"] for status, body in results if status == 409)
    provincial = VoucherBudget.objects.get(pk=world.budgets["provincial"].pk)
    assert provincial.held_yuan == provincial.total_yuan == Decimal("40000")

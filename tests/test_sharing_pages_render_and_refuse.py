"""The sharing pages: the public catalogue and instrument page, booking through the form, and refusals."""

import pytest
from django.utils import timezone

from accounts.models import Role
from tests.factories import persona
from tests.sharing_helpers import at, lab, lab_manager, shared_instrument
from tests.sharing_voucher_helpers import weihai_world


@pytest.fixture
def instrument(db):
    return shared_instrument(lab(), description="扫描电镜，可做能谱分析")


def test_the_catalogue_is_public_and_searchable(client, instrument):
    page = client.get("/sharing/", {"q": "SU8020"}).content.decode()
    assert "场发射扫描电子显微镜" in page
    assert "威海市" in page  # listed under its city
    assert "场发射" not in client.get("/sharing/", {"q": "核磁"}).content.decode()


def test_the_instrument_page_shows_rates_rules_and_national_fields(client, instrument):
    page = client.get(f"/sharing/instruments/{instrument.pk}/").content.decode()
    for text in (
        "03040707",
        "SU8020",
        "3,200,000.00",
        "企业用户",
        "200.00",
        "国产",
        "地方财政",
        "日历（周）",
    ):
        assert text in page


def test_booking_through_the_form_shows_in_the_day_calendar(client, enterprise_user, instrument):
    client.force_login(enterprise_user)
    response = client.post(
        f"/sharing/instruments/{instrument.pk}/book/",
        {
            "start": at(2, 9).strftime("%Y-%m-%dT%H:%M"),
            "end": at(2, 11).strftime("%Y-%m-%dT%H:%M"),
            "purpose": "断口形貌观察",
            "repeat": 1,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "预约已提交" in page
    day = client.get(
        f"/sharing/instruments/{instrument.pk}/", {"view": "day", "day": at(2, 9).date().isoformat()}
    )
    assert "09:00–11:00 待审批" in day.content.decode()


def test_a_refused_booking_says_why_on_the_page(client, enterprise_user, instrument):
    client.force_login(enterprise_user)
    response = client.post(
        f"/sharing/instruments/{instrument.pk}/book/",
        {
            "start": at(2, 6).strftime("%Y-%m-%dT%H:%M"),
            "end": at(2, 7).strftime("%Y-%m-%dT%H:%M"),
            "purpose": "太早",
            "repeat": 1,
        },
        follow=True,
    )
    assert "开放时间 08:00–20:00" in response.content.decode()


def test_only_the_owner_sees_the_requests_to_approve(client, enterprise_user, instrument):
    client.force_login(enterprise_user)
    assert "待审批的预约" not in client.get(f"/sharing/instruments/{instrument.pk}/").content.decode()
    client.force_login(lab_manager(instrument.instrument.owner))
    assert "待审批的预约" in client.get(f"/sharing/instruments/{instrument.pk}/").content.decode()


def test_an_enterprise_cannot_approve_vouchers_or_see_budgets(client, bureau_admin):
    world = weihai_world(bureau_admin)
    from sharing import vouchers

    applied = vouchers.apply(world.owner_user, timezone.localdate().year, 10000, "检测")
    client.force_login(world.owner_user)
    response = client.post(
        f"/sharing/vouchers/{applied.pk}/decision/", {"approve": "1", "deadline": "2099-01-01"}
    )
    assert response.status_code == 403
    assert client.get("/sharing/budgets/").status_code == 403
    client.force_login(bureau_admin)
    assert "创新券预算" in client.get("/sharing/budgets/").content.decode()


def test_a_stranger_does_not_see_anothers_voucher(client, bureau_admin, other_enterprise):
    world = weihai_world(bureau_admin)
    voucher = world.voucher()
    client.force_login(persona(Role.ENTERPRISE_USER, other_enterprise, username="rival"))
    assert client.get(f"/sharing/vouchers/{voucher.pk}/").status_code == 404


def test_pages_that_need_a_login_send_visitors_to_log_in(client, db):
    for path in ("/sharing/bookings/", "/sharing/vouchers/", "/sharing/budgets/"):
        assert client.get(path).status_code == 302

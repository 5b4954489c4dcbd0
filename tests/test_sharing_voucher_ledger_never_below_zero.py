"""Approval holds budget, claims draw on the voucher, the bureau's approval spends, the deadline releases:
and no step takes any of the sums below zero."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from sharing import vouchers
from sharing.models import Claim, VoucherBudget, VoucherShare
from sharing.vocabulary import ClaimStatus, VoucherStatus
from tests.sharing_voucher_helpers import invoice, weihai_world


@pytest.fixture
def world(bureau_admin):
    return weihai_world(bureau_admin)


def held(world):
    return {level: VoucherBudget.objects.get(pk=b.pk).held_yuan for level, b in world.budgets.items()}


def test_approval_holds_each_levels_part_of_the_planned_cost(world):
    world.voucher(Decimal("10000"))
    assert held(world) == {
        "provincial": Decimal("4000.00"),
        "municipal": Decimal("2000.00"),
        "county": Decimal("0"),
    }


def test_approval_beyond_the_budget_is_refused_and_holds_nothing(bureau_admin):
    world = weihai_world(bureau_admin, total=Decimal("3000"))
    item = vouchers.apply(world.owner_user, timezone.localdate().year, Decimal("10000"), "测试")
    with pytest.raises(vouchers.VoucherRefused, match="省级创新券预算余额不足"):
        vouchers.approve(world.bureau, item, timezone.localdate() + dt.timedelta(days=30))
    assert held(world)["municipal"] == 0
    assert not VoucherShare.objects.exists()


def test_the_quota_per_enterprise_caps_its_vouchers_of_the_year(bureau_admin):
    world = weihai_world(bureau_admin, quota=Decimal("5000"))
    world.voucher(Decimal("10000"))  # 4,000 provincial, 2,000 municipal
    second = vouchers.apply(world.owner_user, timezone.localdate().year, Decimal("5000"), "再次申领")
    with pytest.raises(vouchers.VoucherRefused, match="超出每家企业省级年度额度"):
        vouchers.approve(world.bureau, second, timezone.localdate() + dt.timedelta(days=30))


def test_a_redemption_answers_201_with_the_split_by_level(client, world):
    voucher, used = world.voucher(), world.used(hours=5)  # fee 1,000 yuan
    client.force_login(world.owner_user)
    response = client.post(
        f"/api/sharing/vouchers/{voucher.pk}/redemptions",
        {"usage": used.pk, "amount_yuan": "600"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    parts = {part["level"]: part["amount_yuan"] for part in response.json()["parts"]}
    assert parts == {"provincial": "400.00", "municipal": "200.00"}


def test_redeeming_more_than_the_voucher_holds_answers_409(client, world):
    voucher = world.voucher(Decimal("2000"))  # 800 provincial + 400 municipal
    client.force_login(world.owner_user)
    first = client.post(
        f"/api/sharing/vouchers/{voucher.pk}/redemptions",
        {"usage": world.used(hours=5).pk, "amount_yuan": "600"},
        content_type="application/json",
    )
    assert first.status_code == 201
    second = client.post(
        f"/api/sharing/vouchers/{voucher.pk}/redemptions",
        {"usage": world.used(hours=6, days_ago=2).pk, "amount_yuan": "720"},
        content_type="application/json",
    )
    assert second.status_code == 409
    assert "额度不足" in second.json()["detail"]
    assert vouchers.remaining_yuan(voucher) == Decimal("600.00")


def test_one_usage_is_redeemed_once(client, world):
    voucher, used = world.voucher(), world.used()
    client.force_login(world.owner_user)
    payload = {"usage": used.pk, "amount_yuan": "300"}
    assert (
        client.post(
            f"/api/sharing/vouchers/{voucher.pk}/redemptions", payload, content_type="application/json"
        ).status_code
        == 201
    )
    again = client.post(
        f"/api/sharing/vouchers/{voucher.pk}/redemptions", payload, content_type="application/json"
    )
    assert again.status_code == 409
    assert "不能重复兑付" in again.json()["detail"]


def test_more_than_the_rules_pay_for_the_usage_is_refused(world):
    voucher, used = world.voucher(), world.used(hours=5)  # 60 % of 1,000 yuan
    with pytest.raises(vouchers.VoucherRefused, match="最多可兑付 600.00 元"):
        vouchers.claim(world.owner_user, voucher, used, Decimal("600.01"))


def test_the_bureau_approval_moves_held_to_spent(world):
    voucher, used = world.voucher(), world.used(hours=5)
    claim = vouchers.claim(world.owner_user, voucher, used, Decimal("600"), invoice())
    vouchers.decide_claim(world.bureau, claim, approve=True)
    provincial = VoucherBudget.objects.get(pk=world.budgets["provincial"].pk)
    assert (provincial.held_yuan, provincial.spent_yuan) == (Decimal("3600.00"), Decimal("400.00"))


def test_no_invoice_no_payment(world):
    claim = vouchers.claim(world.owner_user, world.voucher(), world.used(), Decimal("100"))
    with pytest.raises(vouchers.VoucherRefused, match="尚未上传发票"):
        vouchers.decide_claim(world.bureau, claim, approve=True)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("发票.exe", b"MZ\x90\x00", "只能上传 PDF、JPG 或 PNG"),
        ("发票.pdf", b"<html>not a pdf</html>", "文件内容与扩展名不符"),
        ("发票.pdf", b"", "发票文件是空的"),
    ],
)
def test_an_invoice_must_be_a_real_pdf_or_picture(world, name, content, reason):
    with pytest.raises(vouchers.VoucherRefused, match=reason):
        vouchers.claim(
            world.owner_user, world.voucher(), world.used(), Decimal("100"), invoice(name, content)
        )
    assert not Claim.objects.exists()


def test_a_returned_claim_gives_the_amount_back_and_frees_the_usage(world):
    voucher, used = world.voucher(), world.used(hours=5)
    claim = vouchers.claim(world.owner_user, voucher, used, Decimal("600"))
    vouchers.decide_claim(world.bureau, claim, approve=False, reason="发票抬头有误")
    assert vouchers.remaining_yuan(voucher) == Decimal("6000.00")
    again = vouchers.claim(world.owner_user, voucher, used, Decimal("600"), invoice())
    assert again.status == ClaimStatus.SUBMITTED


def test_the_deadline_releases_what_the_voucher_did_not_use(world):
    voucher = world.voucher()
    vouchers.claim(world.owner_user, voucher, world.used(hours=5), Decimal("600"), invoice())
    after = voucher.deadline + dt.timedelta(days=1)
    assert vouchers.release_expired(after) == 1
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.EXPIRED
    assert held(world) == {
        "provincial": Decimal("400.00"),
        "municipal": Decimal("200.00"),
        "county": Decimal("0"),
    }


def test_a_provider_redeeming_voucher_is_claimed_by_the_lab_and_paid_to_it(world):
    voucher, used = world.voucher(mode="provider_redeems"), world.used()
    with pytest.raises(vouchers.VoucherRefused, match="须由提供服务的单位申请"):
        vouchers.claim(world.owner_user, voucher, used, Decimal("100"))
    claim = vouchers.claim(world.lab_user, voucher, used, Decimal("100"))
    assert claim.payee == world.instrument.instrument.owner


def test_a_voucher_claim_needs_a_login(client, world):
    response = client.post(
        "/api/sharing/vouchers/1/redemptions",
        {"usage": 1, "amount_yuan": "1"},
        content_type="application/json",
    )
    assert response.status_code == 401

"""The voucher's API detail shows each level's granted, claimed and paid amounts, province first."""

from decimal import Decimal

from sharing import vouchers
from tests.sharing_voucher_helpers import invoice, weihai_world


def test_the_voucher_detail_lists_the_split_by_level(client, bureau_admin):
    world = weihai_world(bureau_admin)
    voucher = world.voucher(Decimal("10000"))
    claim = vouchers.claim(world.owner_user, voucher, world.used(hours=5), Decimal("600"), invoice())
    vouchers.decide_claim(world.bureau, claim, approve=True)
    client.force_login(world.owner_user)
    body = client.get(f"/api/sharing/vouchers/{voucher.pk}").json()
    assert [(s["level"], s["granted_yuan"], s["paid_yuan"], s["remaining_yuan"]) for s in body["shares"]] == [
        ("provincial", "4000.00", "400.00", "3600.00"),
        ("municipal", "2000.00", "200.00", "1800.00"),
    ]
    assert body["remaining_yuan"] == "5400.00"


def test_another_enterprise_cannot_see_the_voucher(client, bureau_admin, other_enterprise):
    from accounts.models import Role
    from tests.factories import persona

    world = weihai_world(bureau_admin)
    voucher = world.voucher()
    client.force_login(persona(Role.ENTERPRISE_USER, other_enterprise, username="rival"))
    assert client.get(f"/api/sharing/vouchers/{voucher.pk}").status_code == 404

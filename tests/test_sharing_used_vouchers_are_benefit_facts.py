"""A voucher claim the bureau paid is a `voucher_used` event of the enterprise (contract 3), so the city's
voucher rule shows in its snapshot, its `benefits --organization` and its 我的政策 page."""

from decimal import Decimal

import pytest
from django.utils import timezone

from benefits.calculator import Calculator, load_rulebook, parse_snapshot
from benefits.snapshots import snapshot_for
from sharing import vouchers
from tests.sharing_voucher_helpers import invoice, weihai_world


@pytest.fixture
def paid(bureau_admin):
    world = weihai_world(bureau_admin)
    claim = vouchers.claim(world.owner_user, world.voucher(), world.used(hours=5), Decimal("600"), invoice())
    vouchers.decide_claim(world.bureau, claim, approve=True)
    return world


def test_the_snapshot_holds_the_used_voucher(paid):
    snapshot = snapshot_for(paid.enterprise, timezone.localdate().year)
    used = [event for event in snapshot["events"] if event["type"] == "voucher_used"]
    assert [(event["cost_yuan"], event["provincial_subsidy_yuan"]) for event in used] == [(1000, 400)]


def test_a_claim_not_yet_paid_is_no_fact(bureau_admin):
    world = weihai_world(bureau_admin)
    vouchers.claim(world.owner_user, world.voucher(), world.used(), Decimal("100"), invoice())
    events = snapshot_for(world.enterprise, timezone.localdate().year)["events"]
    assert not [event for event in events if event["type"] == "voucher_used"]


def test_the_calculator_pays_the_city_voucher_subsidy_on_that_snapshot(paid):
    year = timezone.localdate().year
    result = Calculator(load_rulebook()).evaluate(parse_snapshot(snapshot_for(paid.enterprise, year)), year)
    items = {item.rule.id: item.amount for item in result.items}
    assert items["weihai-2023.innovation-voucher"] == Decimal("200")


def test_my_policies_page_shows_the_voucher_benefit(client, paid):
    client.force_login(paid.owner_user)
    page = client.get("/policies/benefits/").content.decode()
    assert "创新券市级补助（20%）" in page


def test_the_lab_reports_its_yearly_service_to_others(paid):
    year = timezone.localdate().year
    snapshot = snapshot_for(paid.instrument.instrument.owner, year)
    assert snapshot["annual"][str(year)]["instrument_service_yuan"] == 1000

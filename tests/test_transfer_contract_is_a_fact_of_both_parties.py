"""A registered contract is a `contract_registered` event in both parties' snapshots, each seeing the
other as its counterparty; the buyer subsidy rule pays the buyer from the database."""

import datetime as dt

import pytest

from benefits import rule_store
from benefits.calculator import Calculator, parse_snapshot
from benefits.snapshots import snapshot_for
from tests.factories import QualificationFactory
from tests.transfer_helpers import draft, office, weihai_enterprise, weihai_university
from transfer import registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def register(seller, buyer, amount="4000000", on=dt.date(2024, 4, 1), **extra):
    contract = draft(seller, buyer, amount, filed_with=office(), signed=dt.date(2024, 3, 1), **extra)
    contract = registration.submit(contract, dt.date(2024, 3, 5))
    if contract.needs_expert_review:
        contract = registration.send_to_review(contract, dt.date(2024, 3, 6))
    return registration.register(contract, on)


def test_both_parties_see_the_contract_with_the_other_as_counterparty():
    university, enterprise = weihai_university(), weihai_enterprise()
    register(university, enterprise)

    seller_events = snapshot_for(university, 2024)["events"]
    buyer_events = snapshot_for(enterprise, 2024)["events"]

    common = {
        "type": "contract_registered",
        "date": "2024-04-01",
        "contract_type": "development",
        "amount_yuan": 4000000,
    }
    assert seller_events == [
        common | {"role": "seller", "counterparty_kind": "enterprise", "counterparty_region": "371002"}
    ]
    assert buyer_events == [
        common | {"role": "buyer", "counterparty_kind": "university", "counterparty_region": "371002"}
    ]
    assert snapshot_for(enterprise, 2023)["events"] == []


def test_a_cancelled_contract_is_no_longer_a_fact():
    university, enterprise = weihai_university(), weihai_enterprise()
    contract = register(university, enterprise)
    registration.cancel(contract, dt.date(2024, 6, 1), "双方解除合同")
    assert snapshot_for(enterprise, 2024)["events"] == []


def test_the_buyer_subsidy_is_paid_by_rule_from_the_database_capped_per_year():
    university, enterprise = weihai_university(), weihai_enterprise()
    QualificationFactory(
        organization=enterprise, type="tech_sme", granted=dt.date(2024, 1, 10), expires=dt.date(2024, 12, 31)
    )
    register(university, enterprise, "4000000", on=dt.date(2024, 4, 1))

    def buyer_subsidy() -> list:
        result = Calculator(rule_store.live_rulebook()).evaluate(
            parse_snapshot(snapshot_for(enterprise, 2024)), 2024
        )
        return [
            item for item in result.as_dict()["items"] if item["rule"] == "weihai-2023.tech-contract-buyer"
        ]

    assert [item["amount_yuan"] for item in buyer_subsidy()] == [200000]
    register(university, enterprise, "6000000", on=dt.date(2024, 9, 2))
    assert sum(item["amount_yuan"] for item in buyer_subsidy()) == 300000
    seller = Calculator(rule_store.live_rulebook()).evaluate(
        parse_snapshot(snapshot_for(university, 2024)), 2024
    )
    assert not [
        item for item in seller.as_dict()["items"] if item["rule"] == "weihai-2023.tech-contract-buyer"
    ]

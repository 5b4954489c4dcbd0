"""Registration on the legal clock: acceptance starts it, more material restarts it, expert review at
500万 or for disputes, a registration number on the decision; changes, cancellations and objections,
each on the record with its history."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.transfer_helpers import draft, office, weihai_enterprise, weihai_university
from transfer import registration
from transfer.models import Contract, Step
from transfer.registration import RegistrationError
from transfer.vocabulary import ContractStatus, StepKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def contract() -> Contract:
    return draft(weihai_university(), weihai_enterprise(), filed_with=office())


def test_submission_starts_the_clock_and_registration_numbers_the_contract(contract, bureau_admin):
    contract = registration.submit(contract, dt.date(2025, 9, 26), bureau_admin)
    assert contract.status == ContractStatus.SUBMITTED
    assert contract.decision_due == dt.date(2025, 10, 23)

    contract = registration.register(contract, dt.date(2025, 10, 20), bureau_admin)

    assert contract.status == ContractStatus.REGISTERED
    assert contract.registration_no == "2025371000000001"
    assert contract.registered == dt.date(2025, 10, 20)
    assert [step.kind for step in contract.steps.all()] == [StepKind.SUBMITTED, StepKind.REGISTERED]
    assert contract.history.first().history_user == bureau_admin


def test_numbers_run_on_within_the_office_and_year():
    filed_with = office()
    seller, buyer = weihai_university(), weihai_enterprise()
    numbers = []
    for _ in range(2):
        contract = registration.submit(draft(seller, buyer, filed_with=filed_with), dt.date(2025, 3, 3))
        numbers.append(registration.register(contract, dt.date(2025, 3, 10)).registration_no)
    assert numbers == ["2025371000000001", "2025371000000002"]


def test_asking_for_material_stops_the_clock_and_receiving_it_restarts_in_full(contract):
    contract = registration.submit(contract, dt.date(2025, 3, 7))
    contract = registration.request_material(contract, dt.date(2025, 3, 12), "请补充技术附件")
    assert contract.status == ContractStatus.AWAITING_MATERIAL
    assert contract.decision_due is None

    contract = registration.receive_material(contract, dt.date(2025, 9, 26))

    assert contract.status == ContractStatus.SUBMITTED
    assert contract.clock_started_on == dt.date(2025, 9, 26)
    assert contract.decision_due == dt.date(2025, 10, 23)


def test_five_million_must_pass_expert_review_before_registration():
    contract = draft(weihai_university(), weihai_enterprise(), "5000000", filed_with=office())
    contract = registration.submit(contract, dt.date(2025, 3, 7))
    assert contract.decision_due == dt.date(2025, 4, 21)
    with pytest.raises(RegistrationError, match="专家评审"):
        registration.register(contract, dt.date(2025, 3, 20))

    contract = registration.send_to_review(contract, dt.date(2025, 3, 10), note="专家组三人")
    contract = registration.register(contract, dt.date(2025, 4, 18))
    assert contract.status == ContractStatus.REGISTERED


def test_a_dispute_lengthens_the_limit_to_the_review_limit(contract):
    contract = registration.submit(contract, dt.date(2025, 3, 7))
    assert contract.decision_due == dt.date(2025, 3, 28)
    with pytest.raises(RegistrationError, match="无需专家评审"):
        registration.send_to_review(contract, dt.date(2025, 3, 10))
    contract = registration.send_to_review(contract, dt.date(2025, 3, 10), disputed=True)
    assert contract.decision_due == dt.date(2025, 4, 21)


def test_submission_needs_an_office_and_the_contract_text():
    seller, buyer = weihai_university(), weihai_enterprise()
    with pytest.raises(RegistrationError, match="登记机构"):
        registration.submit(draft(seller, buyer), dt.date(2025, 9, 2))
    untexted = draft(seller, buyer, filed_with=office(), with_text=False)
    with pytest.raises(RegistrationError, match="合同文本"):
        registration.submit(untexted, dt.date(2025, 9, 2))
    untexted.refresh_from_db()
    assert untexted.status == ContractStatus.DRAFT
    assert not Step.objects.exists()


def test_dates_cannot_run_backwards(contract):
    with pytest.raises(RegistrationError, match="签订日期"):
        registration.submit(contract, dt.date(2024, 12, 31))
    contract = registration.submit(contract, dt.date(2025, 9, 2))
    with pytest.raises(RegistrationError, match="受理日期"):
        registration.register(contract, dt.date(2025, 9, 1))


def test_refusal_needs_a_reason_and_ends_the_procedure(contract):
    contract = registration.submit(contract, dt.date(2025, 9, 2))
    with pytest.raises(RegistrationError):
        registration.refuse(contract, dt.date(2025, 9, 5), " ")
    contract = registration.refuse(contract, dt.date(2025, 9, 5), "不属于技术合同")
    assert contract.status == ContractStatus.REFUSED
    assert contract.registration_no is None


def _registered(contract: Contract) -> Contract:
    return registration.register(registration.submit(contract, dt.date(2025, 9, 2)), dt.date(2025, 9, 10))


def test_a_change_keeps_before_and_after_in_the_history(contract, bureau_admin):
    contract = _registered(contract)
    contract = registration.change(
        contract,
        dt.date(2025, 11, 3),
        {"amount_yuan": Decimal("4500000"), "technical_amount_yuan": Decimal("4200000")},
        "双方签订补充协议",
        bureau_admin,
    )
    assert contract.amount_yuan == Decimal("4500000")
    latest, before = contract.history.all()[:2]
    assert (before.amount_yuan, latest.amount_yuan) == (Decimal("4000000"), Decimal("4500000"))
    assert latest.history_change_reason == "变更登记"
    assert "4000000.00 → 4500000" in contract.steps.get(kind=StepKind.CHANGED).note
    with pytest.raises(RegistrationError, match="卖方"):
        registration.change(contract, dt.date(2025, 11, 4), {"seller_name": "别家"}, "改卖方", bureau_admin)


def test_a_change_may_not_push_the_technical_amount_above_the_amount(contract):
    contract = _registered(contract)
    with pytest.raises(RegistrationError, match="技术交易额"):
        registration.change(
            contract, dt.date(2025, 11, 3), {"technical_amount_yuan": Decimal("5000000")}, "补充"
        )
    contract.refresh_from_db()
    assert contract.technical_amount_yuan == Decimal("4000000")


def test_an_upheld_objection_cancels_the_registration_and_a_dismissed_one_does_not(contract):
    contract = _registered(contract)
    dismissed = registration.raise_objection(contract, "第三方甲", dt.date(2025, 10, 1), "权属不清")
    registration.decide_objection(dismissed, dt.date(2025, 10, 9), upheld=False, decision="权属清楚")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.REGISTERED

    upheld = registration.raise_objection(contract, "第三方乙", dt.date(2025, 10, 10), "技术为乙方所有")
    registration.decide_objection(upheld, dt.date(2025, 10, 20), upheld=True, decision="经核实属实")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.CANCELLED
    assert contract.registration_no == "2025371000000001"
    with pytest.raises(RegistrationError, match="已处理"):
        registration.decide_objection(upheld, dt.date(2025, 10, 21), upheld=False, decision="再议")


def test_money_received_is_reconciled_and_never_exceeds_the_amount(contract):
    contract = _registered(contract)
    registration.record_payment(contract, dt.date(2025, 10, 1), Decimal("1500000"))
    registration.record_payment(contract, dt.date(2025, 12, 1), Decimal("2500000"))
    assert registration.received_total(contract) == Decimal("4000000")
    with pytest.raises(RegistrationError, match="成交额"):
        registration.record_payment(contract, dt.date(2025, 12, 2), Decimal("0.01"))
    with pytest.raises(RegistrationError, match="签订日期"):
        registration.record_payment(contract, dt.date(2025, 1, 1), Decimal("1"))

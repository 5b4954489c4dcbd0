"""A registered contract has a certificate stating 登记号, 成交额 and 技术交易额 (also as a PDF); money
received is reconciled against 技术交易额; a decision past its due date is overdue, but never while the
clock waits for material."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.transfer_helpers import draft, office, weihai_enterprise, weihai_university
from transfer import registration
from transfer.certificate import certificate, certificate_pdf
from transfer.registration import RegistrationError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def contract():
    return draft(weihai_university(), weihai_enterprise(), "4000000", "3000000", filed_with=office())


def test_the_certificate_states_number_and_both_amounts(contract):
    with pytest.raises(RegistrationError, match="已登记"):
        certificate(contract)
    contract = registration.register(registration.submit(contract, dt.date(2025, 3, 3)), dt.date(2025, 3, 10))

    lines = dict(certificate(contract).lines())

    assert lines["登记号"] == "2025371000000001"
    assert lines["成交额（元）"] == "4,000,000.00"
    assert lines["技术交易额（元）"] == "3,000,000.00"
    assert lines["登记机构"] == "技术合同登记处371000"
    assert certificate_pdf(contract).startswith(b"%PDF")


def test_a_cancelled_contract_has_no_certificate(contract):
    contract = registration.register(registration.submit(contract, dt.date(2025, 3, 3)), dt.date(2025, 3, 10))
    contract = registration.cancel(contract, dt.date(2025, 4, 1), "当事人申请")
    with pytest.raises(RegistrationError):
        certificate(contract)


def test_money_received_is_reconciled_against_the_technical_amount(contract):
    contract = registration.register(registration.submit(contract, dt.date(2025, 3, 3)), dt.date(2025, 3, 10))
    registration.record_payment(contract, dt.date(2025, 4, 1), Decimal("1200000"))

    found = registration.reconcile(contract)
    assert found.outstanding_technical_yuan == Decimal("1800000")
    assert found.share_received == Decimal("40.0")
    assert not found.technical_received

    registration.record_payment(contract, dt.date(2025, 5, 1), Decimal("2000000"))
    found = registration.reconcile(contract)
    assert found.technical_received
    assert found.outstanding_technical_yuan == 0


def test_overdue_after_the_due_date_but_not_while_waiting_for_material(contract):
    contract = registration.submit(contract, dt.date(2025, 9, 26))
    assert contract.decision_due == dt.date(2025, 10, 23)
    assert not registration.is_overdue(contract, dt.date(2025, 10, 23))
    assert registration.is_overdue(contract, dt.date(2025, 10, 24))
    contract = registration.request_material(contract, dt.date(2025, 10, 10), "补充技术附件")
    assert not registration.is_overdue(contract, dt.date(2026, 1, 1))

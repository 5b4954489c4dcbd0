"""A bank's workbench counts the requests waiting for its answer and links to exactly those; an enterprise's
counts its own; the request page reads in English when the visitor chooses English."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings

from accounts.models import Role
from finance import financing
from finance.models import FinancialProduct, FinancingRequest
from kechuang.workbench import collect
from tests.factories import persona
from tests.finance_helpers import bank, lasting_tech_sme, weihai_sme

pytestmark = pytest.mark.django_db


def sent_request(lender, firm):
    product = financing.save_product(
        FinancialProduct(
            name="人才贷",
            bank=lender,
            kind="talent_loan",
            rate=Decimal("0.0365"),
            term_months=36,
            ceiling_yuan=Decimal("5000000"),
            eligibility=[{"label": "持有科技型中小企业资格", "test": "holds('tech_sme')"}],
        )
    )
    filed = financing.file_request(
        FinancingRequest(
            enterprise=firm,
            amount_yuan=Decimal("1000000"),
            term_months=12,
            purpose="研发",
            filed_on=dt.date(2026, 3, 2),
        )
    )
    return financing.submit(filed, product, on=dt.date(2026, 3, 2))


def rows(client, url: str) -> int:
    return client.get(url).content.decode().split('<table id="requests">')[1].count("<tr><td>")


def test_the_bank_and_the_enterprise_see_their_requests_counted_and_listed(client):
    lender, firm = bank(), weihai_sme()
    sent_request(lender, firm)
    sent_request(bank("另一家银行"), weihai_sme("别家企业"))
    banker = persona(Role.ENTERPRISE_USER, lender, username="banker")
    owner = persona(Role.ENTERPRISE_USER, firm, username="owner")

    waiting = {item.key: item for item in collect(banker)}["finance.requests_to_answer"]
    client.force_login(banker)
    assert waiting.count == 1 == rows(client, waiting.url)
    mine = {item.key: item for item in collect(owner)}["finance.my_requests"]
    client.force_login(owner)
    assert mine.count == 1 == rows(client, mine.url)


def test_the_request_page_in_english(client):
    lender, firm = bank(), lasting_tech_sme()
    found = sent_request(lender, firm)
    client.force_login(persona(Role.ENTERPRISE_USER, firm, username="owner"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(found.get_absolute_url()).content.decode()
    for text in (
        "Eligible products",
        "Reference rate 3.65%, the lowest of the eligible products",
        "Waiting for the bank",
    ):
        assert text in page
    assert "符合条件的产品" not in page

"""The finance pages read in English when the visitor chooses English."""

from django.conf import settings

from accounts.models import Role
from tests.factories import DepartmentFactory, persona
from tests.finance_helpers import bank, loan, pool, weihai_sme


def test_a_loan_and_the_pool_in_english(client, db):
    fund = pool()
    found = loan(bank(), weihai_sme(), "achievement_transformation_loan", pool=fund)
    client.force_login(persona(Role.BUREAU_ADMIN, DepartmentFactory(), username="bureau"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = client.get("/finance/").content.decode()
    assert "Science-finance loans" in listing
    assert "Achievement-transformation loan" in listing
    page = client.get(found.get_absolute_url()).content.decode()
    for text in (
        "Schedule and repayments",
        "Reference LPR (1 year)",
        "Record repayment",
        "Interest subsidies",
    ):
        assert text in page
    assert "还款计划与实际还款" not in page
    assert "Pool ledger" in client.get(fund.get_absolute_url()).content.decode()

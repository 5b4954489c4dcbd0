"""The science-finance loan indicator counts loans issued to borrowers of the region in the year to date,
to tech SMEs when asked; value, series and drill-down agree; Binzhou's 1亿元 target reads it."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from finance.models import Loan
from planning import indicators, plans
from tests.factories import OrganizationFactory, QualificationFactory
from tests.finance_helpers import bank, loan

pytestmark = pytest.mark.django_db


@pytest.fixture
def binzhou_loans() -> dict[str, Loan]:
    sme = OrganizationFactory(name="滨州科技型企业", region_id="371602")
    QualificationFactory(
        organization=sme, type="tech_sme", granted=dt.date(2020, 3, 1), expires=dt.date(2020, 12, 31)
    )
    other = OrganizationFactory(name="滨州其他企业", region_id="371602")
    lender = bank("滨州农商银行")
    return {
        "before_qualified": loan(lender, sme, amount="30000000", signed=dt.date(2020, 2, 10)),
        "qualified": loan(lender, sme, amount="60000000", signed=dt.date(2020, 5, 10)),
        "qualified_late": loan(lender, sme, amount="50000000", signed=dt.date(2020, 11, 10)),
        "not_sme": loan(lender, other, amount="90000000", signed=dt.date(2020, 5, 10)),
    }


def test_value_series_and_drill_down_agree(binzhou_loans):
    params = {"qualification": "tech_sme", "unit": "亿元"}
    on = dt.date(2020, 6, 30)
    value, records = indicators.compute("science_finance_loans", "371600", params, on)
    assert value == Decimal("0.6")
    assert [loan.pk for loan in records] == [binzhou_loans["qualified"].pk]
    assert indicators.compute_series("science_finance_loans", "371600", {"unit": "亿元"}, [on]) == [
        Decimal("1.8")
    ]
    assert indicators.compute_series("science_finance_loans", "371600", params, [on]) == [value]


def test_binzhou_target_is_computed_from_loans(binzhou_loans):
    plans.load_all()
    out = io.StringIO()
    call_command("targets", "--region", "371600", "--json", stdout=out)
    (row,) = [r for r in json.loads(out.getvalue()) if r["code"] == "binzhou2020-sme-tech-finance-loans"]
    assert any(actual["year"] == 2020 and actual["value"] == pytest.approx(1.1) for actual in row["actuals"])

"""The monthly filing list: loans issued to tech SMEs in the month with their amounts, and the month's
subsidies, compensation and claw-back; the xlsx export holds the same rows and keeps formulas as text."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from accounts.models import Role
from finance import compensation, filing, loans
from finance.models import Loan
from tests.factories import DepartmentFactory, OrganizationFactory, persona
from tests.finance_helpers import bank, loan, pool, weihai_sme

pytestmark = pytest.mark.django_db


def test_march_lists_the_tech_sme_loan_and_september_the_claw_back(client):
    lender, sme, fund = bank(), weihai_sme(), pool()
    other = OrganizationFactory(name='=HYPERLINK("http://x")', region_id="371002")
    to_sme = loan(lender, sme, signed=dt.date(2024, 3, 15))
    loan(lender, other, amount="500000", signed=dt.date(2024, 3, 20))
    bad = loan(
        lender, sme, "achievement_transformation_loan", "3000000", signed=dt.date(2024, 1, 10), pool=fund
    )
    loans.declare_bad(bad, dt.date(2024, 3, 1))
    claim = compensation.compensate(bad, dt.date(2024, 3, 20))
    compensation.recover(claim, dt.date(2024, 9, 1), Decimal("1500000"))

    march = filing.filing(Loan.objects.all(), dt.date(2024, 3, 1))
    assert [row.loan for row in march.issued_to_tech_smes] == [to_sme]
    assert march.issued_yuan == Decimal("1000000")
    assert march.total_compensated == Decimal("1100000")
    assert march.total_clawed_back == 0
    assert {row.loan for row in march.rows} == {to_sme, bad, Loan.objects.get(borrower=other)}
    september = filing.filing(Loan.objects.all(), dt.date(2024, 9, 1))
    assert [(row.loan, row.clawed_back_yuan) for row in september.rows] == [(bad, Decimal("550000.00"))]

    client.force_login(persona(Role.BUREAU_ADMIN, DepartmentFactory(), username="bureau"))
    page = client.get("/finance/filing/?month=2024-03").content.decode()
    assert "1,000,000 元" in page and "1,100,000 元" in page
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(client.get("/finance/filing/export.xlsx?month=2024-03").streaming_content))
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("借款企业", "统一社会信用代码", "科技型中小企业")
    names = [row[0] for row in rows[1:-1]]
    assert '=HYPERLINK("http://x")' in names
    formula_cell = next(c for c in sheet["A"] if c.value == '=HYPERLINK("http://x")')
    assert formula_cell.data_type == "s"
    assert rows[-1][7] == "1000000.00" and rows[-1][10] == "1100000.00"


def test_the_filing_is_for_staff_only(client):
    client.force_login(persona(Role.ENTERPRISE_USER, weihai_sme(), username="owner"))
    assert client.get("/finance/filing/").status_code == 403
    assert client.get("/finance/filing/export.xlsx").status_code == 403

"""An organization's qualifications and yearly figures import from the spreadsheets bureaus receive."""

import datetime as dt
from decimal import Decimal

import pytest

from registry.io import import_rows
from registry.models import AnnualData, Qualification


@pytest.mark.django_db
def test_certified_high_tech_enterprises_are_recorded(enterprise, other_enterprise) -> None:
    report = import_rows(
        [
            {
                "统一社会信用代码": enterprise.uscc,
                "资质类型": "高新技术企业",
                "认定日期": "2023-12-01",
                "有效期至": "2026-11-30",
                "证书编号": "GR202337000123",
            },
            {
                "统一社会信用代码": other_enterprise.uscc,
                "资质类型": "科技型中小企业",
                "认定日期": "2024/04/01",
            },
        ],
        "qualification",
    )

    assert report.created == 2
    assert enterprise.qualifications.get().expires == dt.date(2026, 11, 30)
    assert other_enterprise.qualifications.get().type == "tech_sme"


@pytest.mark.django_db
def test_expiry_before_grant_is_refused(enterprise) -> None:
    report = import_rows(
        [
            {
                "organization_uscc": enterprise.uscc,
                "type": "high_tech_enterprise",
                "granted": "2023-12-01",
                "expires": "2020-11-30",
            }
        ],
        "qualification",
    )

    assert [str(error) for error in report.errors] == ["第1行 expires：有效期至不能早于认定日期"]
    assert not Qualification.objects.exists()


@pytest.mark.django_db
def test_yearly_figures_are_created_then_corrected(enterprise) -> None:
    row = {
        "organization_uscc": enterprise.uscc,
        "year": 2024,
        "revenue": "80,000,000",
        "rd_expense": 5000000.5,
        "employees": "210",
    }
    assert import_rows([row], "annual_data").created == 1

    report = import_rows([{**row, "rd_expense": "5200000"}], "annual_data")

    assert (report.created, report.updated) == (0, 1)
    figures = AnnualData.objects.get(organization=enterprise, year=2024)
    assert (figures.revenue, figures.rd_expense, figures.employees) == (
        Decimal("80000000"),
        Decimal("5200000"),
        210,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("year", "24", "应在1949到2100之间"),
        ("revenue", "-5", "应为不小于0的金额（元）"),
        ("revenue", "1e20", "数额过大（整数部分最多14位）"),
        ("rd_expense", "12.345", "最多保留2位小数"),
        ("employees", "两百", "“两百”不是非负整数"),
    ],
)
def test_bad_figures_are_refused_with_the_reason(enterprise, column, value, message) -> None:
    row = {"organization_uscc": enterprise.uscc, "year": 2024, column: value}

    report = import_rows([row], "annual_data")

    assert [(error.column, error.message) for error in report.errors] == [(column, message)]
    assert not AnnualData.objects.exists()

"""Amounts are typed as people write them (3,072,168,700, 30.72亿, 307,216.87万元, 三千万元) and shown with
separators; an import reads the region under the header the form shows (所在地区), by name or by code."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from registry.forms import read_amount
from registry.io import import_file
from registry.models import AnnualData, Organization
from registry.validators import make_uscc

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("3,072,168,700.00", Decimal("3072168700")),
        ("3072168700", Decimal("3072168700")),
        ("30.72亿", Decimal("3072000000")),
        ("307,216.87万元", Decimal("3072168700")),
        ("三千万元", Decimal("30000000")),
        ("1 500 000 元", Decimal("1500000")),
        ("很多", None),
    ],
)
def test_amounts_read_with_separators_and_chinese_units(typed, yuan):
    assert read_amount(typed) == yuan


def test_yearly_data_form_takes_wan_and_shows_separators(client, enterprise_user, enterprise):
    client.force_login(enterprise_user)
    url = reverse("registry:organization_annual", args=[enterprise.pk])
    client.post(
        url, {"year": "2024", "revenue": "307,216.87万", "rd_expense": "3,500,000", "employees": "50"}
    )
    record = AnnualData.objects.get(organization=enterprise, year=2024)
    assert (record.revenue, record.rd_expense) == (Decimal("3072168700"), Decimal("3500000"))
    response = client.post(url, {"year": "2024", "revenue": "很多", "employees": "50"})
    assert response.context["form"].errors["revenue"] == ["请输入金额，例如 3,072,168,700 或 30.72亿。"]
    page = client.get(url + "?year=2024").content.decode()
    assert "3,072,168,700" in page


def test_import_reads_the_region_under_the_forms_header_by_name_or_code():
    rows = "\n".join(
        [
            "名称,统一社会信用代码,机构类型,所在地区",
            f"淄博甲科技有限公司,{make_uscc('91', '370300', 1)},企业,淄博市张店区",
            f"淄博乙科技有限公司,{make_uscc('91', '370300', 2)},企业,370303",
            f"淄博丙科技有限公司,{make_uscc('91', '370300', 3)},企业,张店区",
        ]
    )
    data = io.BytesIO(rows.encode("utf-8"))
    data.name = "organizations.csv"
    report = import_file(data, "organization")
    assert report.ok, report.errors
    assert set(Organization.objects.values_list("region_id", flat=True)) == {"370303"}


def test_an_unknown_region_name_is_refused_by_name():
    data = io.BytesIO(
        f"名称,统一社会信用代码,机构类型,所在地区\n甲,{make_uscc('91', '370300', 1)},企业,火星市".encode()
    )
    data.name = "organizations.csv"
    report = import_file(data, "organization")
    assert [str(error) for error in report.errors] == [
        "第2行 所在地区：“火星市”不是已知的地区名称或行政区划代码"
    ]

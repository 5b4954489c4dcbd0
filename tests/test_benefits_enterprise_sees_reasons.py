"""我的政策: what an enterprise receives from its registry records, why, and what it nearly receives."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Role
from registry.models import PlatformEvent
from tests.factories import (
    AnnualDataFactory,
    OrganizationFactory,
    PlatformFactory,
    QualificationFactory,
    persona,
)

pytestmark = pytest.mark.django_db


def weihai_enterprise(rd_2023: str, rd_2024: str):
    organization = OrganizationFactory(
        name="威海海纳科技有限公司", region_id="371002", above_designated_size=True
    )
    QualificationFactory(organization=organization, type="high_tech_enterprise", granted=dt.date(2023, 12, 1))
    AnnualDataFactory(organization=organization, year=2023, rd_expense=Decimal(rd_2023))
    AnnualDataFactory(organization=organization, year=2024, rd_expense=Decimal(rd_2024))
    return organization


def test_page_shows_amount_each_condition_and_the_clause(client):
    organization = weihai_enterprise("15000000", "16500000")
    client.force_login(persona(Role.ENTERPRISE_USER, organization, username="haina"))
    page = client.get(reverse("benefits:mine"), {"year": 2024}).content.decode()
    assert "企业研发投入递增补助" in page
    assert "75,000 元" in page
    assert "研发投入较上年度增长率：10.00%（需 ≥ 10.00%）" in page
    assert "增长10%(含)以上且增量超过100万元" in page  # the clause, quoted
    assert "技术合同、创新券数据接入后自动计算" in page


def test_growth_of_8_percent_is_shown_as_nearly_qualifying(client):
    organization = weihai_enterprise("20000000", "21600000")
    client.force_login(persona(Role.ENTERPRISE_USER, organization, username="haina"))
    response = client.get(reverse("benefits:mine"), {"year": 2024})
    assert response.context["total"] == 0
    (near,) = [n for n in response.context["nearly"] if n["rule"] == "weihai-2023.rd-increment"]
    assert near["missing"][0]["text"] == "研发投入较上年度增长率：8.00%（需 ≥ 10.00%）"
    assert "差一点就能享受" in response.content.decode()


def test_platform_approval_in_zibo_pays_the_lead_host(client, enterprise, enterprise_user):
    platform = PlatformFactory(
        host=enterprise,
        platform_type="engineering_technology_research_center",
        stage="approved",
        level="provincial",
    )
    PlatformEvent.objects.create(
        platform=platform, stage="approved", level="provincial", date=dt.date(2024, 6, 1)
    )
    client.force_login(enterprise_user)
    response = client.get(reverse("benefits:mine"), {"year": "2024"})
    assert response.context["total"] == Decimal(500000)
    assert [item["rule"] for item in response.context["items"]] == ["zibo-2020.platform-provincial"]
    other_year = client.get(reverse("benefits:mine"), {"year": "2023"})
    assert other_year.context["total"] == 0

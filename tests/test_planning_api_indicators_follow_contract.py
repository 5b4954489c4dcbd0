"""GET /api/planning/indicators/ gives government staff the objects of `kechuang targets --json`
(contract 5 in docs/interfaces.md), filtered by region; everyone else is refused."""

import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from planning.models import Indicator, IndicatorKind, ReportedValue, Target
from tests.factories import OrganizationFactory, QualificationFactory

pytestmark = pytest.mark.django_db
URL = "/api/planning/indicators/"


@pytest.fixture
def indicators() -> None:
    zibo = Indicator.objects.create(
        code="zibo-high-tech",
        name="高新技术企业数量",
        unit="家",
        region_id="370300",
        policy_code="zibo-2023-sci-province",
        clause_path="二.(一)",
        responsible_units=["市科技局"],
        kind=IndicatorKind.COMPUTED,
        definition_key="qualified_organizations",
        params={"qualification": "high_tech_enterprise"},
        baseline_year=2022,
        baseline_value=D(1),
    )
    Target.objects.create(indicator=zibo, year=2025, value=D(3))
    holder = OrganizationFactory(name="淄博高企", region_id="370302")
    QualificationFactory(organization=holder, type="high_tech_enterprise")
    anshun = Indicator.objects.create(
        code="anshun-rd",
        name="研发经费投入强度",
        unit="%",
        region_id="520400",
        policy_code="anshun-2021-platforms",
        clause_path="附件",
        responsible_units=["市统计局"],
        baseline_year=2020,
        baseline_value=D("0.8"),
    )
    Target.objects.create(indicator=anshun, year=2023, value=D("1.2"))
    ReportedValue.objects.create(indicator=anshun, year=2021, value=D("0.9"), source="统计公报")


def targets_command(*args: str) -> list[dict]:
    out = StringIO()
    call_command("targets", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_staff_get_the_contract_objects(client: Client, department_officer: User, indicators) -> None:
    client.force_login(department_officer)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["items"] == targets_command()
    anshun = next(item for item in body["items"] if item["code"] == "anshun-rd")
    assert anshun["actuals"] == [{"year": 2021, "value": 0.9, "source": "统计公报"}]
    assert anshun["baseline"] == {"year": 2020, "value": 0.8}


def test_region_filter_includes_what_lies_inside(client: Client, bureau_admin: User, indicators) -> None:
    client.force_login(bureau_admin)
    body = client.get(URL, {"region": "370000"}).json()
    assert [item["code"] for item in body["items"]] == ["zibo-high-tech"]
    assert body["items"] == targets_command("--region", "370000")
    assert client.get(URL, {"region": "37"}).status_code == 422


def test_pages_are_slices_of_the_whole_list(client: Client, bureau_admin: User, indicators) -> None:
    client.force_login(bureau_admin)
    first = client.get(URL, {"limit": 1}).json()
    second = client.get(URL, {"limit": 1, "offset": 1}).json()
    assert first["count"] == second["count"] == 2
    assert first["items"] + second["items"] == client.get(URL).json()["items"]


def test_enterprise_and_anonymous_users_are_refused(
    client: Client, enterprise_user: User, indicators
) -> None:
    assert client.get(URL).status_code == 401
    client.force_login(enterprise_user)
    response = client.get(URL)
    assert response.status_code == 403
    assert response.json()["detail"] == "目标监测与任务台账仅对科技局和部门联络员开放。"

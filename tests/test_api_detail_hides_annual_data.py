"""A detail through the API shows yearly financial data only to the organization's own users and to
government staff; anonymous visitors and other enterprises never see it."""

from decimal import Decimal

import pytest
from django.test import Client

from accounts.models import User
from registry.models import Organization
from tests.factories import AnnualDataFactory, QualificationFactory


@pytest.fixture
def reported(enterprise: Organization) -> Organization:
    AnnualDataFactory(organization=enterprise, year=2024, revenue=Decimal("80000000.10"))
    QualificationFactory(organization=enterprise)
    return enterprise


def detail(client: Client, organization: Organization) -> dict:
    response = client.get(f"/api/registry/organizations/{organization.pk}")
    assert response.status_code == 200
    return response.json()


def test_anonymous_visitor_sees_profile_and_qualifications_but_no_annual_data(
    client: Client, reported: Organization
) -> None:
    body = detail(client, reported)
    assert body["name"] == "淄博蓝海新材料有限公司"
    assert [q["type"] for q in body["qualifications"]] == ["high_tech_enterprise"]
    assert "annual" not in body


def test_other_enterprise_does_not_see_annual_data(
    client: Client, reported: Organization, other_enterprise: Organization
) -> None:
    from tests.factories import persona

    client.force_login(persona("enterprise_user", other_enterprise, username="rival"))
    assert "annual" not in detail(client, reported)


def test_own_enterprise_user_sees_annual_data_as_exact_decimal_strings(
    client: Client, reported: Organization, enterprise_user: User
) -> None:
    client.force_login(enterprise_user)
    annual = detail(client, reported)["annual"]
    assert annual[0]["year"] == 2024
    assert annual[0]["revenue"] == "80000000.10"


def test_bureau_admin_sees_annual_data(client: Client, reported: Organization, bureau_admin: User) -> None:
    client.force_login(bureau_admin)
    assert len(detail(client, reported)["annual"]) == 1


def test_unknown_id_is_404_in_chinese(client: Client, db) -> None:
    response = client.get("/api/registry/organizations/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "找不到编号为 999999 的机构。"


def test_person_contact_details_only_for_logged_in_users(client: Client, enterprise_user: User) -> None:
    from registry.models import Person

    person = Person.objects.create(name="王建国", title="教授", email="wang@example.cn", phone="0533-1234567")
    url = f"/api/registry/people/{person.pk}"
    anonymous = client.get(url).json()
    assert anonymous["title"] == "教授"
    assert "contact" not in anonymous
    assert "wang@example.cn" not in str(anonymous)
    client.force_login(enterprise_user)
    assert client.get(url).json()["contact"] == {"email": "wang@example.cn", "phone": "0533-1234567"}

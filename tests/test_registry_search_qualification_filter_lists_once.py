"""Filtering organizations by qualification lists each holder once, even when it holds two
qualifications of that type (a renewed certificate), on the page, its count and the API."""

import datetime as dt

import pytest
from django.test import Client

from accounts.models import User
from registry.kinds import KINDS
from tests.factories import OrganizationFactory, QualificationFactory

URL = "/api/registry/organizations/"
HOLDERS = ["淄博华鑫精密机械有限公司", "淄博鑫华新材料有限公司"]


@pytest.fixture
def holders(db) -> None:
    renewed = OrganizationFactory(name="淄博华鑫精密机械有限公司")
    QualificationFactory(organization=renewed, granted=dt.date(2020, 12, 1), expires=dt.date(2023, 11, 30))
    QualificationFactory(organization=renewed, granted=dt.date(2023, 12, 1), expires=dt.date(2026, 11, 30))
    QualificationFactory(organization=renewed, type="tech_sme")
    once = OrganizationFactory(name="淄博鑫华新材料有限公司")
    QualificationFactory(organization=once)
    QualificationFactory(organization=OrganizationFactory(name="淄博东岳化工有限公司"), type="tech_sme")


def test_kind_filter_lists_each_holder_once(holders: None, bureau_admin: User) -> None:
    listed = KINDS["organization"].filtered(bureau_admin, {"qualification": "high_tech_enterprise"})
    assert sorted(listed.values_list("name", flat=True)) == HOLDERS
    assert listed.count() == 2


def test_qualification_filter_combines_with_search(holders: None, bureau_admin: User) -> None:
    listed = KINDS["organization"].filtered(
        bureau_admin, {"qualification": "high_tech_enterprise", "q": "华鑫精密"}
    )
    assert list(listed.values_list("name", flat=True)) == ["淄博华鑫精密机械有限公司"]


def test_api_counts_and_lists_each_holder_once(client: Client, holders: None) -> None:
    body = client.get(URL, {"qualification": "high_tech_enterprise"}).json()
    assert body["count"] == 2
    assert sorted(row["name"] for row in body["items"]) == HOLDERS


def test_list_page_shows_each_holder_once(client: Client, holders: None, bureau_admin: User) -> None:
    client.force_login(bureau_admin)
    page = client.get("/registry/organizations/", {"qualification": "high_tech_enterprise"})
    assert page.status_code == 200
    assert page.content.decode().count("淄博华鑫精密机械有限公司") == 1

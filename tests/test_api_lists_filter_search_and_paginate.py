"""The registry list API filters like the list pages, searches Chinese text and pages with a total count."""

import pytest
from django.test import Client

from registry.vocabulary import OrganizationKind
from tests.factories import OrganizationFactory, PlatformFactory

URL = "/api/registry/organizations/"


@pytest.fixture
def organizations(db) -> None:
    OrganizationFactory(name="淄博齐鲁石化新材料有限公司", region_id="370302", industry="新材料")
    OrganizationFactory(name="淄博高青生物医药有限公司", region_id="370322", industry="生物医药")
    OrganizationFactory(name="滨州北海新材料科技有限公司", region_id="371602", industry="新材料")
    OrganizationFactory(
        name="山东理工大学", region_id="370303", kind=OrganizationKind.UNIVERSITY, industry="高等教育"
    )


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["items"]]


def test_anonymous_visitor_lists_organizations_with_total(client: Client, organizations: None) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 4
    assert set(names(response)) == {
        "淄博齐鲁石化新材料有限公司",
        "淄博高青生物医药有限公司",
        "滨州北海新材料科技有限公司",
        "山东理工大学",
    }


def test_region_filter_includes_counties_inside_the_city(client: Client, organizations: None) -> None:
    response = client.get(URL, {"region": "370300"})
    assert set(names(response)) == {"淄博齐鲁石化新材料有限公司", "淄博高青生物医药有限公司", "山东理工大学"}


def test_kind_and_region_filters_combine(client: Client, organizations: None) -> None:
    response = client.get(URL, {"region": "370300", "kind": "enterprise"})
    assert response.json()["count"] == 2
    assert "山东理工大学" not in names(response)


def test_chinese_substring_search_lists_newest_first(client: Client, organizations: None) -> None:
    response = client.get(URL, {"q": "新材料"})
    assert names(response) == ["滨州北海新材料科技有限公司", "淄博齐鲁石化新材料有限公司"]


def test_limit_and_offset_page_through_the_list_in_name_order(client: Client, organizations: None) -> None:
    everything = names(client.get(URL))
    first = client.get(URL, {"limit": 2, "offset": 0}).json()
    second = client.get(URL, {"limit": 2, "offset": 2}).json()
    assert first["count"] == second["count"] == 4
    assert [row["name"] for row in first["items"] + second["items"]] == everything


def test_list_rows_carry_region_code_and_name(client: Client, organizations: None) -> None:
    row = client.get(URL, {"q": "高青"}).json()["items"][0]
    assert row["region"] == "370322"
    assert row["region_name"] == "高青县"
    assert "annual" not in row


def test_platform_list_filters_by_type_and_searches_host_name(client: Client, db) -> None:
    host = OrganizationFactory(name="淄博万昌科技股份有限公司")
    PlatformFactory(name="淄博市精细化工工程技术研究中心", host=host)
    PlatformFactory(name="淄博市陶瓷众创空间", platform_type="maker_space")
    by_type = client.get("/api/registry/platforms/", {"platform_type": "maker_space"}).json()
    assert [row["name"] for row in by_type["items"]] == ["淄博市陶瓷众创空间"]
    by_host = client.get("/api/registry/platforms/", {"q": "万昌"}).json()
    assert [(row["name"], row["host_name"]) for row in by_host["items"]] == [
        ("淄博市精细化工工程技术研究中心", "淄博万昌科技股份有限公司")
    ]


def test_limit_above_the_maximum_is_refused_in_chinese(client: Client, organizations: None) -> None:
    response = client.get(URL, {"limit": 100000})
    assert response.status_code == 422
    assert response.json()["errors"] == {"limit": ["不能大于 200。"]}


def test_filter_value_of_the_wrong_type_is_refused_in_chinese(client: Client, db) -> None:
    response = client.get("/api/registry/platforms/", {"host": "淄博万昌"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"host": ["请输入整数。"]}


def test_boolean_filter(client: Client, db) -> None:
    OrganizationFactory(name="规上企业", above_designated_size=True)
    OrganizationFactory(name="小微企业", above_designated_size=False)
    response = client.get(URL, {"above_designated_size": "true"})
    assert names(response) == ["规上企业"]

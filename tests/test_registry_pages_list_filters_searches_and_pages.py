"""The registry's list pages: filters, Chinese search, pagination, htmx refresh, constant query count."""

import datetime as dt

import pytest
from django.urls import reverse

from registry.kinds import KINDS
from tests.factories import OrganizationFactory, PlatformFactory, QualificationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_has_a_public_list_page(client, kind) -> None:
    response = client.get(reverse(f"registry:{kind}_list"))
    assert response.status_code == 200
    assert str(KINDS[kind].label) in response.content.decode()


def test_chinese_search_finds_the_organization(client, enterprise, other_enterprise) -> None:
    page = client.get(reverse("registry:organization_list"), {"q": "蓝海"}).content.decode()
    assert enterprise.name in page
    assert other_enterprise.name not in page


def test_filters_by_kind_region_and_valid_qualification(client) -> None:
    zibo = OrganizationFactory(name="淄博高新甲公司", region_id="370302")
    QualificationFactory(
        organization=zibo,
        granted=dt.date.today() - dt.timedelta(days=30),
        expires=dt.date.today() + dt.timedelta(days=300),
    )
    OrganizationFactory(name="淄博普通乙公司", region_id="370303")
    OrganizationFactory(name="威海高新丙公司", region_id="371002")
    page = client.get(
        reverse("registry:organization_list"),
        {"region": "370300", "qualification": "high_tech_enterprise", "kind": "enterprise"},
    )
    text = page.content.decode()
    assert "淄博高新甲公司" in text
    assert "淄博普通乙公司" not in text and "威海高新丙公司" not in text
    assert "高新技术企业" in text  # the valid qualification shows as a badge


def test_pages_hold_25_rows(client) -> None:
    OrganizationFactory.create_batch(30)
    first = client.get(reverse("registry:organization_list"))
    second = client.get(reverse("registry:organization_list"), {"page": 2})
    assert len(first.context["listing"].object_list) == 25 and first.context["listing"].has_next
    assert len(second.context["listing"].object_list) == 5 and not second.context["listing"].has_next
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()


def test_total_is_counted_in_a_separate_htmx_request(client, enterprise, other_enterprise) -> None:
    url = reverse("registry:organization_list")
    page = client.get(url, {"q": "淄博"}).content.decode()
    assert 'hx-get="?q=%E6%B7%84%E5%8D%9A&amp;count=1"' in page and "正在统计" in page
    count = client.get(url, {"q": "淄博", "count": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert "共 2 条 · 1 页" in count and "<table" not in count


def test_a_page_past_the_end_offers_the_first_page(client, enterprise) -> None:
    page = client.get(reverse("registry:organization_list"), {"page": 9}).content.decode()
    assert "已经没有更多记录了" in page


def test_htmx_request_gets_only_the_results(client, enterprise) -> None:
    response = client.get(reverse("registry:organization_list"), {"q": "蓝海"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert text.lstrip().startswith('<section id="results"')
    assert "<html" not in text and enterprise.name in text
    assert "HX-Request" in response["Vary"]


def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries) -> None:
    for organization in OrganizationFactory.create_batch(25):
        QualificationFactory(organization=organization)
        PlatformFactory(host=organization)
    # The page's rows, their valid qualifications and the region filter's choices; the total comes later.
    with django_assert_max_num_queries(3):
        client.get(reverse("registry:organization_list"))
    with django_assert_max_num_queries(2):
        client.get(reverse("registry:platform_list"))


def test_records_scoped_to_an_organization_name_it(client, enterprise, other_enterprise) -> None:
    PlatformFactory(host=enterprise, name="蓝海中心")
    PlatformFactory(host=other_enterprise, name="远山中心")
    text = client.get(reverse("registry:platform_list"), {"host": enterprise.pk}).content.decode()
    assert "蓝海中心" in text and "远山中心" not in text
    assert "范围：" in text and enterprise.name in text


@pytest.mark.parametrize("params", [{"above_designated_size": "maybe"}, {"kind": "alien"}, {"host": "abc"}])
def test_malformed_filter_is_ignored_not_an_error(client, enterprise, params) -> None:
    kind = "platform" if "host" in params else "organization"
    PlatformFactory(host=enterprise, name="蓝海中心")
    response = client.get(reverse(f"registry:{kind}_list"), params)
    assert response.status_code == 200
    assert len(response.context["listing"].object_list) >= 1


def test_county_code_in_the_address_filters_and_is_offered(client) -> None:
    OrganizationFactory(name="高青县甲公司", region_id="370322")
    OrganizationFactory(name="淄川区乙公司", region_id="370302")
    response = client.get(reverse("registry:organization_list"), {"region": "370322"})
    text = response.content.decode()
    assert "高青县甲公司" in text and "淄川区乙公司" not in text
    assert '<option value="370322" selected>山东省淄博市高青县</option>' in text

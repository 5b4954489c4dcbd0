"""The 单位名称词典 page: shipped aliases marked 内置, learned ones with who, when and where from; the bureau
adds aliases by hand (validated, nothing stored when invalid) and deletes learned ones; other staff only
look, and nobody else sees the page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from policies.models import UnitAlias
from policies.store import store_parsed
from policies.unit_aliases import add_alias, learned_dictionary
from registry.models import Region
from tests.policy_samples import sample_parsed

PAGE = reverse("policies:unit_aliases")


@pytest.mark.django_db
def test_the_page_lists_shipped_and_learned_aliases(client, bureau_admin):
    document = store_parsed(sample_parsed(), code="sample", region=Region.objects.get(code="370300"))
    UnitAlias.objects.create(
        alias="市大数据中心", canonical="市大数据局", created_by=bureau_admin, document=document
    )
    client.force_login(bureau_admin)

    page = client.get(PAGE).content.decode()

    assert "单位名称词典" in page and "内置" in page and "市科技局" in page
    assert "市大数据中心" in page and str(bureau_admin) in page and document.title in page


@pytest.mark.django_db
def test_the_bureau_adds_an_alias_for_a_region(client, bureau_admin):
    client.force_login(bureau_admin)

    response = client.post(PAGE, {"alias": "区科创局", "canonical": "区科学技术局", "region": "370303"})

    assert response.status_code == 302
    alias = UnitAlias.objects.get()
    assert (alias.alias, alias.canonical, alias.region_id, alias.created_by) == (
        "区科创局",
        "区科学技术局",
        "370303",
        bureau_admin,
    )
    assert learned_dictionary(Region.objects.get(code="370303")).canonical("区科创局") == "区科学技术局"
    assert learned_dictionary(Region.objects.get(code="370302")).canonical("区科创局") == "区科创局"
    assert learned_dictionary().canonical("区科创局") == "区科创局"


@pytest.mark.parametrize(
    ("alias", "canonical", "message"),
    [
        ("  ", "市大数据局", "原文写法和规范名称都不能为空。"),
        ("市科技局", "市科学技术局", "“市科技局”已经写作“市科学技术局”，无需再添加。"),
        ("市财政局", "市财政和国资局", "“市财政局”本身是规范名称，不能再对应到其他名称。"),
        ("市科技局", "市科技创新局", "“市科技局”已经对应“市科学技术局”，请先删除原有对应。"),
        ("市大数据局", "市大数据中心", "“市大数据局”本身是规范名称，不能再对应到其他名称。"),
        ("市数据局", "市大数据中心", "“市大数据中心”是“市大数据局”的别名，请直接对应到“市大数据局”。"),
    ],
)
@pytest.mark.django_db
def test_an_invalid_alias_is_refused_in_chinese_and_nothing_is_stored(
    client, bureau_admin, alias, canonical, message
):
    UnitAlias.objects.create(alias="市大数据中心", canonical="市大数据局")
    client.force_login(bureau_admin)

    response = client.post(PAGE, {"alias": alias, "canonical": canonical, "region": ""})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(UnitAlias.objects.values_list("alias", "canonical")) == [("市大数据中心", "市大数据局")]
    assert UnitAlias.history.count() == 1  # the setup's own row


@pytest.mark.django_db
def test_only_bureau_admins_manage_aliases(client, department_officer, enterprise_user):
    alias = UnitAlias.objects.create(alias="市大数据中心", canonical="市大数据局")
    client.force_login(department_officer)

    page = client.get(PAGE).content.decode()
    added = client.post(PAGE, {"alias": "市数据局", "canonical": "市大数据局", "region": ""})
    deleted = client.post(reverse("policies:unit_alias_delete", args=[alias.pk]))

    assert "市大数据中心" in page and "添加别名" not in page and "删除" not in page
    assert added.status_code == deleted.status_code == 403
    assert list(UnitAlias.objects.values_list("alias", flat=True)) == ["市大数据中心"]

    client.force_login(enterprise_user)
    assert client.get(PAGE).status_code == 403
    client.logout()
    assert client.get(PAGE).status_code == 302


@pytest.mark.django_db
def test_the_domain_refuses_a_blank_alias_however_it_is_called(bureau_admin):
    with pytest.raises(ValidationError, match="原文写法和规范名称都不能为空。"):
        add_alias(" ", "市大数据局", user=bureau_admin)
    assert not UnitAlias.objects.exists()


def test_staff_find_the_dictionary_from_the_documents_list(
    client, department_officer, enterprise_user
) -> None:
    client.force_login(department_officer)
    assert "/policies/units/" in client.get("/policies/").content.decode()
    client.force_login(enterprise_user)
    assert "/policies/units/" not in client.get("/policies/").content.decode()

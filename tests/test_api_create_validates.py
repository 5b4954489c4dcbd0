"""Creating through the API runs the model's validation: a bad USCC is refused with a Chinese
field message and nothing is stored; a good record is stored with its author in the audit trail."""

import pytest
from django.test import Client

from accounts.models import User
from registry.models import Instrument, Organization
from registry.validators import make_uscc

URL = "/api/registry/organizations/"


def organization(**changes: object) -> dict:
    return {
        "name": "淄博新立创科技有限公司",
        "uscc": make_uscc("91", "370303", 1234567),
        "kind": "enterprise",
        "region": "370303",
        "industry": "智能制造",
        **changes,
    }


@pytest.fixture
def admin_client(client: Client, bureau_admin: User) -> Client:
    client.force_login(bureau_admin)
    return client


def test_wrong_check_digit_is_refused_with_chinese_message_and_nothing_stored(admin_client: Client) -> None:
    good = organization()["uscc"]
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    before = Organization.objects.count()
    response = admin_client.post(URL, organization(uscc=wrong), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]["uscc"] == ["统一社会信用代码校验位错误，请核对后重新输入。"]
    assert Organization.objects.count() == before


def test_missing_and_mistyped_fields_are_listed_by_field_in_chinese(admin_client: Client) -> None:
    payload = organization(founded="去年", colour="红")
    del payload["name"]
    response = admin_client.post(URL, payload, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "name": ["此项为必填项。"],
        "founded": ["请输入有效日期（YYYY-MM-DD）。"],
        "colour": ["不认识的字段。"],
    }


def test_unknown_region_is_refused(admin_client: Client) -> None:
    response = admin_client.post(URL, organization(region="379999"), content_type="application/json")
    assert response.status_code == 422
    assert "region" in response.json()["errors"]
    assert not Organization.objects.filter(name="淄博新立创科技有限公司").exists()


def test_created_organization_is_returned_and_attributed_in_history(
    admin_client: Client, bureau_admin: User
) -> None:
    spaced = organization()["uscc"]
    response = admin_client.post(
        URL, organization(uscc=f"{spaced[:6]} {spaced[6:]}"), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["uscc"] == spaced
    assert body["region_name"] == "张店区"
    created = Organization.objects.get(pk=body["id"])
    assert created.history.get().history_user == bureau_admin


def test_anonymous_visitor_cannot_create(client: Client, db) -> None:
    response = client.post(URL, organization(), content_type="application/json")
    assert response.status_code == 401
    assert not Organization.objects.exists()


def test_enterprise_user_cannot_create_organizations(client: Client, enterprise_user: User) -> None:
    client.force_login(enterprise_user)
    response = client.post(URL, organization(), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"] == "您没有新建机构的权限。"


def test_money_keeps_every_cent_whether_sent_as_string_or_number(
    client: Client, enterprise_user: User, enterprise: Organization
) -> None:
    client.force_login(enterprise_user)
    for value, stored in [("1234567.89", "1234567.89"), (0.1, "0.10")]:
        payload = {
            "name": "场发射扫描电子显微镜",
            "owner": enterprise.pk,
            "category": "电子光学仪器",
            "value_yuan": value,
        }
        response = client.post("/api/registry/instruments/", payload, content_type="application/json")
        assert response.status_code == 201, response.json()
        assert response.json()["value_yuan"] == stored
    stored_values = Instrument.objects.values_list("value_yuan", flat=True)
    assert sorted(str(value) for value in stored_values) == ["0.10", "1234567.89"]


def test_enterprise_user_cannot_create_records_for_another_organization(
    client: Client, enterprise_user: User, other_enterprise: Organization
) -> None:
    client.force_login(enterprise_user)
    payload = {"name": "液相色谱仪", "owner": other_enterprise.pk, "category": "分析仪器", "value_yuan": "1"}
    response = client.post("/api/registry/instruments/", payload, content_type="application/json")
    assert response.status_code == 403
    assert not Instrument.objects.exists()

"""Updating through the API follows the permission matrix: an enterprise changes its own
organization and nothing else, and a refused or invalid change leaves the record as it was."""

from django.test import Client

from accounts.models import User
from registry.models import Instrument, Organization
from tests.factories import PlatformFactory


def patch(client: Client, url: str, changes: dict):
    return client.patch(url, changes, content_type="application/json")


def test_enterprise_user_updates_own_organization_and_history_names_them(
    client: Client, enterprise_user: User, enterprise: Organization
) -> None:
    client.force_login(enterprise_user)
    address = "淄博市张店区人民西路 1 号"
    response = patch(client, f"/api/registry/organizations/{enterprise.pk}", {"address": address})
    assert response.status_code == 200
    assert response.json()["address"] == address
    enterprise.refresh_from_db()
    assert enterprise.address == address
    assert enterprise.history.first().history_user == enterprise_user


def test_enterprise_user_cannot_update_another_organization(
    client: Client, enterprise_user: User, other_enterprise: Organization
) -> None:
    client.force_login(enterprise_user)
    response = patch(client, f"/api/registry/organizations/{other_enterprise.pk}", {"name": "被篡改的名称"})
    assert response.status_code == 403
    assert response.json()["detail"] == "您没有修改该机构的权限。"
    other_enterprise.refresh_from_db()
    assert other_enterprise.name == "淄博远山精密机械有限公司"


def test_invalid_update_is_refused_and_nothing_changes(
    client: Client, enterprise_user: User, enterprise: Organization
) -> None:
    client.force_login(enterprise_user)
    response = patch(
        client, f"/api/registry/organizations/{enterprise.pk}", {"name": "改了名字", "region": "999999"}
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["region"]
    enterprise.refresh_from_db()
    assert enterprise.name == "淄博蓝海新材料有限公司"


def test_enterprise_cannot_hand_its_instrument_to_another_organization(
    client: Client, enterprise_user: User, enterprise: Organization, other_enterprise: Organization
) -> None:
    instrument = Instrument.objects.create(
        name="液相色谱仪", owner=enterprise, category="分析仪器", value_yuan=1
    )
    client.force_login(enterprise_user)
    response = patch(client, f"/api/registry/instruments/{instrument.pk}", {"owner": other_enterprise.pk})
    assert response.status_code == 403
    instrument.refresh_from_db()
    assert instrument.owner == enterprise


def test_bureau_admin_sets_platform_partners(
    client: Client, bureau_admin: User, enterprise: Organization, other_enterprise: Organization
) -> None:
    platform = PlatformFactory()
    client.force_login(bureau_admin)
    url = f"/api/registry/platforms/{platform.pk}"
    response = patch(client, url, {"partners": [enterprise.pk, other_enterprise.pk]})
    assert response.status_code == 200
    assert sorted(response.json()["partners"]) == sorted([enterprise.pk, other_enterprise.pk])
    missing = patch(client, url, {"partners": [enterprise.pk, 987654]})
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"partners": ["共建单位中不存在的 id：987654。"]}
    assert platform.partners.count() == 2


def test_platform_stage_is_not_writable_through_update(client: Client, bureau_admin: User) -> None:
    platform = PlatformFactory()
    client.force_login(bureau_admin)
    response = patch(client, f"/api/registry/platforms/{platform.pk}", {"stage": "approved"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"stage": ["不认识的字段。"]}

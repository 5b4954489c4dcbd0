"""Scripts authenticate with a token from `kechuang issue_token`; browser sessions must send CSRF
for writes; a wrong token is refused rather than served as anonymous."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import ApiToken, User
from registry.models import Organization


def issue(username: str, *extra: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("issue_token", username, *extra, stdout=out, stderr=err)
    return out.getvalue().strip()


def test_issued_token_authenticates_writes(
    client: Client, enterprise_user: User, enterprise: Organization
) -> None:
    token = issue("owner", "--name", "ERP 同步")
    assert ApiToken.objects.get(user=enterprise_user).name == "ERP 同步"
    response = client.patch(
        f"/api/registry/organizations/{enterprise.pk}",
        {"industry": "高端化工"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    enterprise.refresh_from_db()
    assert enterprise.industry == "高端化工"
    assert enterprise.history.first().history_user == enterprise_user


def test_token_reveals_annual_data_to_its_owner(
    client: Client, enterprise_user: User, enterprise: Organization
) -> None:
    token = issue("owner")
    response = client.get(
        f"/api/registry/organizations/{enterprise.pk}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.json()["annual"] == []


def test_wrong_token_is_refused_even_for_public_reads(client: Client, db) -> None:
    response = client.get("/api/registry/organizations/", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


def test_issue_token_for_unknown_user_fails(db) -> None:
    with pytest.raises(CommandError, match="用户 nobody 不存在"):
        issue("nobody")


def test_session_write_without_csrf_token_is_refused(enterprise_user: User, enterprise: Organization) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(enterprise_user)
    response = browser.patch(
        f"/api/registry/organizations/{enterprise.pk}",
        {"industry": "高端化工"},
        content_type="application/json",
    )
    assert response.status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.industry == "新材料"

"""Guessing passwords is throttled (pages and admin): from the fifth wrong password on, even the right one is
refused, with a page that says when to retry. API tokens expire, stop working when the password changes,
and `kechuang revoke_token` revokes them."""

import datetime as dt
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken, User
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db
API = "/api/planning/tasks/"  # staff only: answers 200 with a live token, 401 without


def _login(client: Client, url: str, username: str, password: str):
    return client.post(url, {"username": username, "password": password})


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_the_right_password_after_five_wrong_ones_is_locked_out_and_told_when_to_retry(
    client, bureau_admin, url
) -> None:
    User.objects.filter(pk=bureau_admin.pk).update(is_staff=True)  # the admin admits staff
    statuses = [_login(client, url, bureau_admin.username, "wrong-password").status_code for _ in range(50)]
    assert statuses == [200] * 4 + [429] * 46  # the fifth failure locks
    response = _login(client, url, bureau_admin.username, TEST_PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录已暂时锁定" in page and "请在 15 分钟后" in page
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    # Once the cool-off has passed, the right password logs in again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert _login(client, url, bureau_admin.username, TEST_PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(bureau_admin.pk)


def test_a_lockout_is_per_user_and_address(client, bureau_admin, enterprise_user) -> None:
    for _ in range(5):
        _login(client, "/accounts/login/", bureau_admin.username, "wrong-password")
    other = _login(Client(), "/accounts/login/", enterprise_user.username, TEST_PASSWORD)
    assert other.status_code == 302


def _issue(username: str, *extra: str) -> str:
    out = StringIO()
    call_command("issue_token", username, *extra, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def _answers(client: Client, token: str) -> int:
    return client.get(API, headers={"Authorization": f"Bearer {token}"}).status_code


def test_tokens_expire(client, bureau_admin) -> None:
    token = _issue(bureau_admin.username)
    stored = ApiToken.objects.get()
    assert abs(stored.expires_at - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(minutes=1)
    assert _answers(client, token) == 200
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _answers(client, token) == 401
    forever = _issue(bureau_admin.username, "--days", "0")
    assert _answers(client, forever) == 200


def test_a_password_change_revokes_every_token(client, bureau_admin) -> None:
    token = _issue(bureau_admin.username)
    assert _answers(client, token) == 200
    user = User.objects.get(pk=bureau_admin.pk)
    user.set_password("a-new-password-2026")
    user.save()
    assert _answers(client, token) == 401


def test_revoke_token_command(client, bureau_admin) -> None:
    sync = _issue(bureau_admin.username, "--name", "ERP 同步")
    report = _issue(bureau_admin.username, "--name", "月报")
    out = StringIO()
    call_command("revoke_token", bureau_admin.username, "--name", "ERP 同步", stdout=out)
    assert "令牌 1 个" in out.getvalue()
    assert (_answers(client, sync), _answers(client, report)) == (401, 200)
    call_command("revoke_token", bureau_admin.username, stdout=out)
    assert _answers(client, report) == 401

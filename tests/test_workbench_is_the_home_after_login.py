"""Each user lands on their workbench (工作台) after login; it gathers every app's items through the
plug-in hub, so an app adds cards by its folder alone, and nobody sees another role's cards."""

import pytest
from django.test.utils import modify_settings
from django.urls import reverse

from kechuang import workbench
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_login_lands_on_the_workbench(client, enterprise_user):
    response = client.post(
        reverse("accounts:login"), {"username": enterprise_user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("workbench")
    page = client.get(response.url)
    assert "工作台" in page.text
    assert enterprise_user.organization.name in page.text


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("workbench"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_nav_offers_the_workbench_to_logged_in_users(client, expert_user):
    assert "工作台" not in client.get(reverse("home")).text
    client.force_login(expert_user)
    assert f'href="{reverse("workbench")}"' in client.get(reverse("home")).text


@modify_settings(INSTALLED_APPS={"append": "tests.plugin_app"})
def test_an_app_adds_its_items_by_its_folder(client, expert_user):
    keys = [item.key for item in workbench.collect(expert_user)]
    assert keys[-1] == "plugin_app.todo"
    client.force_login(expert_user)
    page = client.get(reverse("workbench")).text
    assert "测试应用的待办" in page
    assert 'href="/plugin/"' in page


def test_items_are_grouped_to_do_first():
    items = [
        workbench.Item(workbench.WATCH, "c", "/c", order=1),
        workbench.Item(workbench.TODO, "b", "/b", order=2),
        workbench.Item(workbench.TODO, "a", "/a", order=1),
    ]
    grouped = workbench.groups(items)
    assert [group.code for group in grouped] == [workbench.TODO, workbench.WATCH]
    assert [item.title for item in grouped[0].items] == ["a", "b"]


def test_an_urgent_item_alarms_only_when_something_waits():
    assert workbench.Item(workbench.TODO, "t", "/", count=2, urgent=True).alarming
    assert not workbench.Item(workbench.TODO, "t", "/", count=0, urgent=True).alarming
    assert not workbench.Item(workbench.TODO, "t", "/", count=2).alarming


def test_a_user_without_a_role_sees_an_explanation(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password=TEST_PASSWORD)
    client.force_login(user)
    assert "还没有可办理的事项" in client.get(reverse("workbench")).text


def test_the_workbench_speaks_english(client, bureau_admin):
    client.force_login(bureau_admin)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("workbench"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "<h1>Workbench</h1>" in page
    for title in ["Overdue tasks", "Tasks due soon", "Policy documents to confirm", "Indicators off track"]:
        assert title in page

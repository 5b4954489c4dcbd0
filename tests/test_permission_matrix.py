"""Who may do what on the registry pages: every role against every action, refusals included.

Codes: 200 allowed, 403 refused, "login" sends an anonymous visitor to the login page.
The enterprise user ("owner") belongs to `enterprise`; `other_enterprise` is someone else's.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from registry.models import AnnualData, Organization, Person, Platform
from tests.factories import AnnualDataFactory, DepartmentFactory, PlatformFactory

pytestmark = pytest.mark.django_db

ROLES = ("bureau", "officer", "owner", "expert", "anonymous")


@dataclass
class World:
    enterprise: Organization
    other_enterprise: Organization
    officers_platform: Platform
    other_platform: Platform
    expert_person: Person


@pytest.fixture
def world(enterprise, other_enterprise, department_officer, expert_user) -> World:
    AnnualDataFactory(organization=enterprise, year=2023, revenue="98765432.00")
    AnnualDataFactory(organization=other_enterprise, year=2023, revenue="12345678.00")
    return World(
        enterprise=enterprise,
        other_enterprise=other_enterprise,
        officers_platform=PlatformFactory(
            host=enterprise, competent_department=department_officer.organization
        ),
        other_platform=PlatformFactory(host=other_enterprise, competent_department=DepartmentFactory()),
        expert_person=Person.objects.create(name="赵专家", user=expert_user),
    )


@pytest.fixture
def users(bureau_admin, department_officer, enterprise_user, expert_user) -> dict:
    return {
        "bureau": bureau_admin,
        "officer": department_officer,
        "owner": enterprise_user,
        "expert": expert_user,
        "anonymous": None,
    }


ACTIONS = {
    # action: (url builder, {role: expected})
    "list organizations": (lambda w: reverse("registry:organization_list"), dict.fromkeys(ROLES, 200)),
    "view organization": (lambda w: w.enterprise.get_absolute_url(), dict.fromkeys(ROLES, 200)),
    "create organization": (
        lambda w: reverse("registry:organization_create"),
        {"bureau": 200, "officer": 403, "owner": 403, "expert": 403, "anonymous": "login"},
    ),
    "edit own organization": (
        lambda w: reverse("registry:organization_edit", args=[w.enterprise.pk]),
        {"bureau": 200, "officer": 403, "owner": 200, "expert": 403, "anonymous": "login"},
    ),
    "edit other organization": (
        lambda w: reverse("registry:organization_edit", args=[w.other_enterprise.pk]),
        {"bureau": 200, "officer": 403, "owner": 403, "expert": 403, "anonymous": "login"},
    ),
    "edit own yearly data": (
        lambda w: reverse("registry:organization_annual", args=[w.enterprise.pk]),
        {"bureau": 200, "officer": 403, "owner": 200, "expert": 403, "anonymous": "login"},
    ),
    "edit other yearly data": (
        lambda w: reverse("registry:organization_annual", args=[w.other_enterprise.pk]),
        {"bureau": 200, "officer": 403, "owner": 403, "expert": 403, "anonymous": "login"},
    ),
    "create platform": (
        lambda w: reverse("registry:platform_create"),
        {"bureau": 200, "officer": 200, "owner": 403, "expert": 403, "anonymous": "login"},
    ),
    "edit own department's platform": (
        lambda w: reverse("registry:platform_edit", args=[w.officers_platform.pk]),
        {"bureau": 200, "officer": 200, "owner": 403, "expert": 403, "anonymous": "login"},
    ),
    "edit other department's platform": (
        lambda w: reverse("registry:platform_edit", args=[w.other_platform.pk]),
        {"bureau": 200, "officer": 403, "owner": 403, "expert": 403, "anonymous": "login"},
    ),
    "move own department's platform to pool": (
        lambda w: reverse("registry:platform_pool", args=[w.officers_platform.pk]),
        {"bureau": 200, "officer": 200, "owner": 403, "expert": 403, "anonymous": "login"},
    ),
    "record approval of other department's platform": (
        lambda w: reverse("registry:platform_approve", args=[w.other_platform.pk]),
        {"bureau": 200, "officer": 403, "owner": 403, "expert": 403, "anonymous": "login"},
    ),
    "view cultivation pool": (lambda w: reverse("registry:cultivation_pool"), dict.fromkeys(ROLES, 200)),
    "edit own expert record": (
        lambda w: reverse("registry:person_edit", args=[w.expert_person.pk]),
        {"bureau": 200, "officer": 403, "owner": 403, "expert": 200, "anonymous": "login"},
    ),
    "create instrument": (
        lambda w: reverse("registry:instrument_create"),
        {"bureau": 200, "officer": 200, "owner": 200, "expert": 403, "anonymous": "login"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_permission_matrix(client, world, users, action, role) -> None:
    url_for, expected = ACTIONS[action]
    url = url_for(world)
    if users[role] is not None:
        client.force_login(users[role])
    response = client.get(url)
    if expected[role] == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected[role], f"{role} → {action}"


YEARLY_FIGURE = {"own": "98,765,432.00", "other": "12,345,678.00"}
SEES_YEARLY_DATA = {  # role: which organizations' yearly figures show on their public page
    "bureau": {"own", "other"},
    "officer": {"own", "other"},
    "owner": {"own"},
    "expert": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("role", ROLES)
def test_yearly_data_visibility(client, world, users, role) -> None:
    if users[role] is not None:
        client.force_login(users[role])
    for which, organization in (("own", world.enterprise), ("other", world.other_enterprise)):
        page = client.get(organization.get_absolute_url()).content.decode()
        assert (YEARLY_FIGURE[which] in page) == (which in SEES_YEARLY_DATA[role]), f"{role} / {which}"


def test_refused_post_changes_nothing(client, world, enterprise_user) -> None:
    client.force_login(enterprise_user)
    response = client.post(
        reverse("registry:organization_annual", args=[world.other_enterprise.pk]),
        {"year": "2023", "revenue": "1"},
    )
    assert response.status_code == 403
    assert AnnualData.objects.get(organization=world.other_enterprise).revenue == 12345678


def test_refusal_page_is_in_chinese(client, world, enterprise_user) -> None:
    client.force_login(enterprise_user)
    response = client.get(reverse("registry:organization_edit", args=[world.other_enterprise.pk]))
    assert "无权访问" in response.content.decode()


def test_expert_cannot_move_own_person_record_to_another_organization(
    client, expert_user, other_enterprise
) -> None:
    from registry.models import Person

    person = Person.objects.create(name="李教授", user=expert_user, title="教授")
    client.force_login(expert_user)
    response = client.post(
        f"/registry/people/{person.pk}/edit/",
        {"name": "李教授", "category": "expert", "title": "二级教授", "organization": other_enterprise.uscc},
    )
    person.refresh_from_db()
    assert response.status_code in (200, 302)
    assert person.title == "二级教授"
    assert person.organization_id is None

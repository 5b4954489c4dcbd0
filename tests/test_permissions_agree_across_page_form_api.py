"""Pages, forms and the API give every role the same answer, because all three ask the app's
`permissions.py` (registry.permissions).

Each action is driven three ways for each role:
- page: the create/edit page opens and the field in question is not disabled;
- form: posting the page's own form with the change stores the change;
- API: the JSON request succeeds (401 for anonymous, 403 for a logged-in user who may not act).
A refused action changes nothing, whichever door it came through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts.models import User
from registry.kinds import KINDS
from registry.models import Instrument, Organization, Person, Platform
from registry.validators import make_uscc
from tests.factories import DepartmentFactory, PlatformFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "bureau", "officer", "enterprise", "expert")


@dataclass
class World:
    enterprise: Organization
    other: Organization
    platform: Platform  # the officer's department is its competent department
    expert: Person  # the expert user's own person record
    instrument: Instrument  # the enterprise's
    other_department: Organization


@pytest.fixture
def world(enterprise, other_enterprise, department_officer, expert_user) -> World:
    return World(
        enterprise=enterprise,
        other=other_enterprise,
        platform=PlatformFactory(host=enterprise, competent_department=department_officer.organization),
        expert=Person.objects.create(name="赵专家", title="教授", user=expert_user),
        instrument=Instrument.objects.create(
            name="液相色谱仪", owner=enterprise, category="分析仪器", value_yuan=1
        ),
        other_department=DepartmentFactory(),
    )


@pytest.fixture
def users(bureau_admin, department_officer, enterprise_user, expert_user) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "bureau": bureau_admin,
        "officer": department_officer,
        "enterprise": enterprise_user,
        "expert": expert_user,
    }


def form_data(form: Any) -> dict[str, str]:
    """What a browser submits for an unchanged form: every enabled field with its shown value."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = field.prepare_value(form[name].value())
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        elif value is not None:
            data[name] = str(value)
    return data


@dataclass(frozen=True)
class Action:
    kind: str
    record: Callable[[World], models.Model | None]  # None: the action creates a record
    # field → value in the form's terms and in the API's terms
    form_changes: Callable[[World], dict[str, str]]
    api_changes: Callable[[World], dict[str, Any]]
    stored: Callable[[World], bool]  # whether the change is in the database
    allowed: frozenset[str]
    field: str = ""  # the field the page must offer (not disabled) for the action

    def page_url(self, world: World) -> str:
        record = self.record(world)
        if record is None:
            return reverse(f"registry:{self.kind}_create")
        return reverse(f"registry:{self.kind}_edit", args=[record.pk])

    def api_url(self, world: World) -> str:
        plural = {"person": "people"}.get(self.kind, self.kind + "s")
        record = self.record(world)
        return f"/api/registry/{plural}/" + (str(record.pk) if record is not None else "")


NEW_USCC = make_uscc("91", "370302", 7_654_321)


def new_organization(world: World) -> dict[str, str]:
    return {
        "name": "淄博新立创科技有限公司",
        "uscc": make_uscc("91", "370303", 1_234_567),
        "kind": "enterprise",
        "region": "370303",
        "industry": "智能制造",
    }


def new_instrument(owner: Callable[[World], Organization]) -> tuple[Callable, Callable, Callable]:
    def form(world: World) -> dict[str, str]:
        return {
            "name": "新购质谱仪",
            "owner": owner(world).uscc,
            "category": "分析仪器",
            "value_yuan": "1000",
            "status": "available",
        }

    def api(world: World) -> dict[str, Any]:
        return {"name": "新购质谱仪", "owner": owner(world).pk, "category": "分析仪器", "value_yuan": "1000"}

    def stored(world: World) -> bool:
        return Instrument.objects.filter(name="新购质谱仪", owner=owner(world)).exists()

    return form, api, stored


ACTIONS = {
    "create an organization": Action(
        "organization",
        lambda w: None,
        new_organization,
        new_organization,
        lambda w: Organization.objects.filter(name="淄博新立创科技有限公司").exists(),
        frozenset({"bureau"}),
    ),
    "change the enterprise's address": Action(
        "organization",
        lambda w: w.enterprise,
        lambda w: {"address": "人民西路 1 号"},
        lambda w: {"address": "人民西路 1 号"},
        lambda w: Organization.objects.get(pk=w.enterprise.pk).address == "人民西路 1 号",
        frozenset({"bureau", "enterprise"}),
        field="address",
    ),
    "change the enterprise's kind": Action(
        "organization",
        lambda w: w.enterprise,
        lambda w: {"kind": "university"},
        lambda w: {"kind": "university"},
        lambda w: Organization.objects.get(pk=w.enterprise.pk).kind == "university",
        frozenset({"bureau"}),
        field="kind",
    ),
    "change the enterprise's USCC": Action(
        "organization",
        lambda w: w.enterprise,
        lambda w: {"uscc": NEW_USCC},
        lambda w: {"uscc": NEW_USCC},
        lambda w: Organization.objects.get(pk=w.enterprise.pk).uscc == NEW_USCC,
        frozenset({"bureau"}),
        field="uscc",
    ),
    "change the other organization's address": Action(
        "organization",
        lambda w: w.other,
        lambda w: {"address": "人民西路 1 号"},
        lambda w: {"address": "人民西路 1 号"},
        lambda w: Organization.objects.get(pk=w.other.pk).address == "人民西路 1 号",
        frozenset({"bureau"}),
        field="address",
    ),
    "change the expert's title": Action(
        "person",
        lambda w: w.expert,
        lambda w: {"title": "二级教授"},
        lambda w: {"title": "二级教授"},
        lambda w: Person.objects.get(pk=w.expert.pk).title == "二级教授",
        frozenset({"bureau", "expert"}),
        field="title",
    ),
    "move the expert to another organization": Action(
        "person",
        lambda w: w.expert,
        lambda w: {"organization": w.other.uscc},
        lambda w: {"organization": w.other.pk},
        lambda w: Person.objects.get(pk=w.expert.pk).organization_id == w.other.pk,
        frozenset({"bureau"}),
        field="organization",
    ),
    "rename the department's platform": Action(
        "platform",
        lambda w: w.platform,
        lambda w: {"name": "淄博市新名称工程技术研究中心"},
        lambda w: {"name": "淄博市新名称工程技术研究中心"},
        lambda w: Platform.objects.get(pk=w.platform.pk).name == "淄博市新名称工程技术研究中心",
        frozenset({"bureau", "officer"}),
        field="name",
    ),
    "hand the platform to another department": Action(
        "platform",
        lambda w: w.platform,
        lambda w: {"competent_department": str(w.other_department.pk)},
        lambda w: {"competent_department": w.other_department.pk},
        lambda w: Platform.objects.get(pk=w.platform.pk).competent_department_id == w.other_department.pk,
        frozenset({"bureau"}),
        field="competent_department",
    ),
    "hand the enterprise's instrument to another organization": Action(
        "instrument",
        lambda w: w.instrument,
        lambda w: {"owner": w.other.uscc},
        lambda w: {"owner": w.other.pk},
        lambda w: Instrument.objects.get(pk=w.instrument.pk).owner_id == w.other.pk,
        frozenset({"bureau"}),
        field="owner",
    ),
    "register an instrument of the enterprise": Action(
        "instrument",
        lambda w: None,
        *new_instrument(lambda w: w.enterprise),
        frozenset({"bureau", "enterprise"}),
        field="owner",
    ),
    "register an instrument of another organization": Action(
        "instrument",
        lambda w: None,
        *new_instrument(lambda w: w.other),
        frozenset({"bureau"}),
        field="owner",
    ),
}


def page_allows(client: Client, action: Action, world: World, user: User | None) -> bool:
    response = client.get(action.page_url(world))
    if user is None:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
        return False
    if response.status_code == 403:
        assert "无权访问" in response.content.decode()
        return False
    assert response.status_code == 200
    if not action.field:
        return True
    form = response.context["form"]
    field = form.fields[action.field]
    # A disabled field still does what the action wants when it is fixed to the wanted value
    # (an enterprise registers an instrument of its own organization).
    shown = str(field.prepare_value(form[action.field].value()))
    return not field.disabled or action.form_changes(world)[action.field] in shown


def form_allows(client: Client, action: Action, world: World, user: User | None) -> bool:
    record = action.record(world)
    data: dict[str, str] = {}
    if user is not None:
        form = KINDS[action.kind].form(instance=record, user=user)
        data = form_data(form)
    data.update(action.form_changes(world))
    response = client.post(action.page_url(world), data)
    assert response.status_code in (200, 302, 403), response.status_code
    if response.status_code == 200:
        # The page came back with its form: either it refused the change in a field message or
        # (disabled field) kept the stored value and saved the rest.
        assert response.context["form"].errors or action.field
    return action.stored(world)


def api_allows(client: Client, action: Action, world: World, user: User | None) -> bool:
    send = client.post if action.record(world) is None else client.patch
    response = send(action.api_url(world), action.api_changes(world), content_type="application/json")
    if response.status_code in (200, 201):
        return True
    assert response.status_code == (401 if user is None else 403), response.content
    assert response.json()["detail"]
    return False


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ACTIONS))
def test_page_form_and_api_agree(client, world, users, name, role) -> None:
    action, user = ACTIONS[name], users[role]
    if user is not None:
        client.force_login(user)
    expected = role in action.allowed
    assert page_allows(client, action, world, user) == expected, f"page: {role} → {name}"
    assert form_allows(client, action, world, user) == expected, f"form: {role} → {name}"
    if expected:
        return  # the form stored the change; the API is checked on a fresh world below
    assert api_allows(client, action, world, user) is False, f"api: {role} → {name}"
    assert not action.stored(world), f"{role} → {name} changed the record"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ACTIONS))
def test_api_allows_what_the_form_allows(client, world, users, name, role) -> None:
    action, user = ACTIONS[name], users[role]
    if user is not None:
        client.force_login(user)
    expected = role in action.allowed
    assert api_allows(client, action, world, user) == expected, f"api: {role} → {name}"
    assert action.stored(world) == expected, f"{role} → {name}"


def test_enterprise_patching_its_kind_is_refused_with_a_reason(client, world, enterprise_user) -> None:
    client.force_login(enterprise_user)
    response = client.patch(
        f"/api/registry/organizations/{world.enterprise.pk}",
        {"kind": "university", "address": "人民西路 1 号"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "科技局" in response.json()["detail"]
    stored = Organization.objects.get(pk=world.enterprise.pk)
    assert (stored.kind, stored.address) == ("enterprise", "")


def test_sending_an_unchanged_locked_field_is_no_change(client, world, enterprise_user) -> None:
    """A client that PATCHes back what it read is not refused for the fields it did not change."""
    client.force_login(enterprise_user)
    response = client.patch(
        f"/api/registry/organizations/{world.enterprise.pk}",
        {"kind": "enterprise", "uscc": world.enterprise.uscc, "address": "人民西路 1 号"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert Organization.objects.get(pk=world.enterprise.pk).address == "人民西路 1 号"


def test_anonymous_api_write_is_refused_in_chinese(client, world) -> None:
    response = client.patch(
        f"/api/registry/organizations/{world.enterprise.pk}",
        {"address": "x"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "请先登录或提供有效的访问令牌。"}

"""Every page, form action and API operation, as every role of the demo and as strangers whose
organization owns nothing, refuses what is not theirs (tests/security_walk.py finds the routes).

The oracle: what a role may reach is what the product offers it, i.e. a link or a form on one of its own
pages (its crawl), what an anonymous visitor may reach anyway, or, on the API, what the role's own list
of that collection holds. Anything else that answers 200 to a read, or anything but a refusal to a
write, is a finding. A refused write must leave every table as it was. A new page or endpoint is walked
without being listed here; a pattern open to every logged-in user whatever their organization must be
named in EVERY_LOGIN with the reason.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import Role, User
from tests import page_walk, security_walk
from tests.factories import DepartmentFactory, OrganizationFactory, persona

pytestmark = pytest.mark.django_db(transaction=False)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEMO_ROLES = ("demo-officer", "demo-enterprise", "demo-expert")
STRANGERS = {
    "stranger-enterprise": Role.ENTERPRISE_USER,
    "stranger-officer": Role.DEPARTMENT_OFFICER,
    "stranger-expert": Role.EXPERT,
}
REFUSED = {401, 403, 404, 405}

# Pages open to anyone, logged in or not, by design: the login form and the language switch take a POST
# from anyone.
PUBLIC_WRITES = {"/accounts/login/", "/i18n/setlang/"}
# Patterns any logged-in user may open or post to whatever their organization, and why.
EVERY_LOGIN: dict[str, str] = {}


@pytest.fixture
def people(db, settings) -> dict[str, User | None]:
    settings.DEBUG = True  # demo logins exist on development machines only
    settings.TASKS = IMMEDIATE
    call_command("demo", scale=0.02, stdout=io.StringIO(), stderr=io.StringIO())
    found: dict[str, User | None] = {"anonymous": None}
    found |= {name: User.objects.get(username=name) for name in ("demo-bureau", *DEMO_ROLES)}
    for name, role in STRANGERS.items():
        organization = {
            Role.ENTERPRISE_USER: lambda: OrganizationFactory(name="远方陌生科技有限公司"),
            Role.DEPARTMENT_OFFICER: lambda: DepartmentFactory(name="远方市陌生局"),
            Role.EXPERT: lambda: None,
        }[role]()
        found[name] = persona(role, organization, username=name)
    return found


def client_of(user: User | None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def answer(response) -> int:
    security_walk.body(response)
    return response.status_code


def refused(response, *, anonymous: bool) -> bool:
    if response.status_code in REFUSED:
        return True
    return anonymous and response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_pages_and_forms_refuse_what_is_not_offered(people):
    bureau = security_walk.crawl(client_of(people["demo-bureau"]))
    anonymous = client_of(None)
    public = {url for url in security_walk.iter_urls(bureau.pages) if answer(anonymous.get(url)) == 200}
    # Every POST target with the values the bureau's form would send (a forged request replaying it), and
    # every other route with the ids 1 and nothing to send.
    posts = {path: form for forms in bureau.posts.values() for path, form in forms.items()}
    for route in security_walk.every_route():
        posts.setdefault(security_walk.filled(route), ([], ""))
    public_paths = {path for path in posts if answer(anonymous.get(path)) == 200}
    findings = []
    for name, user in people.items():
        if name == "demo-bureau":
            continue
        client = client_of(user)
        own = security_walk.crawl(client, per_pattern=1, limit=300) if user else security_walk.Reach()
        for url in security_walk.iter_urls(bureau.pages):
            path = security_walk.path_of(url)
            if url in public or path in own.offered or page_walk.pattern_of(path) in EVERY_LOGIN:
                continue
            if answer(client.get(url)) == 200:
                findings.append(f"{name} reads {url}")
        shown: dict[str, bytes] = {}
        for path, (data, page) in sorted(posts.items()):
            if path in PUBLIC_WRITES or path in own.offered:
                continue
            if user and page:
                # The same form on the same page, shown to this user too, is theirs to send.
                if page not in shown:
                    response = client.get(page)
                    shown[page] = security_walk.body(response) if response.status_code == 200 else b""
                if f'"{path}"'.encode() in shown[page]:
                    continue
            before = security_walk.model_rows()
            response = client.post(path, data)
            security_walk.body(response)
            wrote = security_walk.model_rows() != before
            if wrote:
                findings.append(f"{name} posts to {path}: {response.status_code}, and rows changed")
            elif user is None and not refused(response, anonymous=True) and path not in public_paths:
                findings.append(f"{name} posts to {path}: {response.status_code}")
    assert sum(len(urls) for urls in bureau.pages.values()) > 200
    assert not findings, "\n".join(findings)


def test_api_operations_refuse_records_outside_the_callers_lists(people):
    bureau = client_of(people["demo-bureau"])
    schema = bureau.get("/api/openapi.json").json()
    operations = list(security_walk.api_operations(schema))
    listed: dict[tuple[str, str], set[int]] = {}

    def ids(client: Client, name: str, collection: str) -> set[int]:
        if (name, collection) not in listed:
            response = client.get(collection, {"limit": 100})
            listed[name, collection] = (
                security_walk.ids_listed(response.json()) if response.status_code == 200 else set()
            )
        return listed[name, collection]

    anonymous = client_of(None)
    findings, checked = [], 0
    for name, user in people.items():
        if name == "demo-bureau":
            continue
        client = client_of(user)
        for operation in operations:
            if operation.collection is None:
                continue
            candidates = ids(bureau, "demo-bureau", operation.collection) or {1, 2}
            # What the role's own list holds it may read (and a public record anyone may); a stranger owns
            # nothing, so it may write to no record at all.
            own = ids(client, name, operation.collection) | ids(anonymous, "anonymous", operation.collection)
            if operation.method != "get" and name in STRANGERS:
                own = set()
            for record in sorted(candidates)[:8]:
                if record in own:
                    continue
                url = operation.url(record)
                checked += 1
                if operation.method == "get":
                    if answer(client.get(url)) < 400:
                        findings.append(f"{name} GET {url}")
                    continue
                before = security_walk.model_rows()
                response = getattr(client, operation.method)(
                    url, data=json.dumps({}), content_type="application/json"
                )
                if response.status_code < 400:
                    findings.append(f"{name} {operation.method.upper()} {url}: {response.status_code}")
                elif security_walk.model_rows() != before:
                    findings.append(f"{name} {operation.method.upper()} {url}: refused, but rows changed")
    assert checked > 100
    assert not findings, "\n".join(findings)

"""What every role can reach, found from the URL conf and the OpenAPI schema rather than listed, for the
security walks (tests/test_security_*.py).

`crawl` starts from every page of the URL conf without arguments and one record of every model with a page
(tests/page_walk.py), follows every link, and records the pages that answered 200 and the forms and htmx
actions each page offers (`POST` targets). What a role is *offered* (a link or a form on one of its own
pages) is what the product means it to reach; anything else it can open by typing the address is what the
walks question. `api_operations` reads /api/openapi.json and fills each path's parameters with the ids
its parent collection lists.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import Client

from accounts.models import Role, User
from tests import page_walk
from tests.factories import DepartmentFactory, OrganizationFactory, persona

# Not the product's own pages: Django's admin (staff-only by Django itself), static files, and the
# logout and language actions, which a crawl must not press.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/accounts/logout", "/i18n/")
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEMO_ROLES = ("demo-officer", "demo-enterprise", "demo-expert")
# Users whose organization owns nothing: whatever they can reach beyond a visitor's is a finding.
STRANGERS = {
    "stranger-enterprise": Role.ENTERPRISE_USER,
    "stranger-officer": Role.DEPARTMENT_OFFICER,
    "stranger-expert": Role.EXPERT,
}


@pytest.fixture
def people(db, settings) -> dict[str, User | None]:
    """The demo (small scale) with its logins, anonymous (None) and the strangers, by name."""
    settings.DEBUG = True  # demo logins exist on development machines only
    settings.TASKS = IMMEDIATE
    call_command("demo", scale=0.02, stdout=io.StringIO(), stderr=io.StringIO())
    found: dict[str, User | None] = {"anonymous": None}
    found |= {name: User.objects.get(username=name) for name in ("demo-bureau", *DEMO_ROLES)}
    organizations = {
        Role.ENTERPRISE_USER: lambda: OrganizationFactory(name="远方陌生科技有限公司"),
        Role.DEPARTMENT_OFFICER: lambda: DepartmentFactory(name="远方市陌生局"),
        Role.EXPERT: lambda: None,
    }
    for name, role in STRANGERS.items():
        found[name] = persona(role, organizations[role](), username=name)
    return found


def client_of(user: User | None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def answer(response: Any) -> int:
    """The status of an answer, its content read and the answer closed."""
    body(response)
    return response.status_code


@dataclass
class Reach:
    """What one role's crawl found: pattern → the addresses that answered 200, the POST targets its pages
    offer, and every address its pages link to (visited or not)."""

    pages: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # pattern → POST target → (the form's values as shown, the page that shows the form)
    posts: dict[str, dict[str, tuple[list[tuple[str, str]], str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    offered: set[str] = field(default_factory=set)
    bodies: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # url → (content type, content)
    failures: list[tuple[str, int]] = field(default_factory=list)  # url, status of a server error


class _Targets(HTMLParser):
    """Links and POST targets of a page; each POST form with the values it would send as shown (what a
    forged request replaying this user's form would carry)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.posts: list[tuple[str | None, list[tuple[str, str]]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._select: str | None = None
        self._chosen: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("href", "hx-get"):
            if values.get(name) and tag != "link":
                self.links.append(values[name])
        if tag == "form":
            if values.get("method", "get").lower() == "post":
                self._form = []
                self.posts.append((values.get("action") or None, self._form))  # no action: the page
            elif values.get("action"):
                self.links.append(values["action"])
        elif values.get("hx-post"):
            self.posts.append((values["hx-post"], []))
        if self._form is None or not values.get("name") and tag != "option":
            return
        kind = values.get("type", "text").lower()
        if tag == "input" and kind not in {"file", "submit", "button", "image", "reset"}:
            if kind not in {"checkbox", "radio"} or "checked" in values:
                self._form.append((values["name"], values.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select, self._chosen = values["name"], None
        elif tag == "option" and self._select is not None:
            if self._chosen is None or "selected" in values:
                self._chosen = values.get("value", "")
        elif tag == "textarea":
            self._textarea = values["name"]
            self._form.append((self._textarea, ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self._form:
            name, text = self._form[-1]
            self._form[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._form is not None and self._select is not None:
            self._form.append((self._select, self._chosen or ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def path_of(url: str) -> str:
    return urlsplit(url).path


def is_walked(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc) and not parts.path.startswith(SKIPPED_PREFIXES)


def start_urls() -> list[str]:
    return [url for url in page_walk.start_urls() if is_walked(url)]


def crawl(client: Client, *, per_pattern: int = 2, limit: int = 600, keep_bodies: bool = False) -> Reach:
    """Follow every link from the start pages, at most `per_pattern` addresses of one URL pattern (and
    as many with a query string), and at most `limit` pages."""
    reach = Reach()
    queue = list(dict.fromkeys(start_urls()))
    seen: set[str] = set()
    quota: dict[str, int] = defaultdict(int)
    visited = 0
    while queue and visited < limit:
        url = queue.pop(0)
        if url in seen or not is_walked(url):
            continue
        seen.add(url)
        pattern = page_walk.pattern_of(path_of(url))
        if pattern is None:
            continue
        key = pattern + ("?" if urlsplit(url).query else "")
        if quota[key] >= per_pattern:
            continue
        quota[key] += 1
        visited += 1
        response = client.get(url)
        content = body(response)
        if response.status_code >= 500:
            reach.failures.append((url, response.status_code))
        if response.status_code != 200:
            continue
        reach.pages[pattern].append(url)
        kind = response.get("Content-Type", "").split(";")[0]
        if keep_bodies:
            reach.bodies[url] = (kind, content)
        if kind != "text/html":
            continue
        parser = _Targets()
        parser.feed(content.decode())
        for action, data in parser.posts:
            target = urljoin(url, action or url).split("#")[0]
            target_pattern = page_walk.pattern_of(path_of(target))
            if target_pattern is not None and is_walked(target):
                reach.posts[target_pattern].setdefault(path_of(target), (data, url))
                reach.offered.add(path_of(target))
        for link in parser.links:
            target = urljoin(url, link).split("#")[0]
            if target and is_walked(target):
                reach.offered.add(path_of(target))
                if target not in seen:
                    queue.append(target)
    return reach


def body(response: Any) -> bytes:
    """The content of an answer, a streamed download included. The test client closes the answer once its
    stream is read, without the request_finished handler that would close PostgreSQL's connection inside
    the test's transaction (as closing it here did)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def every_route() -> list[str]:
    """Every URL pattern of the product's own pages (admin, static and the API's own routes aside)."""
    return [
        route
        for route, _ in page_walk.get_patterns()
        if is_walked(route) and not route.startswith("/api/") and "(?P<" not in route
    ]


def filled(route: str, value: str = "1") -> str:
    """A route with every argument given `value` (an id that the demo has for every model)."""
    return ARGUMENT.sub(lambda match: value, route)


def model_rows() -> tuple[int, ...]:
    """How many rows every table has, in one query: a write that a refusal let through shows as a changed
    count (every important record keeps a history row per change)."""
    tables = sorted(
        {model._meta.db_table for model in apps.get_models() if model._meta.managed and not model._meta.proxy}
    )
    # Table names come from the models, not from input.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return tuple(cursor.fetchone())


@dataclass(frozen=True)
class Operation:
    method: str
    template: str  # /api/registry/platforms/{record_id}
    collection: str | None  # the list operation whose items fill the template's parameter

    def url(self, value: object) -> str:
        return re.sub(r"\{\w+\}", str(value), self.template, count=1)


def api_operations(schema: dict[str, Any]) -> Iterator[Operation]:
    paths = schema["paths"]
    for template, operations in paths.items():
        for method in operations:
            if method not in {"get", "post", "patch", "put", "delete"}:
                continue
            collection = None
            if "{" in template:
                head = template[: template.index("{")]
                collection = next(
                    (
                        candidate
                        for candidate in (head, head.rstrip("/"))
                        if "get" in paths.get(candidate, {})
                    ),
                    None,
                )
            yield Operation(method, template, collection)


def ids_listed(payload: Any) -> set[int]:
    """The ids of the records a list answer holds (a bare list, or the list inside a paged answer)."""
    if isinstance(payload, dict):
        rows = next((value for value in payload.values() if isinstance(value, list)), [])
    else:
        rows = payload if isinstance(payload, list) else []
    return {row["id"] for row in rows if isinstance(row, dict) and isinstance(row.get("id"), int)}


def iter_urls(pages: dict[str, list[str]]) -> Iterator[str]:
    for urls in pages.values():
        yield from urls

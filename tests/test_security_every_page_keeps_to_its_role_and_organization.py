"""Every page and every form, as every role of the demo, anonymously and as strangers whose organization
owns nothing (tests/security_walk.py finds the routes from the URL conf and follows every link, so a new
page is walked without being listed here).

The oracle: a role may read a page that is public (an anonymous visitor gets it too) or that one of its own
pages links to. Every form the bureau is shown is replayed with the values shown, as a forged request
would be, and every route is posted to with id 1: the POST must change no row unless the same page shows
this role the same form; an anonymous POST must be refused unless the page is public.
"""

from __future__ import annotations

import pytest

from kechuang.access import is_staff_member
from tests import page_walk, security_walk
from tests.security_walk import answer, client_of

pytestmark = pytest.mark.django_db(transaction=False)
people = security_walk.people  # the fixture: the demo's logins, anonymous and the strangers
REFUSED = {401, 403, 404, 405}
# The login form and the language switch take a POST from anyone.
PUBLIC_WRITES = {"/accounts/login/", "/i18n/setlang/"}
# Routes every logged-in user may read whatever their organization, and why.
EVERY_LOGIN: dict[str, str] = {}
# Routes the government's staff (the bureau and department officers) may read though no page of theirs
# links there, and why (DESIGN.md: departments report on tasks and indicators; each app's permissions.py).
STAFF_READS: dict[str, str] = {
    "transfer/contracts/<int:pk>/": "transfer/permissions.py: staff see every contract and the statistics",
    "transfer/contracts/<int:pk>/certificate.pdf": "the registered contract's certificate, as its page",
    "policies/benefits/": "who qualifies and what it costs: the finance and line departments budget for it",
    "matching/funnel/": "the matching funnel's counts, no party's terms",
    "policies/<int:pk>/corrections/": "the audit of a public policy document's reading",
    "planning/indicators/<slug:code>/records/": "the records an indicator counts: departments report them",
}


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
        allowed = {**EVERY_LOGIN, **STAFF_READS} if user and is_staff_member(user) else EVERY_LOGIN
        for url in security_walk.iter_urls(bureau.pages):
            path = security_walk.path_of(url)
            if url in public or path in own.offered or page_walk.pattern_of(path) in allowed:
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
            values: dict[str, list[str]] = {}
            for field_name, value in data:
                values.setdefault(field_name, []).append(value)
            response = client.post(path, values)
            security_walk.body(response)
            wrote = security_walk.model_rows() != before
            if wrote:
                findings.append(f"{name} posts to {path}: {response.status_code}, and rows changed")
            elif user is None and not refused(response, anonymous=True) and path not in public_paths:
                findings.append(f"{name} posts to {path}: {response.status_code}")
    assert sum(len(urls) for urls in bureau.pages.values()) > 150
    assert not findings, "\n".join(findings)

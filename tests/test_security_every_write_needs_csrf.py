"""Every write, on a page or through the API with the browser session, is refused without a CSRF token.

The routes come from the URL conf and the OpenAPI schema (tests/security_walk.py), so a new form or
endpoint is covered without being listed. The visitor is the bureau (the widest rights), whose browser
session a forged cross-site form would ride on; the test client checks CSRF as a browser's request is
checked. A token in the Authorization header is not a cookie a foreign page can borrow and needs no CSRF.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests import security_walk

pytestmark = pytest.mark.django_db(transaction=False)
people = security_walk.people  # the fixture: the demo's logins

# Writes that carry no session to forge: the login form itself (Django still checks its CSRF token, and
# this test shows it) is not exempt, so nothing is listed here.
EXEMPT: dict[str, str] = {}


def test_every_post_route_refuses_a_request_without_a_token(people):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(people["demo-bureau"])
    schema = client.get("/api/openapi.json").json()
    writes = [("post", security_walk.filled(route)) for route in security_walk.every_route()]
    writes += [
        (operation.method, operation.url(1))
        for operation in security_walk.api_operations(schema)
        if operation.method != "get"
    ]
    accepted = []
    for method, path in writes:
        if path in EXEMPT:
            continue
        before = security_walk.model_rows()
        response = getattr(client, method)(path, data=json.dumps({}), content_type="application/json")
        security_walk.body(response)
        if response.status_code != 403:
            accepted.append(f"{method.upper()} {path}: {response.status_code}")
        elif security_walk.model_rows() != before:
            accepted.append(f"{method.upper()} {path}: refused, but rows changed")
    assert len(writes) > 150
    assert not accepted, "\n".join(accepted)

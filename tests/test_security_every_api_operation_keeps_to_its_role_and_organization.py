"""Every API operation on a record, as every role of the demo and as strangers whose organization owns
nothing (tests/security_walk.py reads the operations from /api/openapi.json, so a new endpoint is walked
without being listed here).

The oracle: a role may read what its own list of that collection holds (and what an anonymous visitor's
list holds); reading any other record must be refused, so that list and detail agree. A stranger owns
nothing and may write (POST, PATCH, DELETE, with an empty body) to no record at all; a demo role may write
to no record outside its own list. A refused write must leave every table as it was.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests import security_walk
from tests.security_walk import STRANGERS, client_of

pytestmark = pytest.mark.django_db(transaction=False)
people = security_walk.people  # the fixture: the demo's logins, anonymous and the strangers


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
                    if security_walk.answer(client.get(url)) < 400:
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

"""POST /api/policies/benefits evaluates a contract-3 entity snapshot with the live rulebook the pages use
(the shipped rules with the bureau's saved edits) and answers with the contract-3 result."""

import json

import pytest
from django.test import Client

from accounts.models import User
from benefits.calculator import Calculator, load_rulebook, parse_snapshot
from benefits.calculator.batch import dumps
from benefits.models import RuleVersion
from benefits.rule_store import rule_text, shipped_rule

pytestmark = pytest.mark.django_db
URL = "/api/policies/benefits"
RULE = "weihai-2023.key-lab-national-lead"
ENTITY = {
    "name": "威海测试企业",
    "uscc": "91371000MA3C00000M",
    "kind": "enterprise",
    "region": "371002",
    "above_designated_size": True,
    "events": [
        {
            "type": "platform_approved",
            "date": "2024-05-10",
            "platform_type": "key_laboratory",
            "level": "national",
            "role": "lead",
        }
    ],
}


def evaluate(client: Client, entity: object, year: object = 2024):
    return client.post(URL, {"entity": entity, "year": year}, content_type="application/json")


def test_result_is_the_command_lines_for_the_shipped_rules(client: Client, enterprise_user: User) -> None:
    client.force_login(enterprise_user)
    response = evaluate(client, ENTITY)
    assert response.status_code == 200
    body = response.json()
    expected = Calculator(load_rulebook()).evaluate(parse_snapshot(ENTITY), 2024).as_dict()
    assert body == json.loads(dumps(expected))
    assert body["total_yuan"] >= 10_000_000
    assert RULE in {item["rule"] for item in body["items"]}


def test_a_saved_rule_edit_reaches_the_api(client: Client, bureau_admin: User) -> None:
    edited = rule_text(shipped_rule(RULE)).replace(
        "title: 全国重点实验室（牵头创建）奖励", "title: 全国重点实验室牵头奖励(修订)"
    )
    assert "(修订)" in edited
    RuleVersion.objects.create(rule_id=RULE, spec=edited, note="改标题", author=bureau_admin)
    client.force_login(bureau_admin)
    item = next(i for i in evaluate(client, ENTITY).json()["items"] if i["rule"] == RULE)
    assert item["title"] == "全国重点实验室牵头奖励(修订)"


@pytest.mark.parametrize(
    ("entity", "year", "field"),
    [({**ENTITY, "region": "37"}, 2024, "entity"), (ENTITY, "明年", "year"), ("企业", 2024, "entity")],
)
def test_bad_snapshots_are_refused(client: Client, enterprise_user: User, entity, year, field) -> None:
    client.force_login(enterprise_user)
    response = evaluate(client, entity, year)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


def test_anonymous_callers_are_refused(client: Client) -> None:
    assert evaluate(client, ENTITY).status_code == 401


def test_the_benefits_app_address_answers_the_same(client: Client, enterprise_user: User) -> None:
    client.force_login(enterprise_user)
    body = {"entity": ENTITY, "year": 2024}
    new = client.post("/api/benefits/", body, content_type="application/json")
    old = client.post(URL, body, content_type="application/json")
    assert new.status_code == old.status_code == 200
    assert new.content == old.content
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "post" in paths["/api/benefits/"] and "post" in paths["/api/policies/benefits"]

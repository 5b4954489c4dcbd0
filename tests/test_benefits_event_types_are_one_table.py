"""Every event type is one row of benefits.calculator.events: snapshot validation, rule validation, the
engine's index and the explanations all read that row, so they cannot disagree about a type."""

import pytest

from benefits.calculator import Calculator, parse_snapshot
from benefits.calculator.events import CHOICES, EVENT_TYPES, EventType
from benefits.calculator.explain import phrases
from benefits.calculator.rules import build_rulebook

ENTITY = {"name": "甲", "kind": "enterprise", "region": "371002"}


def _required_fields(event_type: EventType, key_value: str) -> dict[str, object]:
    fields: dict[str, object] = {}
    for name, kind in event_type.fields.items():
        if kind.startswith("?"):
            continue
        if name == event_type.key:
            fields[name] = key_value
        elif kind == "number":
            fields[name] = 100
        elif kind in CHOICES:
            fields[name] = sorted(CHOICES[kind])[0]
        else:
            fields[name] = "x"
    return fields


def _rulebook(event_type: EventType, key_value: str):
    rule = {
        "id": f"t.{event_type.name}",
        "clause": "一",
        "text": "条款",
        "title": "测试奖励",
        "beneficiary": "企业",
        "trigger": event_type.name,
        "kind": "fixed",
        "amount": 1000,
        "budget_line": "测试",
        "department": "测试",
        "cases": [{"name": "无事件不奖励", "year": 2024, "entity": {}, "expect": 0}],
    }
    if event_type.key:
        rule["match"] = {event_type.key: key_value}
    policy = {
        "policy": "t",
        "title": "测试政策",
        "region": "371000",
        "issued": "2020-01-01",
        "effective_from": "2020-01-01",
        "rules": [rule],
    }
    return build_rulebook([("t.yaml", policy)])


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda event_type: event_type.name)
def test_an_event_type_from_the_table_is_read_matched_and_explained(event_type: EventType) -> None:
    key_kind = event_type.fields.get(event_type.key or "")
    free_text_key = key_kind == "text"
    key_value = sorted(CHOICES[key_kind])[0] if key_kind in CHOICES else "wanted"
    calculator = Calculator(_rulebook(event_type, key_value))

    def paid(value: str) -> list[str]:
        event = {"type": event_type.name, "date": "2024-05-01", **_required_fields(event_type, value)}
        snapshot = parse_snapshot({**ENTITY, "events": [event]})
        return [item.rule.id for item in calculator.evaluate(snapshot, 2024).items]

    assert paid(key_value) == [f"t.{event_type.name}"]
    if free_text_key:
        assert paid("other") == []  # the engine's index uses the table's key field
    assert phrases().events[event_type.name] == event_type.label


def test_a_rule_may_match_only_fields_of_its_event_type() -> None:
    with pytest.raises(ValueError, match="不属于事件 voucher_used"):
        build_rulebook(
            [
                (
                    "t.yaml",
                    {
                        "policy": "t",
                        "title": "测试",
                        "region": "371000",
                        "issued": "2020-01-01",
                        "effective_from": "2020-01-01",
                        "rules": [
                            {
                                "id": "t.v",
                                "clause": "一",
                                "text": "条款",
                                "title": "测试",
                                "beneficiary": "企业",
                                "trigger": "voucher_used",
                                "match": {"platform_type": "incubator"},
                                "kind": "fixed",
                                "amount": 1,
                                "budget_line": "测试",
                                "department": "测试",
                                "cases": [{"name": "无事件", "year": 2024, "entity": {}, "expect": 0}],
                            }
                        ],
                    },
                )
            ]
        )

"""Contract 3 snapshots are validated like every other input (issue 18, item 8): an unknown kind,
region, qualification type or field, a malformed USCC and a negative amount are refused with the same
Chinese message on the command line, in the batch and through the API, and nothing is paid."""

import copy
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from benefits.calculator import Calculator, evaluate_lines, load_rulebook

VALID = {
    "name": "威海测试企业",
    "uscc": "91371002MA3C5XY71F",
    "kind": "enterprise",
    "region": "371002",
    "above_designated_size": True,
    "qualifications": [{"type": "high_tech_enterprise", "granted": "2023-12-01", "expires": "2026-11-30"}],
    "annual": {"2023": {"revenue": 80000000, "rd_expense": 5000000}, "2024": {"revenue": 90000000}},
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


def changed(path: str, value: object) -> dict:
    snapshot = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    target = snapshot
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[int(last) if isinstance(target, list) else last] = value
    return snapshot


BAD = [
    (changed("kind", "alien"), "kind 的值 'alien' 无效"),
    (changed("region", "999999"), "region '999999' 不是有效的行政区划代码"),
    (changed("uscc", "913"), "uscc '913' 不是有效的统一社会信用代码"),
    (changed("uscc", "91371002MA3C5XY71A"), "uscc '91371002MA3C5XY71A' 不是有效的统一社会信用代码"),
    (changed("annual.2023.rd_expense", -5), "annual.2023.rd_expense:数值不能为负数,实际为 -5"),
    (changed("qualifications.0.type", "nobel_prize"), "第 1 项资质的类型 'nobel_prize' 未知"),
    (changed("qualifications.0.note", "x"), "第 1 项资质含未知字段 'note'"),
    (changed("colour", "red"), "实体快照含未知字段 'colour'"),
    (changed("events.0.budget", 5), "第 1 个事件(platform_approved)含未知字段 'budget'"),
    (changed("annual.2024.rd_expense", 1e40), "超出可计算范围"),
]


def test_the_valid_snapshot_is_paid():
    results = list(evaluate_lines([json.dumps(VALID)], 2024, Calculator(load_rulebook())))
    assert json.loads(results[0])["total_yuan"] > 0


@pytest.mark.parametrize(("snapshot", "message"), BAD)
def test_the_batch_refuses_the_line(snapshot, message):
    (line,) = evaluate_lines([json.dumps(snapshot)], 2024, Calculator(load_rulebook()))
    result = json.loads(line)
    assert "items" not in result
    assert result["line"] == 1 and message in result["error"]


@pytest.mark.parametrize(("snapshot", "message"), BAD)
def test_the_command_refuses_the_entity(snapshot, message, tmp_path: Path):
    path = tmp_path / "entity.json"
    path.write_text(json.dumps(snapshot), encoding="utf-8")
    with pytest.raises(CommandError, match="实体快照有误") as refused:
        call_command("benefits", entity=str(path), year="2024", json=True)
    assert message in str(refused.value)


@pytest.mark.django_db
@pytest.mark.parametrize(("snapshot", "message"), BAD)
def test_the_api_refuses_the_entity_with_the_same_message(client, enterprise_user, snapshot, message):
    client.force_login(enterprise_user)
    response = client.post(
        "/api/policies/benefits", {"entity": snapshot, "year": 2024}, content_type="application/json"
    )
    assert response.status_code == 422
    assert message in json.dumps(response.json(), ensure_ascii=False)

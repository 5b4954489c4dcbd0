"""A rule file with a mistake is refused on load, naming the file, the rule and the problem."""

import copy

import pytest

from benefits.calculator.rules import RULES_DIR, RuleError, build_rulebook, load_rulebook, read_policy_folder
from benefits.clause_table import TABLE_PATH, clause_table
from policies.seeds import SEED_POLICIES


@pytest.fixture(scope="module")
def weihai() -> dict:
    return read_policy_folder(RULES_DIR / "weihai-2023-innovation-city")


def first_rule_changed(document: dict, **changes: object) -> dict:
    changed = copy.deepcopy(document)
    changed["rules"][0].update(changes)
    return changed


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "__import__('os')"}, "weihai-2023.key-lab-national-lead.*不允许"),
        ({"conditions": [{"label": "x", "test": "profit > 0"}]}, "未知的名称:profit"),
        ({"trigger": "platform_moved"}, "未知的触发条件"),
        ({"match": {"colour": "red"}}, "colour"),
        ({"kind": "generous"}, "kind"),
        ({"cases": []}, "cases"),
        ({"regions": ["370300"]}, "不在政策适用地区 371000 之内"),
    ],
)
def test_broken_rule_is_refused_with_the_reason(weihai, changes, message):
    with pytest.raises(RuleError, match=message):
        build_rulebook([("weihai.yaml", first_rule_changed(weihai, **changes))])


def test_duplicate_rule_ids_are_refused(weihai):
    document = copy.deepcopy(weihai)
    document["rules"].append(copy.deepcopy(document["rules"][0]))
    with pytest.raises(RuleError, match="重复"):
        build_rulebook([("weihai.yaml", document)])


def test_shipped_rules_cover_both_seed_policies_with_clause_text_and_cases():
    rulebook = load_rulebook()
    assert {policy.code for policy in rulebook.policies} == {
        "weihai-2023-innovation-city",
        "zibo-2020-platforms",
    }
    for rule in rulebook.rules:
        assert rule.spec.text and rule.spec.clause and rule.spec.cases, rule.id


def test_each_rule_quotes_its_seed_document_word_for_word():
    seeds = {seed.code: seed for seed in SEED_POLICIES}
    for policy in load_rulebook().policies:
        assert seeds[policy.code].region == policy.region
    for rule in load_rulebook().rules:
        text = seeds[rule.policy.code].path.read_text(encoding="utf-8")
        assert rule.spec.text in text, rule.id


def test_the_committed_clause_table_is_what_the_rules_generate():
    assert TABLE_PATH.read_text(encoding="utf-8") == clause_table(), "run `kechuang rule_table`"
    table = clause_table()
    assert all(f"`{rule.id}`" in table for rule in load_rulebook().rules)
    assert all(f"`{name}`" in table for policy in load_rulebook().policies for name in policy.parameters)


def _parameter(unit: str = "元", *values: tuple[str, int]) -> dict:
    return {
        "label": "测试参数",
        "unit": unit,
        "clause": "一",
        "values": [{"since": since, "value": value} for since, value in values or [("2024-01-01", 1)]],
    }


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"revenue": _parameter()}, "参数名称 revenue 无效"),
        ({"a_rate": _parameter("斤")}, "unit"),
        ({"a_rate": _parameter("比例", ("2024-02-01", 1), ("2024-01-01", 2))}, "按先后排列"),
    ],
)
def test_a_broken_parameter_is_refused_with_the_reason(weihai, parameters, message):
    document = {**copy.deepcopy(weihai), "parameters": {**weihai["parameters"], **parameters}}
    with pytest.raises(RuleError, match=message):
        build_rulebook([("weihai", document)])


def test_a_rule_names_a_parameter_and_pays_its_value(weihai):
    """Changing the parameter changes what the rule pays; the rule itself holds no number."""
    rule = next(r for r in weihai["rules"] if r["id"] == "weihai-2023.key-lab-national-lead")
    assert rule["amount"] == "key_lab_national_lead_amount"
    document = copy.deepcopy(weihai)
    document["parameters"]["key_lab_national_lead_amount"] = _parameter("元", ("2023-07-13", 12000000))
    changed = build_rulebook([("weihai", document)]).by_id["weihai-2023.key-lab-national-lead"]
    assert changed.spec.amount == "12000000"

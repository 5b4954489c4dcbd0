"""A rule file with a mistake is refused on load, naming the file, the rule and the problem."""

import copy
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from benefits.calculator.rules import RULES_DIR, RuleError, build_rulebook, load_rulebook
from policies.seeds import SEED_POLICIES


@pytest.fixture(scope="module")
def weihai() -> dict:
    return yaml.safe_load((RULES_DIR / "weihai-2023-innovation-city.yaml").read_text(encoding="utf-8"))


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


def test_clause_table_lists_every_rule():
    table = (Path(settings.BASE_DIR) / "docs" / "rules-clause-table.md").read_text(encoding="utf-8")
    missing = [rule.id for rule in load_rulebook().rules if f"`{rule.id}`" not in table]
    assert missing == []

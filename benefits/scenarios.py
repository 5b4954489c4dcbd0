"""What-if scenarios: change a rule's amount (a rate or a fixed sum), its caps, or a dated parameter of
its policy (such as the LPR), run the city beside the live rules, and compare totals and winners. A
scenario's rulebook is built in memory from the live one; the rule files and the saved rule versions
are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from benefits.calculator import Rulebook, RuleError
from benefits.calculator.rules import build_rulebook
from benefits.calculator.wording import parameter_title
from benefits.models import BenefitAward, BenefitRun, Scenario
from benefits.rule_store import Document, live_overrides, shipped_documents, shipped_rule, with_overrides

FIELDS = {
    "amount": _("金额或比例公式"),
    "cap": _("单项上限（元）"),
    "cap_per_year": _("年度累计上限（元）"),
}
# A change of field "parameter:lpr_1y" replaces that dated parameter of the rule's policy by one value.
PARAMETER = "parameter:"


def field_choices() -> list[tuple[str, str]]:
    """The fields a change may set: the rule's own, then every policy parameter by its Chinese label."""
    parameters = {
        name: parameter
        for _source, document in shipped_documents()
        for name, parameter in document.get("parameters", {}).items()
    }
    return [
        *FIELDS.items(),
        *(
            (
                PARAMETER + name,
                _("政策参数：%(parameter)s") % {"parameter": parameter_title(p["label"], p["unit"])},
            )
            for name, p in sorted(parameters.items())
        ),
    ]


class ScenarioError(ValueError):
    """A scenario cannot be built; the message is in Chinese."""


def clean_changes(raw: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Validated changes [{rule, field, value}] whose rulebook compiles; ScenarioError otherwise."""
    changes, labels = [], dict(field_choices())
    for position, change in enumerate(raw, 1):
        rule, field, value = (str(change.get(key, "")).strip() for key in ("rule", "field", "value"))
        if not rule and not value:
            continue
        if shipped_rule(rule) is None:
            raise ScenarioError(f"第 {position} 项调整：没有标识为 {rule or '（空）'} 的规则")
        if field not in labels:
            raise ScenarioError(f"第 {position} 项调整：不能调整字段 {field or '（空）'}")
        parameter = field.removeprefix(PARAMETER) if field.startswith(PARAMETER) else None
        if parameter is not None and parameter not in _document_of(rule).get("parameters", {}):
            raise ScenarioError(f"第 {position} 项调整：规则 {rule} 所属政策没有参数 {parameter}")
        if field == "amount" or parameter is not None:
            if not value:
                raise ScenarioError(f"第 {position} 项调整：{labels[field]}不能为空")
        if field != "amount" and value:
            try:
                if Decimal(value) < 0:
                    raise InvalidOperation
            except InvalidOperation:
                raise ScenarioError(f"第 {position} 项调整：{labels[field]}必须是不小于 0 的数") from None
        changes.append({"rule": rule, "field": field, "value": value})
    if not changes:
        raise ScenarioError("请至少填写一项参数调整")
    scenario_rulebook(changes)
    return changes


def scenario_rulebook(changes: list[dict[str, str]], as_of: int | None = None) -> Rulebook:
    """The live rulebook (as of a rule version) with the scenario's changes applied in memory."""
    overrides = live_overrides(as_of)
    parameters = []
    for change in changes:
        if change["field"].startswith(PARAMETER):
            parameters.append(change)
            continue
        rule = dict(overrides.get(change["rule"]) or shipped_rule(change["rule"]) or {})
        # An emptied cap removes the cap: that is a what-if too ("what if there were no ceiling?").
        rule[change["field"]] = change["value"] or None
        overrides[change["rule"]] = rule
    documents = with_overrides(overrides)
    for change in parameters:
        documents = [_with_parameter(document, change) for document in documents]
    try:
        return build_rulebook(documents)
    except RuleError as exc:
        raise ScenarioError(f"调整后的规则无法计算：{exc}") from None


def _document_of(rule_id: str) -> dict[str, Any]:
    for _source, document in shipped_documents():
        if any(rule["id"] == rule_id for rule in document["rules"]):
            return document
    return {}


def _with_parameter(document: Document, change: dict[str, str]) -> Document:
    source, content = document
    if not any(rule["id"] == change["rule"] for rule in content["rules"]):
        return document
    name = change["field"].removeprefix(PARAMETER)
    parameter = content["parameters"][name]
    # One value from the first date the series ever had, so every day the rules ask about sees it.
    since = min(entry["since"] for entry in parameter["values"])
    single = {**parameter, "values": [{"since": since, "value": change["value"]}]}
    parameters = {**content["parameters"], name: single}
    return source, {**content, "parameters": parameters}


def create_scenario(name: str, raw_changes: list[dict[str, Any]], user: User) -> Scenario:
    if not name.strip():
        raise ScenarioError("请填写情景名称")
    changes = clean_changes(raw_changes)
    return Scenario.objects.create(name=name.strip(), changes=changes, created_by=user)


@dataclass
class RuleComparison:
    rule_id: str
    title: str
    live_count: int
    live_total: Decimal
    scenario_count: int
    scenario_total: Decimal
    gained: list[str]
    lost: list[str]

    @property
    def delta(self) -> Decimal:
        return self.scenario_total - self.live_total


@dataclass
class Comparison:
    live: BenefitRun
    scenario: BenefitRun
    rules: list[RuleComparison]

    @property
    def live_total(self) -> Decimal:
        return sum((rule.live_total for rule in self.rules), Decimal(0))

    @property
    def scenario_total(self) -> Decimal:
        return sum((rule.scenario_total for rule in self.rules), Decimal(0))

    @property
    def delta(self) -> Decimal:
        return self.scenario_total - self.live_total


NAMES_SHOWN = 20


def compare(scenario_run: BenefitRun) -> Comparison:
    """Totals and winners per rule, the scenario run against its baseline run of the live rules."""
    live_run = scenario_run.baseline
    if live_run is None:
        raise ScenarioError("该测算没有对照批次")
    live, scenario = _per_rule(live_run), _per_rule(scenario_run)
    live_winners, scenario_winners = _winners(live_run), _winners(scenario_run)
    rules = []
    for rule_id in sorted(live.keys() | scenario.keys()):
        title = (live.get(rule_id) or scenario[rule_id])["title"]
        before, after = live_winners.get(rule_id, {}), scenario_winners.get(rule_id, {})
        rules.append(
            RuleComparison(
                rule_id,
                title,
                live.get(rule_id, {}).get("count", 0),
                live.get(rule_id, {}).get("total") or Decimal(0),
                scenario.get(rule_id, {}).get("count", 0),
                scenario.get(rule_id, {}).get("total") or Decimal(0),
                sorted(after[pk] for pk in after.keys() - before.keys())[:NAMES_SHOWN],
                sorted(before[pk] for pk in before.keys() - after.keys())[:NAMES_SHOWN],
            )
        )
    return Comparison(live_run, scenario_run, rules)


def _per_rule(run: BenefitRun) -> dict[str, dict[str, Any]]:
    rows = (
        BenefitAward.objects.filter(run=run, excluded_by="")
        .values("rule_id", "title")
        .annotate(count=Count("id"), total=Sum("amount"))
        .order_by()
    )
    return {row["rule_id"]: row for row in rows}


def _winners(run: BenefitRun) -> dict[str, dict[int, str]]:
    winners: dict[str, dict[int, str]] = {}
    rows = BenefitAward.objects.filter(run=run, excluded_by="").values_list(
        "rule_id", "organization_id", "organization__name"
    )
    for rule_id, organization_id, name in rows:
        winners.setdefault(rule_id, {})[organization_id] = name
    return winners

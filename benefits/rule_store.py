"""Staff edits of benefit rules, kept as versions beside the shipped rule files.

The live rulebook of the pages and of city-wide runs is the shipped YAML in benefits/rules/ with each
rule replaced by its newest saved `RuleVersion`. The command line (`kechuang benefits`, contract 3
in docs/interfaces.md) never reads the database and evaluates the shipped files only: those are reviewed in
the
repository, and an edit made on the site reaches them when someone copies it into the YAML file.

An edit is saved only when it passes the rule schema (`RuleSpec`), compiles in the expression
language, and every test case written in the rule still gives its expected amount.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from pydantic import ValidationError

from accounts.models import User
from benefits.calculator import Calculator, Result, Rulebook, RuleError, parse_snapshot
from benefits.calculator.cases import run_case
from benefits.calculator.money import format_yuan
from benefits.calculator.rules import YAML_LOADER, ParameterSpec, RuleSpec, build_rulebook, read_rule_files
from benefits.models import RuleVersion
from benefits.snapshots import snapshot_for
from registry.models import Organization

Document = tuple[str, dict[str, Any]]

PYDANTIC_MESSAGES = {
    "missing": "缺少此项",
    "extra_forbidden": "不认识的字段",
    "literal_error": "取值无效",
    "decimal_parsing": "必须是数字",
    "decimal_type": "必须是数字",
    "string_type": "必须是文本",
    "list_type": "必须是列表",
    "dict_type": "必须是映射",
    "date_from_datetime_parsing": "必须是 YYYY-MM-DD 日期",
    "date_parsing": "必须是 YYYY-MM-DD 日期",
    "too_short": "至少需要一项",
    "int_parsing": "必须是整数",
}


class RuleEditError(ValueError):
    """An edited rule cannot be saved or tried; the message says why, in Chinese."""


@lru_cache(maxsize=1)
def shipped_documents() -> tuple[Document, ...]:
    """The rule files as shipped with the code (the same in every process, so caching them is safe).
    Callers must not mutate them; `with_overrides` copies what it changes."""
    return tuple(read_rule_files())


def shipped_rule(rule_id: str) -> dict[str, Any] | None:
    for _name, document in shipped_documents():
        for rule in document["rules"]:
            if rule["id"] == rule_id:
                return rule
    return None


def latest_versions(as_of: int | None = None) -> dict[str, RuleVersion]:
    """The newest saved version of each edited rule (only versions up to id `as_of` when given)."""
    versions = RuleVersion.objects.order_by("rule_id", "-id")
    if as_of is not None:
        versions = versions.filter(pk__lte=as_of)
    latest: dict[str, RuleVersion] = {}
    for version in versions:
        latest.setdefault(version.rule_id, version)
    return latest


def live_overrides(as_of: int | None = None) -> dict[str, dict[str, Any]]:
    return {rule_id: parse_rule_text(v.spec) for rule_id, v in latest_versions(as_of).items()}


def live_rulebook(as_of: int | None = None) -> Rulebook:
    """Shipped rules overridden by the newest saved versions: what the pages and city-wide runs use."""
    return build_rulebook(with_overrides(live_overrides(as_of)))


def newest_version_id() -> int:
    newest = RuleVersion.objects.order_by("-id").values_list("id", flat=True).first()
    return newest or 0


def with_overrides(overrides: dict[str, dict[str, Any]]) -> list[Document]:
    """The shipped documents with some rules replaced (by id), without touching the cached originals."""
    documents = []
    for name, document in shipped_documents():
        rules, parameters = [], dict(document.get("parameters", {}))
        for rule in document["rules"]:
            override = overrides.get(rule["id"])
            if override is None:
                rules.append(rule)
                continue
            # An edited rule carries the values of the parameters it names (only those: an edit never
            # changes what another rule pays); they are the policy's.
            named = parameter_names(override)
            parameters.update((k, v) for k, v in (override.get("parameters") or {}).items() if k in named)
            rules.append({key: value for key, value in override.items() if key != "parameters"})
        documents.append((name, {**document, "parameters": parameters, "rules": rules}))
    return documents


def editable_rule(rule_id: str) -> dict[str, Any]:
    """The shipped rule with the parameters it names, as one editable document."""
    rule = shipped_rule(rule_id)
    if rule is None:
        raise RuleEditError(f"没有标识为 {rule_id} 的规则")
    parameters = next(d.get("parameters", {}) for _n, d in shipped_documents() if rule in d["rules"])
    named = {name: parameters[name] for name in parameter_names(rule) if name in parameters}
    return {**rule, "parameters": named} if named else dict(rule)


def parameter_names(rule: dict[str, Any]) -> list[str]:
    """The names in a rule's expressions and caps, in order of appearance (parameters among them)."""
    sources = [str(rule.get("amount", "")), *map(str, (rule.get("values") or {}).values())]
    sources += [str(condition.get("test", "")) for condition in rule.get("conditions") or []]
    sources += [str(rule[key]) for key in ("cap", "cap_per_year") if rule.get(key) is not None]
    names: list[str] = []
    for source in sources:
        for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", source):
            if name not in names:
                names.append(name)
    return names


def current_text(rule_id: str) -> str:
    version = RuleVersion.objects.filter(rule_id=rule_id).order_by("-id").first()
    if version is not None:
        return version.spec
    return rule_text(editable_rule(rule_id))


def rule_text(rule: dict[str, Any]) -> str:
    return yaml.safe_dump(rule, allow_unicode=True, sort_keys=False, width=110)


def parse_rule_text(text: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        raise RuleEditError(f"YAML 格式错误{where}:{getattr(exc, 'problem', '') or exc}") from None
    if not isinstance(data, dict):
        raise RuleEditError("规则定义必须是 YAML 映射（字段: 值）")
    return data


def check_rule(rule_id: str, text: str) -> Rulebook:
    """The live rulebook with this edit applied, or RuleEditError; the rule's test cases must pass."""
    if shipped_rule(rule_id) is None:
        raise RuleEditError(f"没有标识为 {rule_id} 的规则")
    data = parse_rule_text(text)
    if data.get("id") != rule_id:
        raise RuleEditError(f"规则标识不能修改，应为 {rule_id}")
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise RuleEditError("规则定义有误：parameters 必须是映射")
    try:
        RuleSpec.model_validate({key: value for key, value in data.items() if key != "parameters"})
        for parameter in parameters.values():
            ParameterSpec.model_validate(parameter)
    except ValidationError as exc:
        raise RuleEditError(spec_errors(exc)) from None
    try:
        rulebook = build_rulebook(with_overrides({**live_overrides(), rule_id: data}))
    except RuleError as exc:
        raise RuleEditError(str(exc)) from None
    failures = failing_cases(rulebook, rule_id)
    if failures:
        raise RuleEditError("测试用例未通过：" + "；".join(failures))
    return rulebook


def failing_cases(rulebook: Rulebook, rule_id: str) -> list[str]:
    calculator = Calculator(rulebook)
    rule = rulebook.by_id[rule_id]
    failures = []
    for case in rule.spec.cases:
        outcome = run_case(calculator, rule, case)
        if not outcome.matches(case):
            expected, actual = format_yuan(case.expect), format_yuan(outcome.amount)
            failures.append(f"「{case.name}」期望 {expected}，实际 {actual}")
    return failures


def save_version(rule_id: str, text: str, author: User, note: str) -> RuleVersion:
    """Validate, then store the edit as the rule's newest version (nothing is stored when it fails)."""
    if not note.strip():
        raise RuleEditError("请填写修改说明")
    check_rule(rule_id, text)
    return RuleVersion.objects.create(
        rule_id=rule_id, spec=text.strip() + "\n", author=author, note=note.strip()
    )


@dataclass
class DryRun:
    snapshot: dict[str, Any]
    result: Result
    items: list[dict[str, Any]]
    nearly: list[dict[str, Any]]


def dry_run(rule_id: str, text: str, organization: Organization, year: int) -> DryRun:
    """Evaluate an organization with the edited rule, explained, without saving anything."""
    rulebook = check_rule(rule_id, text)
    snapshot = snapshot_for(organization, year, rulebook)
    result = Calculator(rulebook).evaluate(parse_snapshot(snapshot), year, nearly=True)
    items = [item.as_dict() for item in result.items if item.rule.id == rule_id]
    nearly = [near for near in result.nearly or [] if near["rule"] == rule_id]
    return DryRun(snapshot, result, items, nearly)


@dataclass
class HistoryEntry:
    version: RuleVersion
    diff: list[str]


def history(rule_id: str) -> list[HistoryEntry]:
    """Saved versions, newest first, each with its diff against the one before (or the shipped rule)."""
    previous = rule_text(editable_rule(rule_id)) if shipped_rule(rule_id) is not None else ""
    entries = []
    for version in RuleVersion.objects.filter(rule_id=rule_id).select_related("author").order_by("id"):
        diff = difflib.unified_diff(previous.splitlines(), version.spec.splitlines(), lineterm="", n=1)
        entries.append(HistoryEntry(version, list(diff)[2:]))
        previous = version.spec
    return entries[::-1]


def spec_errors(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "规则"
        message = PYDANTIC_MESSAGES.get(error["type"]) or str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}：{message}")
    return "规则定义有误：" + "；".join(parts)

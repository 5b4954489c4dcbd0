"""Benefit rules as data: the YAML schema, loading with validation, and compilation into closures.

One YAML file per policy in `benefits/rules/`: the policy's code, region and validity window, dated
parameters, and its rules, each tied to a clause path with the clause quoted, its conditions and
amount written in the expression language of `expressions.py`, caps, co-funding, stacking group,
budget line, responsible department, interpretation note and readable test cases.
"""

from __future__ import annotations

import datetime as dt
import io
import tokenize
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from registry.adcodes import region_contains

from .events import EVENTS
from .expressions import Comparison, Expression, ExpressionError, compile_expression, split_comparison
from .money import json_number
from .snapshot import ANNUAL_KEYS, ENTITY_NAMES

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
POLICY_FILES = ("policy.yaml", "parameters.yaml", "rules.yaml", "cases.yaml")
PARAMETER_UNITS = ("元", "比例", "元/平方米", "年利率")
ANNUAL = "annual"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it


class RuleError(ValueError):
    """A rule file cannot be loaded; the message names the file and rule."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConditionSpec(_Model):
    label: str
    test: str
    format: Literal["yuan", "percent", "number", "text"] = "number"


class CoFunding(_Model):
    payer: str
    share: Decimal | None = None
    note: str = ""


class RuleCase(_Model):
    name: str
    year: int
    entity: dict[str, Any]
    expect: Decimal = Field(description="this rule's amount for the year; 0 when it gives nothing")
    excluded_by: str | None = None


class RuleSpec(_Model):
    id: str
    section: str = ""  # the heading of the policy the clause sits under, for tables and the editor
    clause: str
    text: str
    title: str
    beneficiary: str
    trigger: str
    match: dict[str, str | bool | list[str]] = {}
    values: dict[str, str] = {}
    conditions: list[ConditionSpec] = []
    kind: Literal["fixed", "cap", "formula"]
    amount: str
    # A number or the name of one of the policy's parameters.
    cap: Decimal | str | None = None
    cap_per_year: Decimal | str | None = None
    regions: list[str] = []
    except_regions: list[str] = []
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    co_funding: list[CoFunding] = []
    stacking_group: str | None = None
    budget_line: str
    department: str
    interpretation: str = ""
    cases: list[RuleCase] = Field(min_length=1)

    @field_validator("amount", mode="before")
    @classmethod
    def _amount_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float, Decimal)) else value

    @field_validator("trigger")
    @classmethod
    def _known_trigger(cls, value: str) -> str:
        if value != ANNUAL and value not in EVENTS:
            raise ValueError(f"未知的触发条件 {value!r};可用:annual、{'、'.join(EVENTS)}")
        return value

    @model_validator(mode="after")
    def _match_fields_exist(self) -> RuleSpec:
        if self.match and self.trigger == ANNUAL:
            raise ValueError("年度规则没有事件字段可匹配(match)")
        unknown = set(self.match) - set(EVENTS[self.trigger].fields if self.trigger in EVENTS else ())
        if unknown:
            raise ValueError(f"match 中的字段 {'、'.join(sorted(unknown))} 不属于事件 {self.trigger}")
        return self


class ParameterValue(_Model):
    since: dt.date
    value: Decimal


class ParameterSpec(_Model):
    """A number the policy states (an amount, a cap, a rate): what it is, in which unit, where the policy
    says it, and its values, each in force from its `since` date until the next one."""

    label: str
    unit: Literal[tuple(PARAMETER_UNITS)]
    clause: str
    reference: str = ""
    values: list[ParameterValue] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_ascend(self) -> ParameterSpec:
        days = [entry.since for entry in self.values]
        if days != sorted(set(days)):
            raise ValueError("参数取值的起始日期必须按先后排列且不重复")
        return self


class NotEncoded(_Model):
    """A clause that names an amount but is deliberately not a rule, and why (listed in the clause table)."""

    clause: str
    text: str
    reason: str


class PolicySpec(_Model):
    policy: str
    title: str
    doc_number: str = ""
    region: str
    issued: dt.date
    effective_from: dt.date
    effective_until: dt.date | None = None
    window_note: str = ""
    version: int = 1
    short_name: str = ""  # how tables name the policy (威海2023)
    parameters: dict[str, ParameterSpec] = {}
    case_defaults: dict[str, Any] = {}
    rules: list[RuleSpec]
    not_encoded: list[NotEncoded] = []

    @field_validator("parameters")
    @classmethod
    def _parameter_names(cls, value: dict[str, ParameterSpec]) -> dict[str, ParameterSpec]:
        taken = set(ENTITY_NAMES) | set(ANNUAL_KEYS) | {f"prev_{key}" for key in ANNUAL_KEYS}
        taken |= {name for event in EVENTS.values() for name in event.fields}
        for name in value:
            if not name.isidentifier() or name.startswith("_") or name in taken:
                raise ValueError(f"参数名称 {name} 无效(须是英文标识符,且不与快照字段重名)")
        return value


@dataclass(frozen=True)
class Condition:
    label: str
    expression: Expression
    comparison: Comparison | None
    format: str


@dataclass(frozen=True)
class Policy:
    code: str
    title: str
    doc_number: str
    region: str
    effective_from: dt.date
    effective_until: dt.date | None
    window_note: str
    parameters: dict[str, ParameterSpec]
    case_defaults: dict[str, Any]

    def parameter(self, name: str, on: dt.date) -> Decimal | None:
        """The value of a dated parameter in force on a day (OpenFisca style: each value has a start)."""
        current = None
        parameter = self.parameters.get(name)
        for entry in parameter.values if parameter else ():
            if entry.since <= on:
                current = entry.value
        return current


ValueCalls = tuple[tuple[str, Any], ...]  # (name, closure) of a rule's intermediate values, in order


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    policy: Policy
    match: dict[str, frozenset]
    values: tuple[tuple[str, Expression], ...]
    conditions: tuple[Condition, ...]
    amount: Expression
    effective_from: dt.date
    effective_until: dt.date | None
    order: int

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def trigger(self) -> str:
        return self.spec.trigger

    def in_force(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_until is None or day <= self.effective_until)

    def applies_in(self, region: str) -> bool:
        regions = self.spec.regions or [self.policy.region]
        if not any(region_contains(outer, region) for outer in regions):
            return False
        return not any(region_contains(excluded, region) for excluded in self.spec.except_regions)

    def matches(self, fields: dict[str, Any]) -> bool:
        for name, allowed in self.match.items():
            if fields.get(name) not in allowed:
                return False
        return True

    @cached_property
    def explanation_text(self) -> dict[str, Any]:
        """The parts of every explanation of this rule that come from its text, not from the entity."""
        spec = self.spec
        text: dict[str, Any] = {
            "clause_text": spec.text,
            "beneficiary": spec.beneficiary,
            "budget_line": spec.budget_line,
            "department": spec.department,
        }
        if spec.interpretation:
            text["interpretation"] = spec.interpretation
        if spec.co_funding:
            text["co_funding"] = [
                {"payer": c.payer, "share": json_number(c.share), "note": c.note} for c in spec.co_funding
            ]
        return text

    @cached_property
    def heading(self) -> tuple[str, str, str, str, str]:
        """Rule id, policy code, clause, title and kind, as every result item names them."""
        spec = self.spec
        return spec.id, self.policy.code, spec.clause, spec.title, spec.kind

    @cached_property
    def calls(self) -> tuple[tuple[tuple[str, Any], ...], tuple[Any, ...], Any]:
        """The closures the engine calls per entity (values, condition tests, amount), unpacked once."""
        values = tuple((name, expression.call) for name, expression in self.values)
        return values, tuple(c.expression.call for c in self.conditions), self.amount.call

    @cached_property
    def lazy_calls(self) -> tuple[tuple[tuple[ValueCalls, Any], ...], ValueCalls, Any]:
        """The batch path's order of work: ((values, test) per condition, values left over, amount). Each test
        comes after the values it reads, directly or through other values, that are not computed yet;
        the rest follow the last test. A rule that fails a condition computes only what deciding it
        needed (no division of a missing figure for an entity the first condition already excludes);
        one that passes has every value, as its explanation shows them. The explained path for one
        entity (`calls`) computes every value first, as a near miss shows them all."""
        pending = list(self.values)
        groups = []
        for condition in self.conditions:
            needed = set(condition.expression.names)
            for name, expression in reversed(pending):
                if name in needed:
                    needed |= expression.names
            groups.append(
                (tuple((name, e.call) for name, e in pending if name in needed), condition.expression.call)
            )
            pending = [(name, e) for name, e in pending if name not in needed]
        return tuple(groups), tuple((name, e.call) for name, e in pending), self.amount.call

    @cached_property
    def phrase_cache(self) -> dict[str | None, Any]:
        """Per language: the fixed wording of this rule's explanations (explain.RuleWords)."""
        return {}

    @cached_property
    def year_offsets(self) -> frozenset[int]:
        """The years this rule reads yearly data of, relative to the year evaluated (0, -1 for the
        prev_ names, and each annual(key, offset))."""
        expressions = [expression for _name, expression in self.values]
        expressions += [condition.expression for condition in self.conditions]
        expressions.append(self.amount)
        offsets = {0}
        for expression in expressions:
            offsets |= expression.annual_offsets
            if any(name.startswith("prev_") for name in expression.names):
                offsets.add(-1)
        return frozenset(offsets)

    @cached_property
    def match_lists(self) -> dict[str, list[str]]:
        return {name: sorted(map(str, allowed)) for name, allowed in self.match.items()}


@dataclass(frozen=True)
class Rulebook:
    policies: tuple[Policy, ...]
    rules: tuple[Rule, ...]

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}

    def years_read(self, year: int) -> range:
        """Every year of yearly data some rule reads when evaluating `year`, oldest first."""
        offsets = {offset for rule in self.rules for offset in rule.year_offsets} or {0}
        return range(year + min(offsets), year + max(offsets) + 1)


def read_rule_files(directory: Path | None = None) -> list[tuple[str, Any]]:
    """(folder name, decoded policy) of every policy folder in `directory` (benefits/rules by default).

    A policy folder holds `policy.yaml` (metadata), `parameters.yaml` (dated parameters), `rules.yaml`
    and `cases.yaml` (each rule's test cases, by rule id); they are joined into one document, the shape
    the rule schema, the editor and scenarios read."""
    return [
        (folder.name, read_policy_folder(folder))
        for folder in sorted((directory or RULES_DIR).iterdir())
        if (folder / "policy.yaml").is_file()
    ]


def read_policy_folder(folder: Path) -> dict[str, Any]:
    policy, parameters, rules, cases = (_yaml(folder / name) or {} for name in POLICY_FILES)
    by_rule = cases.get("cases", {})
    unknown = sorted(set(by_rule) - {rule.get("id") for rule in rules.get("rules", [])})
    if unknown:
        raise RuleError(f"{folder.name}/cases.yaml:没有这些规则:{'、'.join(unknown)}")
    return {
        **policy,
        "parameters": parameters,
        "case_defaults": cases.get("defaults", {}),
        "rules": [{**rule, "cases": by_rule.get(rule.get("id"), [])} for rule in rules.get("rules", [])],
    }


def _yaml(path: Path) -> Any:
    if not path.is_file():
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)  # noqa: S506 - safe loader
    except yaml.YAMLError as exc:
        raise RuleError(f"{path.parent.name}/{path.name}:YAML 格式错误({exc})") from None


def load_rulebook(directory: Path | None = None) -> Rulebook:
    """Load and compile every policy folder in `directory` (benefits/rules by default)."""
    return build_rulebook(read_rule_files(directory))


def build_rulebook(documents: list[tuple[str, Any]]) -> Rulebook:
    """Compile already-decoded rule documents (e.g. from a rule editor) into a rulebook."""
    policies: list[Policy] = []
    rules: list[Rule] = []
    seen: set[str] = set()
    for source, document in documents:
        try:
            spec = PolicySpec.model_validate(document)
        except ValidationError as exc:
            raise RuleError(f"{source}:{_pydantic_message(exc)}") from None
        policy = Policy(
            spec.policy,
            spec.title,
            spec.doc_number,
            spec.region,
            spec.effective_from,
            spec.effective_until,
            spec.window_note,
            spec.parameters,
            spec.case_defaults,
        )
        policies.append(policy)
        for rule_spec in spec.rules:
            if rule_spec.id in seen:
                raise RuleError(f"{source}:规则标识 {rule_spec.id} 重复")
            seen.add(rule_spec.id)
            try:
                rules.append(compile_rule(rule_spec, policy, len(rules)))
            except ExpressionError as exc:
                raise RuleError(f"{source} 规则 {rule_spec.id}:{exc}") from None
    return Rulebook(tuple(policies), tuple(rules))


def with_parameters(source: str, policy: Policy) -> str:
    """The expression with each parameter it names written out: a parameter with one value becomes that
    number, a dated one the look-up of the value in force on the event's day. Explanations then show the
    numbers, and the engine evaluates nothing more than before."""
    if not any(name in source for name in policy.parameters):
        return source
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    pieces, position = [], 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NAME and token.string in policy.parameters:
                start = starts[token.start[0] - 1] + token.start[1]
                pieces += [source[position:start], _parameter_text(token.string, policy)]
                position = starts[token.end[0] - 1] + token.end[1]
    except (tokenize.TokenError, SyntaxError):
        return source  # the expression compiler reports the syntax error in the rule's own words
    return "".join(pieces) + source[position:]


def _parameter_text(name: str, policy: Policy) -> str:
    values = policy.parameters[name].values
    return str(values[0].value) if len(values) == 1 else f"parameter('{name}', date)"


def _cap(value: Decimal | str | None, policy: Policy) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    try:
        number = Decimal(value)  # a number written as text, as a what-if form sends it
    except InvalidOperation:
        pass
    else:
        if not number.is_finite():
            raise ExpressionError(f"上限 {value} 不是有限的数字")
        return number
    parameter = policy.parameters.get(value)
    if parameter is None:
        raise ExpressionError(f"上限 {value} 不是数字,也不是本政策的参数")
    if len(parameter.values) > 1:
        raise ExpressionError(f"上限参数 {value} 有多个起始日期的取值;上限只能取一个值")
    return parameter.values[0].value


def compile_rule(spec: RuleSpec, policy: Policy, order: int) -> Rule:
    spec = spec.model_copy(
        update={
            "amount": with_parameters(spec.amount, policy),
            "values": {name: with_parameters(source, policy) for name, source in spec.values.items()},
            "conditions": [
                condition.model_copy(update={"test": with_parameters(condition.test, policy)})
                for condition in spec.conditions
            ],
            "cap": _cap(spec.cap, policy),
            "cap_per_year": _cap(spec.cap_per_year, policy),
        }
    )
    allowed = set(ENTITY_NAMES) | set(ANNUAL_KEYS) | {f"prev_{key}" for key in ANNUAL_KEYS}
    if spec.trigger != ANNUAL:
        allowed |= set(EVENTS[spec.trigger].fields)
    values = []
    for name, source in spec.values.items():
        if name in allowed:
            raise ExpressionError(f"中间值名称 {name} 与已有名称重复")
        values.append((name, compile_expression(source, allowed)))
        allowed.add(name)
    conditions = tuple(
        Condition(c.label, compile_expression(c.test, allowed), split_comparison(c.test, allowed), c.format)
        for c in spec.conditions
    )
    for region in [*spec.regions, *spec.except_regions]:
        if not region_contains(policy.region, region):
            raise ExpressionError(f"地区 {region} 不在政策适用地区 {policy.region} 之内")
    match = {
        name: frozenset(value if isinstance(value, list) else [value]) for name, value in spec.match.items()
    }
    return Rule(
        spec=spec,
        policy=policy,
        match=match,
        values=tuple(values),
        conditions=conditions,
        amount=compile_expression(spec.amount, allowed),
        effective_from=spec.effective_from or policy.effective_from,
        effective_until=spec.effective_until or policy.effective_until,
        order=order,
    )


def _pydantic_message(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}:{error['msg']}")
    return ";".join(parts)

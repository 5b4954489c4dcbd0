"""Kechuang's calculator restricted to the five rules, as the reference each comparator must meet, and
the comparison of a comparator's lines with it (to the fen, and exact as written)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from bench.comparators import FIVE_RULES, POLICY
from benefits.calculator import Calculator, parse_snapshot
from benefits.calculator.money import FEN
from benefits.calculator.rules import RULES_DIR, Rulebook, build_rulebook, read_policy_folder


def five_rule_document() -> dict[str, Any]:
    """The Weihai policy as its folder reads, with only the five rules (and their cases)."""
    document = read_policy_folder(RULES_DIR / POLICY)
    rules = {rule["id"]: rule for rule in document["rules"]}
    return {**document, "rules": [rules[rule_id] for rule_id in FIVE_RULES]}


def five_rule_rulebook() -> Rulebook:
    return build_rulebook([(POLICY, five_rule_document())])


def write_five_rule_folder(directory: Path) -> Path:
    """A rules directory (`kechuang benefits --rules DIR`) holding the Weihai policy with the five rules
    only: its policy and parameters files as they are, its rules and cases filtered."""
    source, target = RULES_DIR / POLICY, directory / POLICY
    target.mkdir(parents=True, exist_ok=True)
    for name in ("policy.yaml", "parameters.yaml"):
        shutil.copyfile(source / name, target / name)
    rules = yaml.safe_load((source / "rules.yaml").read_text(encoding="utf-8"))
    cases = yaml.safe_load((source / "cases.yaml").read_text(encoding="utf-8"))
    by_id = {rule["id"]: rule for rule in rules["rules"]}
    kept_rules = {"rules": [by_id[rule_id] for rule_id in FIVE_RULES]}
    kept_cases = {**cases, "cases": {key: cases["cases"][key] for key in FIVE_RULES if key in cases["cases"]}}
    for name, content in (("rules.yaml", kept_rules), ("cases.yaml", kept_cases)):
        (target / name).write_text(
            yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return directory


@dataclass
class Amounts:
    """What one entity receives under some rules: yuan per rule (items summed) and the total."""

    by_rule: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = Decimal(0)


def kechuang_amounts(snapshots: Iterable[dict], year: int, rulebook: Rulebook) -> list[Amounts]:
    """The reference: Kechuang's calculator, in process, one Amounts per snapshot."""
    calculator = Calculator(rulebook)
    answers = []
    for data in snapshots:
        result = calculator.evaluate(parse_snapshot(data), year, explain=False)
        answers.append(
            amounts_of_items((item.rule.id, item.amount, item.excluded_by) for item in result.items)
        )
        answers[-1].total = result.total
    return answers


def amounts_of_items(items: Iterable[tuple[str, Any, str | None]]) -> Amounts:
    """Amounts from (rule, yuan, excluded_by) items, as contract 3 lists them; a rule paying 0 in all
    its items is left out, as the comparators leave it out."""
    amounts = Amounts()
    for rule, amount, excluded_by in items:
        if excluded_by is None:
            amounts.by_rule[rule] = amounts.by_rule.get(rule, Decimal(0)) + Decimal(str(amount))
    amounts.by_rule = {rule: value for rule, value in amounts.by_rule.items() if value}
    amounts.total = sum(amounts.by_rule.values(), Decimal(0))
    return amounts


@dataclass
class Agreement:
    """How one engine's lines compare with Kechuang's: entities agreeing to the fen once rounded to it,
    entities whose amounts are exactly Kechuang's as written (no rounding needed), first difference."""

    entities: int
    agree_to_fen: int
    exact: int
    first_difference: str | None = None

    @property
    def agrees(self) -> bool:
        return self.entities > 0 and self.agree_to_fen == self.entities

    def as_dict(self) -> dict[str, Any]:
        return {
            "entities": self.entities,
            "agree_to_the_fen": self.agree_to_fen,
            "exact_as_written": self.exact,
            "first_difference": self.first_difference,
        }


def compare(expected: list[Amounts], lines: Iterable[str]) -> Agreement:
    """Compare comparator output lines (or Kechuang's own contract 3 lines) with the reference."""
    agreement = Agreement(0, 0, 0)
    for number, line in enumerate(lines, 1):
        data = json.loads(line, parse_float=Decimal)
        if "amounts" in data:
            got = Amounts({rule: Decimal(str(value)) for rule, value in data["amounts"].items()})
            got.by_rule = {rule: value for rule, value in got.by_rule.items() if value}
            got.total = Decimal(str(data["total_yuan"]))
        else:
            got = amounts_of_items((i["rule"], i["amount_yuan"], i["excluded_by"]) for i in data["items"])
            got.total = Decimal(str(data["total_yuan"]))
        agreement.entities += 1
        wanted = expected[number - 1] if number <= len(expected) else None
        if wanted is None:
            agreement.first_difference = agreement.first_difference or f"第 {number} 行多余"
            continue
        rounded = Amounts(
            {rule: value.quantize(FEN) for rule, value in got.by_rule.items()}, got.total.quantize(FEN)
        )
        if rounded == wanted:
            agreement.agree_to_fen += 1
            agreement.exact += got == wanted
        elif agreement.first_difference is None:
            agreement.first_difference = (
                f"第 {number} 行:{dict(rounded.by_rule)} 合计 {rounded.total},"
                f"科创为 {dict(wanted.by_rule)} 合计 {wanted.total}"
            )
    if agreement.entities != len(expected) and agreement.first_difference is None:
        agreement.first_difference = f"行数 {agreement.entities} 与实体数 {len(expected)} 不符"
        agreement.agree_to_fen = min(agreement.agree_to_fen, agreement.entities - 1)
    return agreement

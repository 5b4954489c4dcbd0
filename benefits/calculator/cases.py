"""The readable test cases that travel with each rule: build the snapshot, evaluate, compare."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .engine import Calculator, Result
from .rules import Rule, Rulebook, RuleCase
from .snapshot import parse_snapshot


@dataclass(frozen=True)
class CaseOutcome:
    amount: Decimal
    excluded_by: str | None
    result: Result

    def matches(self, case: RuleCase) -> bool:
        return self.amount == case.expect and self.excluded_by == case.excluded_by


def iter_cases(rulebook: Rulebook) -> Iterator[tuple[Rule, RuleCase]]:
    for rule in rulebook.rules:
        for case in rule.spec.cases:
            yield rule, case


def run_case(calculator: Calculator, rule: Rule, case: RuleCase) -> CaseOutcome:
    """This rule's amount for the case's entity and year (its own items, excluded or not)."""
    entity = {**rule.policy.case_defaults.get("entity", {}), **case.entity}
    result = calculator.evaluate(parse_snapshot(entity), case.year)
    own = [item for item in result.items if item.rule is rule]
    excluded = next((item.excluded_by for item in own if item.excluded_by), None)
    return CaseOutcome(sum((item.amount for item in own), Decimal(0)), excluded, result)

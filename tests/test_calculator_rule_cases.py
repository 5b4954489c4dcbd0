"""Every test case written beside a rule in benefits/rules/*.yaml, one test id per case."""

import pytest

from benefits.calculator import Calculator, load_rulebook
from benefits.calculator.cases import iter_cases, run_case

RULEBOOK = load_rulebook()
CALCULATOR = Calculator(RULEBOOK)
CASES = list(iter_cases(RULEBOOK))


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{rule.id}: {case.name}" for rule, case in CASES])
def test_rule_case_gives_expected_amount(rule, case):
    outcome = run_case(CALCULATOR, rule, case)
    assert (outcome.amount, outcome.excluded_by) == (case.expect, case.excluded_by), [
        item.explanation for item in outcome.result.items
    ]

"""The batch path's shortcuts (rules indexed by region, event type and key field; yearly rules in force
cached per region and year; a rule's values computed only when a condition reads them; the yearly data
built only when a rule is tried) never change what an entity receives: the same items and totals as the
explained path, which examines every rule and computes every value first, for entities with missing
figures, qualifications, events of every type, in every region a rule names and outside them."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.calculator import ELSEWHERE, WEIHAI, ZIBO, synthetic_enterprise
from benefits.calculator import Calculator, load_rulebook, parse_snapshot

CALCULATOR = Calculator(load_rulebook())
REGIONS = [*WEIHAI, *ZIBO, *ELSEWHERE, "371000", "370300", "370000"]


@st.composite
def entities(draw: st.DrawFn) -> tuple[dict, int]:
    year = draw(st.sampled_from([2022, 2023, 2024, 2025]))
    data = synthetic_enterprise(random.Random(draw(st.integers(0, 10**6))), 1, year)
    data["region"] = draw(st.sampled_from(REGIONS))
    data["above_designated_size"] = draw(st.booleans())
    for figures in data["annual"].values():
        for key in list(figures):
            choice = draw(st.integers(0, 5))
            if choice == 0:
                del figures[key]  # a figure the entity did not report
            elif choice == 1:
                figures[key] = 0
    evaluated = draw(st.sampled_from([year, year - 1]))
    return data, evaluated


def summary(result):
    return [(item.rule.id, item.amount, item.excluded_by) for item in result.items], result.total


@settings(max_examples=400, deadline=None)
@given(entities())
def test_the_indexed_batch_path_gives_what_examining_every_rule_gives(entity):
    data, year = entity
    snapshot = parse_snapshot(data)
    batch = CALCULATOR.evaluate(snapshot, year, explain=False)
    every_rule = CALCULATOR.evaluate(snapshot, year, nearly=True)
    assert summary(batch) == summary(every_rule)


def test_a_failed_condition_leaves_the_values_it_did_not_read_uncomputed():
    rule = CALCULATOR.rulebook.by_id["weihai-2023.rd-increment"]
    groups, rest, _amount = rule.lazy_calls
    assert [[name for name, _call in values] for values, _test in groups] == [
        [],
        [],
        [],
        ["rd_increment", "rd_growth"],
        [],
    ]
    assert rest == ()
    # Every value, in the order written, before the amount of a rule that passes.
    assert [name for values, _test in groups for name, _call in values] == [name for name, _ in rule.values]

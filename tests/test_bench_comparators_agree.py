"""OpenFisca and zen-engine, on the five Weihai rules of bench.calculator, pay every synthetic entity what
Kechuang's calculator restricted to those rules pays, to the fen; OpenFisca's default float32 does not."""

import copy
import json

import numpy
import pytest

from bench.calculator import population
from bench.comparators import FIVE_RULES
from bench.comparators.agreement import compare, five_rule_rulebook, kechuang_amounts, write_five_rule_folder
from benefits.calculator import load_rulebook
from benefits.calculator.batch import dumps

YEAR = 2024


@pytest.fixture(scope="module")
def snapshots():
    """A few hundred of the bench's enterprises, and variants of some that reach what the bench's
    population never does: three years of revenue growth with a high-tech grant (as an event, and as a
    qualification granted in the year), contracts past the yearly cap, a voucher without the provincial
    subsidy, the same facts outside Weihai."""
    entities = population(400, YEAR)
    variants = []
    for number, original in enumerate(entities[:60]):
        entity = copy.deepcopy(original)
        entity["uscc"] = None
        entity["name"] = f"变体{number:03d}"
        entity["annual"][str(YEAR - 3)]["revenue"] = entity["annual"][str(YEAR)]["revenue"] // 2
        if number % 3 == 0:
            entity["events"].append(
                {
                    "type": "qualification_granted",
                    "date": f"{YEAR}-06-01",
                    "qualification": "high_tech_enterprise",
                }
            )
        elif number % 3 == 1:
            entity["qualifications"].append(
                {"type": "high_tech_enterprise", "granted": f"{YEAR}-03-15", "expires": None}
            )
            entity["qualifications"] = list({q["type"]: q for q in entity["qualifications"]}.values())
        entity["qualifications"] = [q for q in entity["qualifications"] if q["type"] != "tech_sme"]
        entity["qualifications"].append({"type": "tech_sme", "granted": f"{YEAR - 1}-01-01", "expires": None})
        for month in (2, 5, 9):
            entity["events"].append(
                {
                    "type": "contract_registered",
                    "date": f"{YEAR}-{month:02d}-10",
                    "contract_type": "transfer",
                    "amount_yuan": 2_500_000,
                    "counterparty_kind": "research_institute",
                    "counterparty_region": "371002",
                }
            )
        entity["events"].append({"type": "voucher_used", "date": f"{YEAR}-04-01", "cost_yuan": 90_000})
        if number % 5 == 0:
            entity["region"] = "370302"  # Zibo: none of the five rules applies
        variants.append(entity)
    return entities + variants


@pytest.fixture(scope="module")
def expected(snapshots):
    return kechuang_amounts(snapshots, YEAR, five_rule_rulebook())


def lines_of(snapshots):
    return [dumps(snapshot) for snapshot in snapshots]


def test_the_synthetic_entities_reach_every_one_of_the_five_rules(expected):
    paid = {rule for amounts in expected for rule in amounts.by_rule}
    assert paid == set(FIVE_RULES)
    capped = [a for a in expected if a.by_rule.get("weihai-2023.tech-contract-buyer") == 300_000]
    assert len(capped) > 10


def test_openfisca_pays_every_entity_what_kechuang_pays_to_the_fen(snapshots, expected):
    pytest.importorskip("openfisca_core", reason="openfisca-core is in the optional `bench` dependencies")
    from bench.comparators import openfisca_weihai

    lines = [json.dumps(line) for line in openfisca_weihai.evaluate_lines(lines_of(snapshots), YEAR)]
    agreement = compare(expected, lines)
    assert agreement.first_difference is None
    assert agreement.agree_to_fen == agreement.exact == len(snapshots)


def test_openfisca_default_float32_money_misses_the_fen_for_some_entities(snapshots, expected):
    pytest.importorskip("openfisca_core", reason="openfisca-core is in the optional `bench` dependencies")
    from bench.comparators import openfisca_weihai

    lines = [
        json.dumps(line) for line in openfisca_weihai.evaluate_lines(lines_of(snapshots), YEAR, numpy.float32)
    ]
    agreement = compare(expected, lines)
    assert 0 < agreement.agree_to_fen < len(snapshots)


def test_zen_engine_pays_every_entity_what_kechuang_pays_exactly(snapshots, expected):
    pytest.importorskip("zen", reason="zen-engine is in the optional `bench` dependencies")
    from bench.comparators import zen_weihai

    lines = [line.decode() for line in zen_weihai.evaluate_lines(lines_of(snapshots), YEAR)]
    agreement = compare(expected, lines)
    assert agreement.first_difference is None
    assert agreement.agree_to_fen == agreement.exact == len(snapshots)


def test_the_five_rule_folder_loads_as_exactly_the_five_rules(tmp_path):
    rulebook = load_rulebook(write_five_rule_folder(tmp_path))
    assert [rule.id for rule in rulebook.rules] == list(FIVE_RULES)

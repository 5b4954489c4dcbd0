"""The pipeline agrees with the hand-made gold annotations of the seeds (F1 ≥ 0.95 on every field), and the
scoring itself counts what it should."""

import pytest

from bench.ingest import FIELDS, compare, run, scores


def test_every_field_reaches_f1_095_on_the_seeds():
    result = run()["seeds"]
    assert set(result["fields"]) == set(FIELDS)
    low = {field: s["f1"] for field, s in result["fields"].items() if s["f1"] < 0.95}
    assert low == {}


def test_scoring_counts_repeated_items_and_wrong_kinds():
    gold = {
        "title": "关于X的意见",
        "doc_number": "",
        "issuer": "",
        "issued_date": "2020-01-01",
        "effective_from": None,
        "effective_until": None,
        "clauses": [{"path": "一", "lead_units": ["市科学技术局"], "cooperating_units": []}],
        "money": [{"clause_path": "一", "kind": "fixed", "amount_yuan": 500000, "ratio": None}] * 2,
        "targets": [],
        "dates": [],
    }
    predicted = {
        **gold,
        "title": "关于Ｘ的意见",
        "issued_date": "2020-01-02",
        "money": [
            {"clause_path": "一", "kind": "fixed", "amount_yuan": 500000.0, "ratio": None},
            {"clause_path": "一", "kind": "cap", "amount_yuan": 500000, "ratio": None},
        ],
    }
    counts = compare(gold, predicted)
    assert counts["money"] == {"tp": 1, "fp": 1, "fn": 1}
    # the full-width Ｘ folds to X; the wrong date is both a false positive and a miss
    assert counts["metadata"] == {"tp": 1, "fp": 1, "fn": 1}
    assert scores(counts["money"])["f1"] == pytest.approx(0.5)

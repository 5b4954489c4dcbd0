"""Explanations come out in the active language: English under translation.override("en"), Chinese
otherwise (the CLI and the batch output), with the rule's own text (titles, clauses) as written."""

import pytest
from django.utils import translation

from benefits.calculator import Calculator, load_rulebook, parse_snapshot


@pytest.fixture(scope="module")
def calculator() -> Calculator:
    return Calculator(load_rulebook())


def rd_growth(rd_2023: int, rd_2024: int):
    return parse_snapshot(
        {
            "name": "威海企业",
            "region": "371002",
            "above_designated_size": True,
            "qualifications": [{"type": "tech_sme", "granted": "2024-01-01", "expires": "2024-12-31"}],
            "annual": {"2023": {"rd_expense": rd_2023}, "2024": {"rd_expense": rd_2024}},
        }
    )


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text)


def test_an_explanation_rendered_in_english_is_english(calculator):
    with translation.override("en"):
        (item,) = calculator.evaluate(rd_growth(15000000, 16500000), 2024).items
    explanation = item.explanation
    assert explanation["summary"].endswith(": 75,000 yuan (capped, at most)")
    assert explanation["trigger"]["label"] == "Yearly data"
    region, window, *conditions = explanation["conditions"]
    assert (region["label"], region["text"]) == (
        "Region",
        "located in 威海市环翠区; the rule applies in 威海市",
    )
    assert window["label"] == "Policy in force"
    assert window["text"].startswith("computed with the rules in force on 2024-12-31 (in force 2023-")
    assert not has_chinese(
        window["text"]
    )  # place names are proper nouns, written as the division table has them
    growth = next(c for c in conditions if c["label"] == "研发投入较上年度增长率")
    assert growth["text"] == "研发投入较上年度增长率: 10.00% (needs ≥ 10.00%)"
    assert explanation["calculation"][0] == "研发投入增量 × 5% = 75,000 yuan"


def test_without_an_active_translation_the_explanation_stays_chinese(calculator):
    with translation.override("en"):
        calculator.evaluate(rd_growth(15000000, 16500000), 2024)
    (item,) = calculator.evaluate(rd_growth(15000000, 16500000), 2024).items
    explanation = item.explanation
    assert explanation["summary"].endswith("：75,000 元（上限，最高可得）")
    assert explanation["trigger"]["label"] == "年度数据"
    assert explanation["conditions"][0]["text"] == "所在地区 威海市环翠区，适用于 威海市"
    assert explanation["calculation"][0] == "研发投入增量 × 5% = 75,000 元"


def test_a_near_miss_is_explained_in_english(calculator):
    with translation.override("en"):
        result = calculator.evaluate(rd_growth(20000000, 21600000), 2024, nearly=True)
    (near,) = [n for n in result.nearly if n["rule"] == "weihai-2023.rd-increment"]
    assert near["trigger"]["label"] == "Yearly data"
    gap = next(g for g in near["missing"] if g["label"] == "研发投入较上年度增长率")
    assert gap["text"] == "研发投入较上年度增长率: 8.00% (needs ≥ 10.00%)"

"""Explanations: each condition with its value, the clause quoted, near misses, stacking and dates."""

from decimal import Decimal

import pytest

from benefits.calculator import Calculator, SnapshotError, load_rulebook, parse_snapshot


@pytest.fixture(scope="module")
def calculator() -> Calculator:
    return Calculator(load_rulebook())


def weihai(**extra: object) -> dict:
    return {
        "name": "威海企业",
        "kind": "enterprise",
        "region": "371002",
        "above_designated_size": True,
        "qualifications": [{"type": "tech_sme", "granted": "2024-01-01", "expires": "2024-12-31"}],
        **extra,
    }


def test_item_explains_each_condition_with_its_value_and_quotes_the_clause(calculator):
    snapshot = parse_snapshot(
        weihai(annual={"2023": {"rd_expense": 15000000}, "2024": {"rd_expense": 16500000}})
    )
    (item,) = calculator.evaluate(snapshot, 2024).items
    explanation = item.explanation
    assert "增长10%(含)以上且增量超过100万元" in explanation["clause_text"]
    growth = next(c for c in explanation["conditions"] if c["label"] == "研发投入较上年度增长率")
    assert (growth["met"], growth["value"], growth["needed"]) == (True, 0.1, 0.1)
    assert growth["text"] == "研发投入较上年度增长率：10.00%（需 ≥ 10.00%）"
    assert explanation["calculation"][0] == "研发投入增量 × 5% = 75,000 元"
    assert "不予计算" in explanation["interpretation"]


def test_rd_growth_of_8_percent_is_reported_as_nearly_qualifying(calculator):
    snapshot = parse_snapshot(
        weihai(annual={"2023": {"rd_expense": 20000000}, "2024": {"rd_expense": 21600000}})
    )
    result = calculator.evaluate(snapshot, 2024, nearly=True)
    assert result.items == []
    (near,) = [n for n in result.nearly if n["rule"] == "weihai-2023.rd-increment"]
    (gap,) = near["missing"]
    assert (gap["label"], gap["value"], gap["needed"], gap["progress"]) == (
        "研发投入较上年度增长率",
        0.08,
        0.1,
        0.8,
    )


def test_a_rule_missed_on_a_qualification_is_not_a_near_miss(calculator):
    snapshot = parse_snapshot(
        weihai(qualifications=[], annual={"2023": {"rd_expense": 20000000}, "2024": {"rd_expense": 21600000}})
    )
    assert calculator.evaluate(snapshot, 2024, nearly=True).nearly == []


def test_stacking_loser_names_the_winner_and_counts_zero(calculator):
    snapshot = parse_snapshot(
        {
            "region": "370303",
            "kind": "enterprise",
            "annual": {"2022": {"instrument_service_yuan": 5000000}},
            "events": [
                {
                    "type": "platform_evaluated",
                    "date": "2022-11-01",
                    "platform_type": "public_service_platform",
                    "level": "municipal",
                    "grade": "excellent",
                }
            ],
        }
    )
    result = calculator.evaluate(snapshot, 2022)
    by_rule = {item.rule.id: item for item in result.items}
    assert by_rule["zibo-2020.instrument-sharing"].amount == Decimal(1500000)
    assert by_rule["zibo-2020.instrument-sharing"].excluded_by is None
    assert by_rule["zibo-2020.public-service-platform"].excluded_by == "zibo-2020.instrument-sharing"
    assert "不重复享受" in by_rule["zibo-2020.public-service-platform"].explanation["summary"]
    assert result.total == Decimal(1500000)


def test_events_use_rules_in_force_on_their_date_and_yearly_data_on_31_december(calculator):
    snapshot = parse_snapshot(
        weihai(
            annual={"2022": {"rd_expense": 15000000}, "2023": {"rd_expense": 18000000}},
            qualifications=[
                {"type": "high_tech_enterprise", "granted": "2021-12-01", "expires": "2024-11-30"}
            ],
            events=[
                {
                    "type": "platform_approved",
                    "date": "2023-07-12",
                    "platform_type": "key_laboratory",
                    "level": "provincial",
                },
                {
                    "type": "platform_approved",
                    "date": "2023-07-13",
                    "platform_type": "technology_innovation_center",
                    "level": "provincial",
                },
            ],
        )
    )
    result = calculator.evaluate(snapshot, 2023)
    assert [(item.rule.id, item.event.date.isoformat() if item.event else None) for item in result.items] == [
        ("weihai-2023.provincial-lab-center", "2023-07-13"),
        ("weihai-2023.rd-increment", None),
    ]


def test_the_30_percent_voucher_rule_applies_only_in_gaoqing_and_yiyuan(calculator):
    def voucher_rules(region: str) -> list[str]:
        snapshot = parse_snapshot(
            {
                "region": region,
                "annual": {"2021": {"employees": 30}},
                "events": [
                    {
                        "type": "voucher_used",
                        "date": "2021-06-01",
                        "cost_yuan": 100000,
                        "provincial_subsidy_yuan": 40000,
                    }
                ],
            }
        )
        return [item.rule.id for item in calculator.evaluate(snapshot, 2021).items]

    assert voucher_rules("370323") == ["zibo-2020.innovation-voucher-gaoqing-yiyuan"]
    assert voucher_rules("370302") == ["zibo-2020.innovation-voucher"]
    assert voucher_rules("371002") == []  # Weihai 2023 not yet in force in 2021


def test_an_extra_key_in_an_event_cannot_stand_in_for_yearly_data(calculator):
    loan = {
        "type": "loan_issued",
        "date": "2024-08-15",
        "product": "ip_pledge_loan",
        "amount_yuan": 5000000,
        "days": 365,
    }
    large = {"annual": {"2024": {"employees": 3000, "revenue": 900000000}}}
    honest = parse_snapshot(weihai(**large, events=[loan]))
    assert calculator.evaluate(honest, 2024).items == []
    with pytest.raises(SnapshotError, match="含未知字段 'employees'"):
        parse_snapshot(weihai(**large, events=[{**loan, "employees": 10, "revenue": 1}]))

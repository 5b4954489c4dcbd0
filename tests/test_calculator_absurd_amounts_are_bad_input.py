"""An amount beyond any real one (1e15 yuan and up) is bad input: the batch reports that line and goes on."""

import json

from benefits.calculator import Calculator, evaluate_lines, load_rulebook

TECH_SME = [{"type": "tech_sme", "granted": "2024-02-01", "expires": "2024-12-31"}]


def contract_buyer(amount_yuan: int) -> dict:
    return {
        "name": "威海测试企业",
        "uscc": "",
        "kind": "enterprise",
        "region": "371002",
        "qualifications": TECH_SME,
        "events": [
            {
                "type": "contract_registered",
                "date": "2024-04-01",
                "contract_type": "development",
                "amount_yuan": amount_yuan,
                "counterparty_kind": "university",
                "counterparty_region": "371002",
            }
        ],
    }


def test_a_line_with_an_absurd_amount_gives_an_error_line_and_the_run_goes_on() -> None:
    lines = [json.dumps(contract_buyer(10**30)), json.dumps(contract_buyer(4_000_000))]
    results = [json.loads(line) for line in evaluate_lines(lines, 2024, Calculator(load_rulebook()))]
    assert results[0]["line"] == 1
    assert results[0]["error"] == (
        "第 1 行:第 1 个事件.amount_yuan:数值 1000000000000000000000000000000 超出可计算范围"
        "(不超过 1,000,000,000,000,000)"
    )
    assert results[1]["total_yuan"] == 200_000

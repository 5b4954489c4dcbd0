"""The batch path split over worker processes gives the same lines, in the same order, as one process."""

import io
import json

from benefits.calculator import Calculator, evaluate_lines, load_rulebook
from benefits.calculator.batch import evaluate_blocks_in_workers


def test_workers_return_the_single_process_output_line_for_line():
    lines = []
    for number in range(60):
        if number % 17 == 5:
            lines.append("{broken")
            continue
        lines.append(
            json.dumps(
                {
                    "name": f"企业{number}",
                    "region": "371002" if number % 2 else "370322",
                    "annual": {"2024": {"employees": 10}},
                    "events": [
                        {
                            "type": "voucher_used",
                            "date": "2024-03-01",
                            "cost_yuan": 1000 * (number + 1),
                            "provincial_subsidy_yuan": 400 * (number + 1),
                        }
                    ],
                },
                ensure_ascii=False,
            )
        )
    text = "\n".join(lines)  # no newline after the last line
    expected = list(evaluate_lines(io.StringIO(text), 2024, Calculator(load_rulebook())))

    blocks = list(evaluate_blocks_in_workers(io.StringIO(text), 2024, workers=2, block_chars=700))

    assert len(blocks) > 4
    assert b"".join(blocks).decode().split("\n")[:-1] == expected
    assert json.loads(expected[5])["line"] == 6

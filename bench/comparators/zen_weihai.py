"""The five Weihai rules as a zen-engine decision (GoRules JSON decision model), for bench.calculator.

`zen_weihai.json` beside this file is the decision graph: an expression node reads the snapshot's
facts (the year's figures, the events dated in the year while the policy is in force, the
qualifications), a decision table keyed by event, platform type and level pays platform approvals,
a looping expression node prices each technology contract, and a last expression node applies the
conditions, rates and caps of the other rules. zen computes in decimals, and the graph writes each
amount as text, so its amounts are exact to the fen.

The fast keyed path: one engine with the graph under a key (a static loader, so it is parsed and
compiled once), and each snapshot line handed over as the JSON text it already is, wrapped with the
year, so Python decodes nothing on the way in.

    python -m bench.comparators.zen_weihai FILE.jsonl --year 2024 > amounts.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

DECISION = Path(__file__).resolve().with_suffix(".json")
KEY = "weihai-2023-five-rules"


def engine() -> Any:
    import zen

    content = json.loads(DECISION.read_text(encoding="utf-8"))
    return zen.ZenEngine({"loader": {"type": "static", "content": {KEY: content}}})


def evaluate_lines(lines: Iterable[str], year: int) -> Iterator[bytes]:
    """One amounts line (bench.comparators.amounts_line, as JSON bytes without newline) per snapshot line."""
    decisions = engine()
    prefix = f'{{"year":{int(year)},"entity":'
    dumps = orjson.dumps
    for line in lines:
        yield dumps(decisions.evaluate(KEY, prefix + line.rstrip("\n") + "}")["result"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="五条威海规则的 zen-engine 决策:逐行读入实体快照,写出各规则金额"
    )
    parser.add_argument("entities", metavar="FILE.jsonl")
    parser.add_argument("--year", type=int, required=True)
    args = parser.parse_args(argv)
    out = sys.stdout.buffer
    block: list[bytes] = []
    with open(args.entities, encoding="utf-8") as stream:
        for line in evaluate_lines(stream, args.year):
            block.append(line)
            if len(block) == 1000:
                out.write(b"\n".join(block) + b"\n")
                block = []
    if block:
        out.write(b"\n".join(block) + b"\n")


if __name__ == "__main__":
    main()

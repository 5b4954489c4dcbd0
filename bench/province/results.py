"""bench/results/province.json: each step keeps its own last figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bench import load_results, save_results

NAME = "province"


def merge(step: str, figures: dict[str, Any]) -> None:
    results = load_results(NAME)
    measured_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results[step] = {**figures, "measured_at": measured_at}
    path = save_results(NAME, results)
    print(f"→ {path}")

"""The policy calculator (政策计算器): benefit rules as data, evaluated against entity snapshots.

`load_rulebook()` reads benefits/rules/*.yaml; `Calculator(rulebook).evaluate(parse_snapshot(data), year)`
returns what an entity receives, with reasons. Nothing here touches the database.
"""

from .batch import evaluate_lines
from .engine import Calculator, Result
from .rules import Rulebook, RuleError, load_rulebook
from .snapshot import SnapshotError, parse_snapshot

__all__ = [
    "Calculator",
    "Result",
    "RuleError",
    "Rulebook",
    "SnapshotError",
    "evaluate_lines",
    "load_rulebook",
    "parse_snapshot",
]

"""Who may borrow under a financial product: its conditions, each a Chinese label and a test in the
benefits app's safe expression language (`benefits.calculator.expressions`: parsed with `ast` against a
whitelist, no eval), judged on the enterprise's snapshot — the one the policy calculator reads.

A test reads what a yearly rule reads: the entity's `kind`, `region`, `above_designated_size`, the yearly
figures of the last complete year (`revenue`, `rd_expense`, …), those of the year before (`prev_revenue`),
`annual('revenue', -2)`, and `holds('tech_sme')` for a qualification valid on the day of the request.
Staff write one condition a line, `label：test`:

    持有科技型中小企业资格：holds('tech_sme')
    上年营业收入不低于1000万元：revenue >= 10000000
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from benefits.calculator.engine import Context, base_environment
from benefits.calculator.explain import phrases
from benefits.calculator.expressions import (
    CONTEXT_KEY,
    Expression,
    ExpressionError,
    compile_expression,
    split_comparison,
)
from benefits.calculator.snapshot import ANNUAL_KEYS, ENTITY_NAMES, Snapshot

NAMES = frozenset(ENTITY_NAMES) | frozenset(ANNUAL_KEYS) | {f"prev_{key}" for key in ANNUAL_KEYS}
# Yearly figures in yuan: a value compared against them reads as money.
MONEY_NAMES = frozenset({"revenue", "rd_expense", "high_tech_revenue"}) | {
    f"prev_{key}" for key in ("revenue", "rd_expense", "high_tech_revenue")
}
LINE = re.compile(r"^(?P<label>[^：:]+)[：:](?P<test>.+)$")


class EligibilityError(ValueError):
    """Conditions a person wrote that cannot be judged; the message says which line and why."""


@dataclass(frozen=True)
class Check:
    """One condition judged: held or not, and the figures in words."""

    label: str
    met: bool
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"label": self.label, "met": self.met, "text": self.text}


def read_conditions(text: str) -> list[dict[str, str]]:
    """The conditions typed one a line (`label：test`), checked; EligibilityError on the first bad line."""
    conditions = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        found = LINE.match(line.strip())
        if found is None:
            raise EligibilityError(
                _("第%(line)s行应写成“条件说明：表达式”，例如 持有科技型中小企业资格：holds('tech_sme')")
                % {"line": number}
            )
        conditions.append({"label": found["label"].strip(), "test": found["test"].strip()})
    check_conditions(conditions)
    return conditions


def check_conditions(conditions: list[dict[str, str]]) -> None:
    for number, condition in enumerate(conditions, 1):
        try:
            compile_expression(condition["test"], NAMES)
        except ExpressionError as error:
            raise EligibilityError(
                _("第%(line)s条条件无法使用：%(reason)s") % {"line": number, "reason": error}
            ) from None


def conditions_text(conditions: list[dict[str, str]]) -> str:
    return "\n".join(f"{c['label']}：{c['test']}" for c in conditions)


def judge(conditions: list[dict[str, str]], snapshot: Snapshot, day: dt.date) -> list[Check]:
    """Each condition on the snapshot: yearly figures of the year before `day`, qualifications on `day`."""
    year = day.year - 1
    env = base_environment(snapshot, year) | {"date": day, CONTEXT_KEY: Context(snapshot, year, day)}
    return [_check(condition, env) for condition in conditions]


def _check(condition: dict[str, str], env: dict[str, Any]) -> Check:
    sentences = phrases().sentences
    label = condition["label"]
    comparison = split_comparison(condition["test"], NAMES)
    if comparison is None or not comparison.ordering:
        met = bool(compile_expression(condition["test"], NAMES).call(env))
        answer = sentences["yes"] if met else sentences["no"]
        return Check(label, met, sentences["answer_text"].format(label=label, answer=answer))
    value, needed = comparison.left.call(env), comparison.right.call(env)
    if value is None:
        return Check(label, False, f"{label}：{sentences['missing']}")
    shown = _shown(comparison.left)
    return Check(
        label,
        comparison.holds(value, needed),
        sentences["threshold_text"].format(
            label=label, value=shown(value), symbol=comparison.symbol, threshold=shown(needed)
        ),
    )


def _shown(side: Expression) -> Any:
    words = phrases()
    if side.names & MONEY_NAMES:
        return lambda value: words.yuan(value) if value is not None else words.missing
    return lambda value: f"{Decimal(value).normalize():,f}" if value is not None else words.missing

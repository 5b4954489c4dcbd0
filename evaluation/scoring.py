"""Scores, ranks and grades of a cohort, without the database.

Each indicator's score is an expression of the benefit rules' language (benefits.calculator.expressions:
parsed with `ast` against a whitelist, never `eval`) over these names:

- `value`: the platform's value of the indicator (None when it reported none);
- `target`: the indicator's target value; `weight`: its points;
- `rank`, `cohort`: the platform's place by this indicator among the cohort (1 = best; ties share a place)
  and the cohort's size;
- `expert`: the mean of the experts' scores (0–100) of this indicator.

The result is kept between 0 and `weight`; a missing value scores 0. Bonus indicators add at most the
system's bonus cap. The cohort is ranked by total score (ties share a place, the next place is skipped)
and each platform gets the first grade rule, best grade first, whose score and rank conditions it meets;
none met is 不合格. The methods (`threshold`, `linear`, `rank`, `expert`) write their expressions, so what a
bureau states as bands or targets is the same formula an expert could have written by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from benefits.calculator.expressions import Expression, ExpressionError, compile_expression, places_within

NAMES = frozenset({"value", "target", "weight", "rank", "cohort", "expert"})
CENT = Decimal("0.01")
FAIL = "fail"


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    weight: Decimal
    expression: str
    target: Decimal | None = None
    is_bonus: bool = False
    higher_is_better: bool = True


@dataclass(frozen=True)
class GradeSpec:
    grade: str
    min_score: Decimal
    max_rank: int | None = None
    max_share: Decimal | None = None

    def admits(self, score: Decimal, rank: int, cohort: int) -> bool:
        if score < self.min_score:
            return False
        if self.max_rank is not None and rank > self.max_rank:
            return False
        return not (self.max_share is not None and rank > places_within(self.max_share, cohort))


@dataclass(frozen=True)
class SystemSpec:
    indicators: tuple[IndicatorSpec, ...]
    grades: tuple[GradeSpec, ...]  # best grade first
    bonus_cap: Decimal = Decimal(0)


@dataclass
class Entry:
    """A platform's values and the experts' mean scores, by indicator code."""

    key: Any
    values: Mapping[str, Decimal | None]
    expert: Mapping[str, Decimal | None] = field(default_factory=dict)


@dataclass
class Scored:
    key: Any
    score: Decimal
    points: dict[str, Decimal]
    rank: int = 0
    cohort: int = 0
    grade: str = FAIL


def compile_score(expression: str) -> Expression:
    """The compiled score of an indicator; ExpressionError (Chinese) when it reads other names or syntax."""
    return compile_expression(expression, NAMES)


def check_system(system: SystemSpec) -> list[str]:
    """What keeps a system from being used in a round (nothing when it can be), in the active language."""
    problems = []
    for indicator in system.indicators:
        try:
            compile_score(indicator.expression)
        except ExpressionError as error:
            problems.append(_("%(name)s：%(error)s") % {"name": indicator.name, "error": error})
        if "target" in indicator.expression and indicator.target is None:
            problems.append(_("%(name)s：计分公式使用目标值，但未设目标值") % {"name": indicator.name})
    base = sum((i.weight for i in system.indicators if not i.is_bonus), Decimal(0))
    if base != 100:
        problems.append(
            _("非加分指标分值合计应为100分，现为%(points)s分") % {"points": f"{base.normalize():f}"}
        )
    if not system.grades:
        problems.append(_("未设等次规则"))
    return problems


def _places(values: Sequence[Decimal | None], higher_is_better: bool) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4); a missing value has no place."""
    present = [v for v in values if v is not None]
    places: list[int | None] = []
    for value in values:
        if value is None:
            places.append(None)
            continue
        better = sum(1 for other in present if (other > value if higher_is_better else other < value))
        places.append(better + 1)
    return places


def _points(expression: Expression, env: dict[str, Any], weight: Decimal) -> Decimal:
    if env["value"] is None and "expert" not in expression.names:
        return Decimal(0)
    try:
        raw = expression.call(env)
    except (ArithmeticError, TypeError):
        raw = None
    if raw is None or isinstance(raw, bool):
        return Decimal(0)
    return min(max(Decimal(raw), Decimal(0)), weight).quantize(CENT, ROUND_HALF_UP)


def score_cohort(system: SystemSpec, entries: Sequence[Entry]) -> list[Scored]:
    """Every entry's points, total, rank and grade, in the order given."""
    cohort = len(entries)
    compiled = {i.code: compile_score(i.expression) for i in system.indicators}
    places = {
        i.code: _places([entry.values.get(i.code) for entry in entries], i.higher_is_better)
        for i in system.indicators
    }
    scored = []
    for position, entry in enumerate(entries):
        points: dict[str, Decimal] = {}
        for indicator in system.indicators:
            env = {
                "value": entry.values.get(indicator.code),
                "target": indicator.target,
                "weight": indicator.weight,
                "rank": places[indicator.code][position],
                "cohort": cohort,
                "expert": entry.expert.get(indicator.code),
            }
            points[indicator.code] = _points(compiled[indicator.code], env, indicator.weight)
        base = sum((points[i.code] for i in system.indicators if not i.is_bonus), Decimal(0))
        bonus = sum((points[i.code] for i in system.indicators if i.is_bonus), Decimal(0))
        scored.append(Scored(entry.key, base + min(bonus, system.bonus_cap), points))
    totals = _places([s.score for s in scored], higher_is_better=True)
    for item, rank in zip(scored, totals, strict=True):
        item.rank, item.cohort = rank or cohort, cohort
        item.grade = grade_for(system.grades, item.score, item.rank, cohort)
    return scored


def grade_for(grades: Iterable[GradeSpec], score: Decimal, rank: int, cohort: int) -> str:
    for rule in grades:
        if rule.admits(score, rank, cohort):
            return rule.grade
    return FAIL


@dataclass(frozen=True)
class Gap:
    grade: str
    points: Decimal  # points still missing (0 when only the rank condition is unmet)
    rank_needed: int | None  # the place the grade needs, when the platform's is below it


def gap_to_next(
    grades: Sequence[GradeSpec], grade: str, score: Decimal, rank: int, cohort: int
) -> Gap | None:
    """What the next better grade asks that this result lacks; None for the best grade."""
    order = [rule.grade for rule in grades]
    if grade not in order:
        better = list(grades)
    else:
        better = list(grades)[: order.index(grade)]
    if not better:
        return None
    rule = better[-1]
    needed = [p for p in (rule.max_rank, rule.max_share and places_within(rule.max_share, cohort)) if p]
    rank_needed = min(needed) if needed and rank > min(needed) else None
    return Gap(rule.grade, max(rule.min_score - score, Decimal(0)), rank_needed)


# ---- methods, written as expressions ---------------------------------------------------------------


def _number(value: Any) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def threshold(bands: Sequence[tuple[Any, Any]], higher_is_better: bool = True) -> str:
    """Points by the best band reached: [(100, 10), (50, 6)] → 10 at 100 and above, 6 at 50 and above."""
    compare = ">=" if higher_is_better else "<="
    ordered = sorted(bands, key=lambda band: Decimal(str(band[0])), reverse=higher_is_better)
    expression = "0"
    for level, points in reversed(ordered):
        expression = f"{_number(points)} if value {compare} {_number(level)} else ({expression})"
    return expression


def linear(lower: Any = 0, upper: Any | None = None) -> str:
    """Points in proportion between `lower` (0 points) and `upper` (full points, default the target)."""
    top = "target" if upper is None else _number(upper)
    low = _number(lower)
    span = top if low == "0" else f"({top} - {low})"
    return f"weight * min(max((value - {low}) / {span}, 0), 1)"


def by_rank() -> str:
    """Full points for the first place, falling evenly to 1/cohort of them for the last."""
    return "weight * (cohort - rank + 1) / cohort"


def by_experts() -> str:
    """The experts' mean score (0–100) as a share of the points."""
    return "weight * expert / 100"


def per_unit(points_each: Any) -> str:
    """So many points for each unit of the value (a bonus item), up to the indicator's points."""
    return f"min(value * {_number(points_each)}, weight)"


METHODS = {
    "threshold": threshold,
    "linear": linear,
    "rank": by_rank,
    "expert": by_experts,
    "per_unit": per_unit,
}


def expression_for(method: str, params: Mapping[str, Any] | None = None) -> str:
    """The expression a method writes from its parameters (as the index system files state them)."""
    params = dict(params or {})
    if method == "threshold":
        return threshold([tuple(band) for band in params["bands"]], params.get("higher_is_better", True))
    if method == "linear":
        return linear(params.get("lower", 0), params.get("upper"))
    if method == "rank":
        return by_rank()
    if method == "expert":
        return by_experts()
    if method == "per_unit":
        return per_unit(params["points_each"])
    raise ExpressionError(f"未知的计分方法:{method}")

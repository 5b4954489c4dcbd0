"""Evaluate a rulebook against one entity snapshot for one year (contract 3 in docs/interfaces.md).

Two ways through the same rules:
- `Calculator.evaluate(...)`, the batch path: rules are pre-filtered per region and indexed by event
  type and key field, so an entity costs a few closure calls; explanations are built only for the
  items the entity receives (winners and the items a stacking winner excluded).
- `Calculator.evaluate(..., nearly=True)`, the explained path for one entity: every rule in force
  is examined, and rules missed only on numeric thresholds are reported as "nearly qualifies".

Semantics: events dated in the year are judged by the rules in force on the event's date; yearly
data (the year against the year before) by the rules in force on 31 December of the year; a rule
applies only inside its policy's region (or the narrower regions it names). Amounts are Decimal
yuan rounded to the fen; per-item caps first, then caps per beneficiary per year in date order,
then stacking groups (就高不就低: the highest amount wins, the others count 0).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .events import EVENTS
from .explain import Phrases, explain_item, explain_near_miss, phrases
from .expressions import CONTEXT_KEY
from .money import FEN, json_number
from .rules import ANNUAL, Rule, Rulebook
from .snapshot import ANNUAL_KEYS, Event, Snapshot

PREVIOUS = {key: f"prev_{key}" for key in ANNUAL_KEYS}
ZERO = Decimal(0)


class Context:
    """What the context functions of an expression (holds, annual, parameter) read for one entity."""

    __slots__ = ("snapshot", "year", "day", "policy")

    def __init__(self, snapshot: Snapshot, year: int, day: dt.date | None) -> None:
        self.snapshot = snapshot
        self.year = year
        self.day = day  # the event's date; None for yearly data (any day of the year counts)
        self.policy = None

    def holds(self, qualification: str) -> bool:
        if self.day is not None:
            return any(q.type == qualification and q.valid_on(self.day) for q in self.snapshot.qualifications)
        first = last = None
        for q in self.snapshot.qualifications:
            if q.type == qualification:
                if first is None:
                    first, last = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
                if q.valid_during(first, last):
                    return True
        return False

    def annual(self, key: str, offset: Any = 0) -> Any:
        return self.snapshot.annual.get(self.year + int(offset), {}).get(key)

    def parameter(self, name: str, day: dt.date | None) -> Decimal | None:
        """The policy's parameter in force on `day`; for yearly data (no day), at the end of the year."""
        if self.policy is None:
            return None
        return self.policy.parameter(name, day or dt.date(self.year, 12, 31))


@dataclass(slots=True)
class Item:
    rule: Rule
    event: Event | None
    env: dict[str, Any]
    amount: Decimal  # after the per-item cap; the yearly cap may lower it
    computed: Any  # what the amount formula gave, before caps and rounding
    year_cap: tuple[Decimal, Decimal] | None = None  # (cap per year, already spent) when the cap bit
    excluded_by: str | None = None
    excluded_title: str | None = None  # the winning rule's title, for people
    explanation: dict[str, Any] | None = None

    @property
    def sort_key(self) -> tuple:
        if self.event is None:
            return (self.rule.order, dt.date.min, 0)
        return (self.rule.order, self.event.date, self.event.index)

    def as_dict(self) -> dict[str, Any]:
        rule, policy, clause, title, kind = self.rule.heading
        return {
            "rule": rule,
            "policy": policy,
            "clause": clause,
            "title": title,
            "amount_yuan": json_number(self.amount),
            "kind": kind,
            "explanation": self.explanation,
            "excluded_by": self.excluded_by,
        }


@dataclass
class Result:
    snapshot: Snapshot
    year: int
    items: list[Item]
    nearly: list[dict[str, Any]] | None = None
    total: Decimal = field(default=Decimal(0))

    def as_dict(self, with_nearly: bool = False) -> dict[str, Any]:
        result = {
            "entity": self.snapshot.label,
            "year": self.year,
            "items": [item.as_dict() for item in self.items],
            "total_yuan": json_number(self.total),
        }
        if with_nearly and self.nearly is not None:
            result["nearly"] = self.nearly
        return result


@dataclass
class RegionRules:
    """The rules that apply in one region, indexed for the batch path."""

    annual: list[Rule]
    # event type → (key field, key value → every candidate rule, candidates for any other value)
    by_event: dict[str, tuple[str | None, dict[Any, tuple[Rule, ...]], tuple[Rule, ...]]]
    # year → the yearly rules of `annual` in force on its 31 December, filled as years are evaluated
    annual_in_force: dict[int, list[Rule]]


class Calculator:
    """A compiled rulebook plus its per-region indexes (derived data; any worker can rebuild them)."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self._regions: dict[str, RegionRules] = {}

    def rules_in(self, region: str) -> RegionRules:
        cached = self._regions.get(region)
        if cached is None:
            cached = self._regions[region] = self._index(region)
        return cached

    def _index(self, region: str) -> RegionRules:
        annual: list[Rule] = []
        lists: dict[str, tuple[dict[Any, list[Rule]], list[Rule]]] = {}
        for rule in self.rulebook.rules:
            if not rule.applies_in(region):
                continue
            if rule.trigger == ANNUAL:
                annual.append(rule)
                continue
            keyed, wildcard = lists.setdefault(rule.trigger, ({}, []))
            key = EVENTS[rule.trigger].key
            key_values = rule.match.get(key) if key else None
            if key_values is None:
                wildcard.append(rule)
            else:
                for value in key_values:
                    keyed.setdefault(value, []).append(rule)
        by_event = {
            trigger: (
                EVENTS[trigger].key,
                {value: (*specific, *wildcard) for value, specific in keyed.items()},
                tuple(wildcard),
            )
            for trigger, (keyed, wildcard) in lists.items()
        }
        return RegionRules(annual, by_event, {})

    def evaluate(
        self,
        snapshot: Snapshot,
        year: int,
        explain: bool = True,
        nearly: bool = False,
        words: Phrases | None = None,
    ) -> Result:
        """Every benefit `snapshot` receives in `year`; with `nearly`, also what it almost receives.
        Explanations are in the active language, or in that of `words` (a batch looks it up once)."""
        items: list[Item] = []
        misses: list[tuple[Rule, Event | None, dict[str, Any]]] | None = [] if nearly else None
        region = snapshot.region
        regional = self._regions.get(region) or self.rules_in(region)
        base = None  # the entity's yearly data as names, built when a first rule is tried

        if nearly:
            annual_rules = [
                rule
                for rule in self.rulebook.rules
                if rule.trigger == ANNUAL and rule.in_force(dt.date(year, 12, 31)) and rule.applies_in(region)
            ]
        else:
            annual_rules = regional.annual_in_force.get(year)
            if annual_rules is None:
                annual_rules = regional.annual_in_force[year] = [
                    rule for rule in regional.annual if rule.in_force(dt.date(year, 12, 31))
                ]
        if annual_rules:
            # `base` is this call's own dict; event environments below copy it and set their own context.
            env = base = base_environment(snapshot, year)
            env[CONTEXT_KEY] = context = Context(snapshot, year, None)
            for rule in annual_rules:
                context.policy = rule.policy
                _try(rule, None, env, items, misses)

        by_event = regional.by_event
        for event in snapshot.events:
            day = event.date
            if day.year != year:
                continue
            fields = event.fields
            if nearly:
                candidates = [rule for rule in self.rulebook.rules if rule.trigger == event.type]
            else:
                index = by_event.get(event.type)
                if index is None:
                    continue
                key_field, keyed, wildcard = index
                candidates = keyed.get(fields.get(key_field), wildcard) if key_field else wildcard
            env = None
            for rule in candidates:
                # Rule.in_force, inlined: this loop runs for every event of the city.
                until = rule.effective_until
                if rule.effective_from > day or (until is not None and day > until):
                    continue
                if rule.match and not rule.matches(fields):
                    continue
                if nearly and not rule.applies_in(region):
                    continue
                if env is None:
                    if base is None:
                        base = base_environment(snapshot, year)
                    env = dict(base)
                    env.update(fields)
                    env["date"] = day
                    env[CONTEXT_KEY] = context = Context(snapshot, year, day)
                context.policy = rule.policy
                _try(rule, event, env, items, misses)

        if len(items) > 1:
            items.sort(key=lambda item: item.sort_key)
            _apply_year_caps(items)
            total = _apply_stacking(items)
        elif items:
            _apply_year_caps(items)
            total = items[0].amount
        else:
            total = ZERO
        if explain and items:
            words = words or phrases()
            for item in items:
                item.explanation = explain_item(item, snapshot, words)
        if misses is None:
            return Result(snapshot, year, items, None, total)
        words = words or phrases()
        near = [explain_near_miss(rule, event, env, snapshot, words) for rule, event, env in misses]
        return Result(snapshot, year, items, [n for n in near if n], total)


def base_environment(snapshot: Snapshot, year: int) -> dict[str, Any]:
    env: dict[str, Any] = {
        "kind": snapshot.kind,
        "region": snapshot.region,
        "above_designated_size": snapshot.above_designated_size,
        "year": year,
    }
    current = snapshot.annual.get(year)
    if current:
        env.update(current)
    previous = snapshot.annual.get(year - 1)
    if previous:
        for key, value in previous.items():
            env[PREVIOUS[key]] = value
    return env


def _try(
    rule: Rule,
    event: Event | None,
    env: dict[str, Any],
    items: list[Item],
    misses: list[tuple[Rule, Event | None, dict[str, Any]]] | None,
) -> None:
    if misses is None:
        groups, rest, amount_of = rule.lazy_calls
        for values, test in groups:
            for name, value in values:
                env[name] = value(env)
            if not test(env):
                return
        for name, value in rest:
            env[name] = value(env)
    else:
        values, tests, amount_of = rule.calls
        for name, value in values:
            env[name] = value(env)
        for test in tests:
            if not test(env):
                misses.append((rule, event, dict(env)))
                return
    amount = computed = amount_of(env)
    if amount is None:
        if misses is not None:
            misses.append((rule, event, dict(env)))
        return
    if type(amount) is not Decimal:
        amount = Decimal(amount)
    cap = rule.spec.cap
    if cap is not None and amount > cap:
        amount = cap
    amount = amount.quantize(FEN, ROUND_HALF_UP)
    if amount <= 0:
        return
    # A rule with intermediate values writes them into the shared environment; keep its own copy.
    items.append(Item(rule, event, dict(env) if rule.values else env, amount, computed))


def _apply_year_caps(items: list[Item]) -> None:
    used: dict[str, Decimal] = {}
    for item in items:
        cap = item.rule.spec.cap_per_year
        if cap is None:
            continue
        spent = used.get(item.rule.id, Decimal(0))
        remaining = cap - spent
        if item.amount > remaining:
            item.amount = max(remaining, Decimal(0))
            item.year_cap = (cap, spent)
        used[item.rule.id] = spent + item.amount


def _apply_stacking(items: list[Item]) -> Decimal:
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.rule.spec.stacking_group:
            groups[item.rule.spec.stacking_group].append(item)
    for members in groups.values():
        if len(members) < 2:
            continue
        winner = max(members, key=lambda item: (item.amount, -item.rule.order))
        for item in members:
            if item is not winner:
                item.excluded_by = winner.rule.id
                item.excluded_title = winner.rule.spec.title
    return sum((item.amount for item in items if item.excluded_by is None), Decimal(0))

"""Invented reported values for the seed policies' reported indicators, so that `kechuang demo` shows a
dashboard with a believable mix of statuses instead of 暂无数据 everywhere.

Only where the registry holds the demo population of the indicator's city: loading the seeds into a real
installation must never invent figures. Deterministic (no today's date, one seeded generator per
indicator) and idempotent: an indicator that already has any reported value is left alone, so a second run
adds nothing and real reports are never mixed with invented ones.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from planning.models import Accumulation, Indicator, IndicatorKind, ReportedValue, Target
from planning.monitor import plan_path
from planning.status import planned_value
from registry.demo import REFERENCE_DATE
from registry.models import Organization
from registry.region_lookups import in_region

DEMO_SOURCE = "演示数据（非真实统计）"
SEED = "kechuang-demo-actuals"
# The last year whose figures would be complete on the demo's reference date.
LAST_YEAR = REFERENCE_DATE.year - 1
# Share of the planned value an indicator reaches, cycled through each policy's indicators so that every
# policy shows a mix: ahead (met, or on track while the plan runs), a little behind (at risk while it runs)
# and far behind (off track).
AHEAD, BEHIND, FAR_BEHIND = (1.04, 1.12), (0.84, 0.92), (0.55, 0.68)
PROFILES = (AHEAD, BEHIND, AHEAD, FAR_BEHIND)


def years_of(indicator: Indicator, targets: Sequence[Target]) -> list[int]:
    """From after the baseline (or the first target year) to the final target year or the last complete
    year; a plan whose first target lies ahead gets the last three complete years."""
    start = indicator.baseline_year + 1 if indicator.baseline_year else targets[0].year
    end = min(targets[-1].year, LAST_YEAR)
    return list(range(start if start <= end else end - 2, end + 1))


def _planned(indicator: Indicator, targets: Sequence[Target], year: int) -> Decimal:
    if targets[-1].accumulation == Accumulation.YEARLY:
        return next((t.value for t in targets if t.year >= year), targets[-1].value)
    baseline, path, growth = plan_path(indicator, targets)
    return planned_value(float(year), baseline, path, growth) or targets[-1].value


def _rounded(value: float, indicator: Indicator) -> Decimal:
    # Counts are whole numbers; shares and money keep two decimals.
    places = Decimal("0.01") if "%" in indicator.unit or "元" in indicator.unit else Decimal(1)
    return Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP)


def demo_values(
    indicator: Indicator, targets: Sequence[Target], profile: tuple[float, float]
) -> dict[int, Decimal]:
    """The invented value of each year: the planned gain scaled by a share drawn from `profile`, with a
    little yearly noise."""
    rng = random.Random(f"{SEED}:{indicator.code}")
    share = rng.uniform(*profile)
    start = float(indicator.baseline_value or 0)
    values = {}
    for year in years_of(indicator, targets):
        planned = float(_planned(indicator, targets, year))
        values[year] = _rounded(start + (planned - start) * share * rng.uniform(0.98, 1.02), indicator)
    return values


def in_demo_city(indicator: Indicator) -> bool:
    return Organization.objects.filter(in_region(indicator.region_id), is_demo=True).exists()


@transaction.atomic
def add() -> int:
    """Adds the invented values; returns how many indicators received them."""
    filled = 0
    by_policy: dict[str, int] = {}
    reported = Indicator.objects.filter(kind=IndicatorKind.REPORTED).order_by("policy_code", "code")
    for indicator in reported:
        position = by_policy.get(indicator.policy_code, 0)
        by_policy[indicator.policy_code] = position + 1
        targets = list(indicator.targets.order_by("year"))
        if not targets or indicator.reported_values.exists() or not in_demo_city(indicator):
            continue
        for year, value in demo_values(indicator, targets, PROFILES[position % len(PROFILES)]).items():
            ReportedValue.objects.create(
                indicator=indicator, year=year, as_of=dt.date(year, 12, 31), value=value, source=DEMO_SOURCE
            )
        filled += 1
    return filled

"""Index systems (指标体系) as reviewed data: the shipped files in evaluation/data/, their loading, the
check a system must pass before a round uses it, freezing, and a new version of a frozen system.

A file states each indicator's method with its parameters (bands, a target) or an expression of its own;
loading writes the method's expression (evaluation.scoring), so the stored formula is what is evaluated.
Loading again changes a draft to match its file and leaves a frozen version alone (a round has used it).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation.models import GradeRule, IndexIndicator, IndexSystem
from evaluation.scoring import GradeSpec, IndicatorSpec, SystemSpec, check_system, expression_for
from evaluation.vocabulary import GRADE_ORDER, IndexStatus, Method

DATA_DIR = Path(__file__).resolve().parent / "data"
SYSTEM_FIELDS = (
    "name",
    "platform_types",
    "policy",
    "clause",
    "clause_text",
    "bonus_cap",
    "failures_to_revoke",
    "rectification_days",
    "reward_days",
)


def system_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def indicator_fields(raw: dict[str, Any], order: int) -> dict[str, Any]:
    method = raw["method"]
    expression = raw.get("expression") or expression_for(method, raw.get("params"))
    return {
        "name": raw["name"],
        "category": raw.get("category", ""),
        "weight": Decimal(str(raw["weight"])),
        "is_bonus": bool(raw.get("is_bonus", False)),
        "method": Method(method if method in Method.values else Method.FORMULA),
        "expression": expression,
        "target": _decimal(raw.get("target")),
        "higher_is_better": bool(raw.get("higher_is_better", True)),
        "source": raw.get("source", ""),
        "unit": raw.get("unit", ""),
        "description": raw.get("description", ""),
        "order": order,
    }


@transaction.atomic
def load(data: dict[str, Any]) -> IndexSystem:
    """Store one system as its file states it (a draft is updated, a frozen version is left as it is)."""
    system = IndexSystem.objects.filter(code=data["code"], version=data.get("version", 1)).first()
    if system is not None and system.frozen:
        return system
    values = {name: data[name] for name in SYSTEM_FIELDS if name in data}
    values["bonus_cap"] = Decimal(str(values.get("bonus_cap", 0)))
    system, _created = IndexSystem.objects.update_or_create(
        code=data["code"], version=data.get("version", 1), defaults={**values, "region_id": data["region"]}
    )
    codes = []
    for order, raw in enumerate(data["indicators"], start=1):
        codes.append(raw["code"])
        IndexIndicator.objects.update_or_create(
            system=system, code=raw["code"], defaults=indicator_fields(raw, order)
        )
    system.indicators.exclude(code__in=codes).delete()
    grades = []
    for raw in data["grades"]:
        grades.append(raw["grade"])
        GradeRule.objects.update_or_create(
            system=system,
            grade=raw["grade"],
            defaults={
                "min_score": Decimal(str(raw["min_score"])),
                "max_rank": raw.get("max_rank"),
                "max_share": _decimal(raw.get("max_share")),
            },
        )
    system.grade_rules.exclude(grade__in=grades).delete()
    problems = check_system(spec_of(system))
    if problems:
        raise ValidationError(problems)
    return system


def load_all() -> list[IndexSystem]:
    return [load(read(path)) for path in system_files()]


def spec_of(system: IndexSystem) -> SystemSpec:
    """The database-free form the scorer reads."""
    indicators = tuple(
        IndicatorSpec(
            code=i.code,
            name=i.name,
            weight=i.weight,
            expression=i.expression,
            target=i.target,
            is_bonus=i.is_bonus,
            higher_is_better=i.higher_is_better,
        )
        for i in system.indicators.order_by("order", "id")
    )
    rules = {rule.grade: rule for rule in system.grade_rules.all()}
    grades = tuple(
        GradeSpec(rules[g].grade, rules[g].min_score, rules[g].max_rank, rules[g].max_share)
        for g in GRADE_ORDER
        if g in rules
    )
    return SystemSpec(indicators, grades, system.bonus_cap)


def freeze(system: IndexSystem) -> IndexSystem:
    """Freeze a system for a round; refused (ValidationError) while it cannot score one."""
    if system.frozen:
        return system
    problems = check_system(spec_of(system))
    if problems:
        raise ValidationError(problems)
    system.status, system.frozen_at = IndexStatus.FROZEN, timezone.now()
    system._change_reason = _("评价轮次启动，指标体系冻结")
    system.save(update_fields=["status", "frozen_at"])
    return system


@transaction.atomic
def new_version(system: IndexSystem) -> IndexSystem:
    """A draft copy of a system under the next version number, to be edited for later rounds."""
    latest = IndexSystem.objects.filter(code=system.code).order_by("-version").first()
    copy = IndexSystem.objects.create(
        code=system.code,
        version=latest.version + 1,
        region_id=system.region_id,
        **{name: getattr(system, name) for name in SYSTEM_FIELDS},
    )
    for indicator in system.indicators.all():
        indicator.pk, indicator.system = None, copy
        indicator.save()
    for rule in system.grade_rules.all():
        rule.pk, rule.system = None, copy
        rule.save()
    return copy

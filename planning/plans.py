"""Plans as reviewed data: the YAML files in planning/data/ (one per policy) and how they are stored.

Each file names its policy by code and lists its indicators (with baseline, targets and 口径) and its tasks
(with units, deadlines and milestones), each tied to a clause path. Loading validates the whole file first and
writes it in one transaction; loading again updates in place (indicators by code, tasks by clause and title),
so reported values and progress reports survive a reload.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field, field_validator

from planning import indicators
from planning.models import Indicator, Milestone, PathShape, Target, Task, TaskUnit, UnitRole
from planning.units import unit_key
from registry.models import Region

DATA_DIR = Path(__file__).resolve().parent / "data"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BaselineIn(Strict):
    year: int
    value: Decimal


class TargetIn(Strict):
    year: int
    value: Decimal
    comparator: Literal[">=", ">", "=", "<=", "<"] = ">="
    accumulation: Literal["cumulative", "yearly"] = "cumulative"


class IndicatorIn(Strict):
    code: str
    name: str
    unit: str = ""
    clause: str = ""
    source_text: str = ""
    definition: str = ""
    responsible_units: list[str] = []
    parent: str | None = None
    kind: Literal["computed", "reported"]
    definition_key: str = ""
    params: dict[str, Any] = {}
    baseline: BaselineIn | None = None
    growth_rate: Decimal | None = None
    path_shape: Literal["linear", "growth"] = "linear"
    targets: list[TargetIn] = Field(min_length=1)

    @field_validator("targets")
    @classmethod
    def one_target_a_year(cls, targets: list[TargetIn]) -> list[TargetIn]:
        years = [target.year for target in targets]
        if len(years) != len(set(years)):
            raise ValueError("同一年份只能有一个目标值")
        return targets


class MilestoneIn(Strict):
    title: str
    due: dt.date
    due_text: str = ""


class TaskIn(Strict):
    clause: str
    title: str
    text: str = ""
    lead_units: list[str] = []
    cooperating_units: list[str] = []
    deadline: dt.date | None = None
    deadline_text: str = ""
    milestones: list[MilestoneIn] = []


class PlanIn(Strict):
    policy: str
    region: str
    indicators: list[IndicatorIn] = []
    tasks: list[TaskIn] = []


def read(path: Path) -> PlanIn:
    plan = PlanIn.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    codes = {indicator.code for indicator in plan.indicators}
    for indicator in plan.indicators:
        if indicator.kind == "computed":
            indicators.definition_for(indicator.definition_key).validate(indicator.params)
        if indicator.parent and indicator.parent not in codes:
            raise ValidationError(
                f"{path.name}：指标 {indicator.code} 的上级指标 {indicator.parent} 不存在。"
            )
    return plan


def _policy_and_clauses(policy_code: str) -> tuple[Any, dict[str, Any]]:
    """The plan's document, if imported, and its clauses by path: two queries for the whole plan."""
    from policies.models import PolicyDocument

    document = PolicyDocument.objects.filter(code=policy_code).first()
    clauses = {clause.path: clause for clause in document.clauses.exclude(path="")} if document else {}
    return document, clauses


@transaction.atomic
def store(plan: PlanIn) -> tuple[int, int]:
    """Write a validated plan; returns (indicators, tasks) stored."""
    region = Region.objects.get(code=plan.region)
    document, clauses = _policy_and_clauses(plan.policy)
    stored: dict[str, Indicator] = {}
    for order, item in enumerate(plan.indicators):
        indicator, _ = Indicator.objects.update_or_create(
            code=item.code,
            defaults={
                "name": item.name,
                "unit": item.unit,
                "region": region,
                "definition": item.definition,
                "responsible_units": item.responsible_units,
                "policy": document,
                "policy_code": plan.policy,
                "clause": clauses.get(item.clause),
                "clause_path": item.clause,
                "source_text": item.source_text,
                "kind": item.kind,
                "definition_key": item.definition_key,
                "params": item.params,
                "baseline_year": item.baseline.year if item.baseline else None,
                "baseline_value": item.baseline.value if item.baseline else None,
                "growth_rate": item.growth_rate,
                "path_shape": PathShape(item.path_shape),
                "order": order,
                "parent": stored.get(item.parent) if item.parent else None,
            },
        )
        stored[item.code] = indicator
        indicator.targets.exclude(year__in=[t.year for t in item.targets]).delete()
        for target in item.targets:
            Target.objects.update_or_create(
                indicator=indicator,
                year=target.year,
                defaults={
                    "value": target.value,
                    "comparator": target.comparator,
                    "accumulation": target.accumulation,
                },
            )
    for order, item in enumerate(plan.tasks):
        task, _ = Task.objects.update_or_create(
            policy_code=plan.policy,
            clause_path=item.clause,
            title=item.title,
            defaults={
                "policy": document,
                "clause": clauses.get(item.clause),
                "region": region,
                "text": item.text,
                "deadline": item.deadline,
                "deadline_text": item.deadline_text,
                "order": order,
            },
        )
        set_units(task, item.lead_units, item.cooperating_units)
        for milestone in item.milestones:
            Milestone.objects.update_or_create(
                task=task,
                title=milestone.title,
                defaults={"due": milestone.due, "due_text": milestone.due_text},
            )
    return len(plan.indicators), len(plan.tasks)


def set_units(task: Task, lead: list[str], cooperating: list[str]) -> None:
    """Replace a task's units; a unit named both as lead and cooperating counts as lead."""
    task.units.all().delete()
    seen: set[str] = set()
    units = []
    for role, names in ((UnitRole.LEAD, lead), (UnitRole.COOPERATING, cooperating)):
        for order, name in enumerate(names):
            key = unit_key(name)
            if key and key not in seen:
                seen.add(key)
                units.append(TaskUnit(task=task, name=name.strip(), key=key, role=role, order=order))
    TaskUnit.objects.bulk_create(units)


def plan_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def load_all() -> list[tuple[str, int, int]]:
    """Validate every file first, then store them all; returns (policy, indicators, tasks) per file."""
    plans = [read(path) for path in plan_files()]
    with transaction.atomic():
        return [(plan.policy, *store(plan)) for plan in plans]

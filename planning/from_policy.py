"""Ledger tasks and indicators from a confirmed policy document (the policy pages' buttons call these).

The document's reviewed extractions (responsible units, deadlines, targets) are used where it has any;
otherwise units are read from each clause's closing parenthesis and targets from the clause text. Running
either function again updates what it created before and adds only what is new.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.db import transaction

from accounts.models import User
from planning.models import Indicator, IndicatorKind, Milestone, Target, Task
from planning.plans import set_units
from planning.units import units_in_text
from policies.models import Deadline, PolicyTarget, ResponsibleUnit
from registry.vocabulary import QualificationType

TITLE_LENGTH = 60
# Indicator names that the registry can count, and how.
COMPUTABLE = {
    "高新技术企业": ("qualified_organizations", {"qualification": QualificationType.HIGH_TECH_ENTERPRISE}),
    "科技型中小企业": ("qualified_organizations", {"qualification": QualificationType.TECH_SME}),
}
# A clause sets targets for a year (“到2027年”); each phrase after it may name one: “……达到600家以上”.
TARGET_YEAR = re.compile(r"到(20\d\d)年")
TARGET_PHRASE = re.compile(
    r"(?P<name>[\u4e00-\u9fa5、]{2,30}?)(?:分别)?(?P<verb>达到|突破|超过|保持在)"
    r"(?P<value>\d+(?:\.\d+)?)(?P<unit>%|家|个|人|项|亿元|万元)"
)


def _title(clause: Any) -> str:
    if clause.heading:
        return clause.heading[:TITLE_LENGTH]
    first = re.split(r"[。；]", clause.text.strip(), maxsplit=1)[0]
    return first[:TITLE_LENGTH]


def _units(clause: Any) -> tuple[list[str], list[str]]:
    found = list(ResponsibleUnit.objects.filter(clause=clause).order_by("start", "id"))
    if found:
        lead = [unit.name for unit in found if unit.role == "lead"]
        return lead, [unit.name for unit in found if unit.role != "lead"]
    return units_in_text(clause.text)


def _deadlines(clause: Any) -> list[Any]:
    return list(Deadline.objects.filter(clause=clause, kind="deadline").order_by("date", "id"))


@transaction.atomic
def create_tasks_from_document(document: Any, user: User | None) -> list[Task]:
    """One task per clause that names its responsible units, with its deadlines as milestones."""
    tasks = []
    for clause in document.clauses.order_by("order"):
        lead, cooperating = _units(clause)
        if not lead and not cooperating:
            continue
        deadlines = _deadlines(clause)
        last = deadlines[-1] if deadlines else None
        task = Task.objects.filter(policy_code=document.code, clause_path=clause.path).first() or Task(
            policy_code=document.code, clause_path=clause.path
        )
        task.policy, task.clause, task.region_id = document, clause, document.region_id
        task.title, task.text, task.order = _title(clause), clause.text, clause.order
        task.deadline = last.date if last else task.deadline
        task.deadline_text = last.text if last else task.deadline_text
        task._history_user = user
        task.save()
        set_units(task, lead, cooperating)
        if len(deadlines) > 1:
            for deadline in deadlines:
                Milestone.objects.update_or_create(
                    task=task, title=deadline.text, defaults={"due": deadline.date, "due_text": deadline.text}
                )
        tasks.append(task)
    return tasks


def _targets(document: Any) -> list[dict[str, Any]]:
    found = PolicyTarget.objects.filter(document=document, year__isnull=False).select_related("clause")
    if found.exists():
        return [
            {
                "clause": t.clause,
                "name": t.indicator,
                "value": t.value,
                "unit": t.unit,
                "year": t.year,
                "comparator": t.comparator,
                "text": t.text,
            }
            for t in found.order_by("start", "id")
        ]
    targets = []
    for clause in document.clauses.order_by("order"):
        year = TARGET_YEAR.search(clause.text)
        if year is None:
            continue
        for phrase in re.split(r"[，；。]", clause.text[year.end() :]):
            for match in TARGET_PHRASE.finditer(phrase):
                targets.append(
                    {
                        "clause": clause,
                        "name": match["name"].strip("、"),
                        "value": Decimal(match["value"]),
                        "unit": match["unit"],
                        "year": int(year.group(1)),
                        "text": match[0],
                        "comparator": ">" if match["verb"] in {"突破", "超过"} else ">=",
                    }
                )
    return targets


@transaction.atomic
def create_indicators_from_document(document: Any, user: User | None) -> list[Indicator]:
    """One indicator per named target (the same name in the same clause gathers its yearly targets)."""
    indicators: dict[tuple[str, str], Indicator] = {}
    for target in _targets(document):
        clause_path = target["clause"].path if target["clause"] else ""
        key = (clause_path, target["name"])
        indicator = (
            indicators.get(key)
            or Indicator.objects.filter(
                policy_code=document.code, clause_path=clause_path, name=target["name"]
            ).first()
        )
        if indicator is None:
            definition_key, params = COMPUTABLE.get(target["name"], ("", {}))
            indicator = Indicator(
                code=_new_code(document.code),
                name=target["name"],
                policy_code=document.code,
                clause_path=clause_path,
                kind=IndicatorKind.COMPUTED if definition_key else IndicatorKind.REPORTED,
                definition_key=definition_key,
                params=params,
            )
        indicator.policy, indicator.clause, indicator.region_id = (
            document,
            target["clause"],
            document.region_id,
        )
        indicator.unit, indicator.source_text = target["unit"], target["text"]
        indicator._history_user = user
        indicator.save()
        Target.objects.update_or_create(
            indicator=indicator,
            year=target["year"],
            defaults={"value": target["value"], "comparator": target["comparator"]},
        )
        indicators[key] = indicator
    return list(indicators.values())


def _new_code(policy_code: str) -> str:
    prefix = policy_code[:64]
    taken = set(Indicator.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    number = len(taken) + 1
    while f"{prefix}-{number}" in taken:
        number += 1
    return f"{prefix}-{number}"

"""The bureau's edit of an index system on its page: indicators (added, changed, removed) with their
weights and scoring formulas, the grade rules and the bonus cap.

The edited system is checked whole before anything is written (every formula in the safe expression
language, targets where a formula reads one, non-bonus weights adding up to 100, grade rules present);
then it is written in one transaction. A frozen version (a round has used it) is never changed: the edit
becomes a new version, and says so. Each saved edit is an `IndexSystemEdit` row (who, when, why, every
change as before → after) besides the historical rows simple-history keeps of each part.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from evaluation import systems
from evaluation.models import GradeRule, IndexIndicator, IndexSystem, IndexSystemEdit
from evaluation.scoring import GradeSpec, IndicatorSpec, SystemSpec, check_system, compile_score
from evaluation.vocabulary import GRADE_ORDER, Method

INDICATOR_FIELDS = ("name", "category", "weight", "is_bonus", "expression", "target", "description")
GRADE_FIELDS = ("min_score", "max_rank", "max_share")


@dataclass(frozen=True)
class Outcome:
    system: IndexSystem  # the version the edit is saved in
    new_version: bool
    edit: IndexSystemEdit


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _label(model: type, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _change(item: str, field: str, before: Any, after: Any) -> dict[str, str]:
    return {"item": item, "field": field, "before": _shown(before), "after": _shown(after)}


def changes_of(
    system: IndexSystem,
    bonus_cap: Decimal,
    rows: Sequence[Mapping[str, Any]],
    grades: Sequence[Mapping[str, Any]],
) -> list[dict[str, str]]:
    """Every difference between the stored system and the edit, as people read it."""
    found = []
    if bonus_cap != system.bonus_cap:
        found.append(_change(str(system), _label(IndexSystem, "bonus_cap"), system.bonus_cap, bonus_cap))
    stored = {indicator.pk: indicator for indicator in system.indicators.all()}
    for row in rows:
        indicator = stored.get(row.get("id"))
        if row.get("delete"):
            if indicator is not None:
                found.append(_change(indicator.name, _("指标"), indicator.name, _("删除")))
        elif indicator is None:
            found.append(_change(row["name"], _("指标"), None, _("新增")))
        else:
            for name in INDICATOR_FIELDS:
                if getattr(indicator, name) != row[name]:
                    found.append(
                        _change(
                            indicator.name, _label(IndexIndicator, name), getattr(indicator, name), row[name]
                        )
                    )
    rules = {rule.grade: rule for rule in system.grade_rules.all()}
    for row in grades:
        rule = rules[row["grade"]]
        for name in GRADE_FIELDS:
            if getattr(rule, name) != row[name]:
                item = _("等次“%(grade)s”") % {"grade": rule.get_grade_display()}
                found.append(_change(item, _label(GradeRule, name), getattr(rule, name), row[name]))
    return found


def check_formula(expression: str) -> None:
    """A scoring formula in the safe expression language, or a ValidationError saying what is wrong."""
    try:
        compile_score(expression)
    except ValueError as error:
        raise ValidationError(_("计分公式有误：%(error)s") % {"error": error}) from None


def _spec(
    system: IndexSystem, rows: Sequence[Mapping[str, Any]], grades: Sequence[Mapping[str, Any]]
) -> SystemSpec:
    stored = {indicator.pk: indicator for indicator in system.indicators.all()}
    indicators = tuple(
        IndicatorSpec(
            code=stored[row["id"]].code if row.get("id") in stored else f"new-{position}",
            name=row["name"],
            weight=row["weight"],
            expression=row["expression"],
            target=row["target"],
            is_bonus=row["is_bonus"],
        )
        for position, row in enumerate(rows)
        if not row.get("delete")
    )
    by_grade = {row["grade"]: row for row in grades}
    rules = tuple(
        GradeSpec(
            grade, by_grade[grade]["min_score"], by_grade[grade]["max_rank"], by_grade[grade]["max_share"]
        )
        for grade in GRADE_ORDER
        if grade in by_grade
    )
    return SystemSpec(indicators, rules, Decimal(0))


@transaction.atomic
def save_edit(
    system: IndexSystem,
    bonus_cap: Decimal,
    rows: Sequence[Mapping[str, Any]],
    grades: Sequence[Mapping[str, Any]],
    *,
    by: User,
    note: str,
) -> Outcome:
    """Check the edited system whole, then write it (into a new version when `system` is frozen).

    `rows` are the indicators as edited (`id` None for a new one, `delete` to remove one), `grades` the
    grade rules by grade. Raises ValidationError with every problem, and writes nothing, when the edit
    cannot be used for a round or changes nothing."""
    if not note.strip():
        raise ValidationError(_("请填写修改说明。"))
    problems = check_system(_spec(system, rows, grades))
    if problems:
        raise ValidationError(problems)
    changes = changes_of(system, bonus_cap, rows, grades)
    if not changes:
        raise ValidationError(_("没有修改任何内容。"))
    based_on = system if system.frozen else None
    target = systems.new_version(system) if based_on else system
    codes = dict(system.indicators.values_list("pk", "code"))
    by_code = {indicator.code: indicator for indicator in target.indicators.all()}
    for order, row in enumerate(rows, start=1):
        indicator = by_code.get(codes.get(row.get("id"), ""))
        if row.get("delete"):
            if indicator is not None:
                _audited(indicator, by, note).delete()
            continue
        if indicator is None:
            indicator = IndexIndicator(system=target, code=_free_code(target))
        old_expression = indicator.expression
        for name in INDICATOR_FIELDS:
            setattr(indicator, name, row[name])
        indicator.order = order
        if indicator.expression != old_expression:
            # A changed formula is no longer the band or line its method named; an expert mark stays one.
            names = compile_score(indicator.expression).names
            indicator.method = Method.EXPERT if "expert" in names else Method.FORMULA
        _audited(indicator, by, note).save()
    rules = {rule.grade: rule for rule in target.grade_rules.all()}
    for row in grades:
        rule = rules[row["grade"]]
        for name in GRADE_FIELDS:
            setattr(rule, name, row[name])
        _audited(rule, by, note).save()
    target.bonus_cap = bonus_cap
    _audited(target, by, note).save()
    edit = IndexSystemEdit.objects.create(
        system=target, based_on=based_on, edited_by=by, note=note.strip(), changes=changes
    )
    return Outcome(target, based_on is not None, edit)


def _audited(record: Any, by: User, note: str) -> Any:
    record._history_user, record._change_reason = by, note.strip()
    return record


def _free_code(system: IndexSystem) -> str:
    taken = set(system.indicators.values_list("code", flat=True))
    number = len(taken) + 1
    while f"indicator_{number}" in taken:
        number += 1
    return f"indicator_{number}"

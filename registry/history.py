"""The audit trail of a registry record, read from django-simple-history: who changed what, when,
each field as before → after in the words a person reads (choice labels, names, not codes or ids)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import utils as history_utils
from simple_history.models import DeletedObject

# A record's page shows the most recent changes; older ones stay in the admin's history view.
TRAIL_LENGTH = 30

ACTIONS = {"+": _("创建"), "~": _("修改"), "-": _("删除")}


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class TrailEntry:
    when: dt.datetime
    who: str
    action: str
    reason: str
    changes: list[FieldChange]


def _display(field: models.Field, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, DeletedObject):
        # simple-history hands an unset foreign key over as a DeletedObject without a key.
        return "—" if value.pk is None else _("（已删除 #%(pk)s）") % {"pk": value.pk}
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _m2m_display(field: models.ManyToManyField, rows: list[dict[str, Any]]) -> str:
    target = history_utils.get_m2m_reverse_field_name(field)
    return "、".join(_display(field, row[target]) for row in rows) or "—"


def _changes(newer: Any, older: Any) -> list[FieldChange]:
    model = newer.instance_type
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    changes = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            before, after = _m2m_display(field, change.old), _m2m_display(field, change.new)
        else:
            before, after = _display(field, change.old), _display(field, change.new)
        changes.append(FieldChange(str(field.verbose_name), before, after))
    return changes


def audit_trail(record: models.Model, limit: int = TRAIL_LENGTH) -> list[TrailEntry]:
    """The latest changes to a record, newest first; a creation lists no field changes."""
    # One extra row lets the oldest shown change be diffed against the state before it.
    history = record.history.select_related("history_user").order_by("-history_date", "-history_id")
    rows = list(history[: limit + 1])
    trail = []
    for newer, older in zip(rows[:limit], rows[1:] + [None], strict=False):
        changes = _changes(newer, older) if older is not None and newer.history_type == "~" else []
        if newer.history_type == "~" and not changes:
            continue
        user = newer.history_user
        trail.append(
            TrailEntry(
                when=newer.history_date,
                who=str(user) if user else str(_("系统")),
                action=ACTIONS.get(newer.history_type, newer.history_type),
                reason=newer.history_change_reason or "",
                changes=changes,
            )
        )
    return trail

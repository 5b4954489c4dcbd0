"""Reviewing a stored document: its text cut into highlighted segments, corrections to its extractions,
confirmation, and the audit trail of every correction (read from django-simple-history)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from policies import unit_aliases
from policies.models import (
    Clause,
    Deadline,
    DocumentStatus,
    Extraction,
    MoneyProvision,
    Origin,
    PolicyDocument,
    PolicyTarget,
    ResponsibleUnit,
    plain_number,
)


@dataclass(frozen=True)
class Kind:
    code: str
    label: str | Promise
    model: type[Extraction]


# In the order the side panel lists them; `code` is also the highlight's CSS class and the URL segment.
KINDS = {
    kind.code: kind
    for kind in (
        Kind("unit", _("责任单位"), ResponsibleUnit),
        Kind("money", _("资金"), MoneyProvision),
        Kind("target", _("目标"), PolicyTarget),
        Kind("date", _("时间"), Deadline),
    )
}


@dataclass
class Group:
    kind: Kind
    items: list[Extraction]

    @cached_property
    def preamble(self) -> list[Extraction]:
        """Goals the document states before its first clause; the page lists them apart, first."""
        if self.kind.model is not PolicyTarget:
            return []
        return [item for item in self.items if item.clause_id is None]

    @cached_property
    def in_clauses(self) -> list[Extraction]:
        return [item for item in self.items if item not in self.preamble]


def grouped_items(document: PolicyDocument) -> list[Group]:
    return [
        Group(kind, list(kind.model.objects.filter(document=document).select_related("clause")))
        for kind in KINDS.values()
    ]


@dataclass
class Segment:
    """A stretch of text covered by the same extractions; `start` lets the page map a selection back."""

    start: int
    text: str
    marks: list[str] = field(default_factory=list)  # "money-12": kind code and primary key

    @property
    def kind(self) -> str:
        """The colour of the innermost extraction, which the reader most likely means."""
        return self.marks[-1].split("-")[0] if self.marks else ""


def segments(document: PolicyDocument, groups: list[Group]) -> list[Segment]:
    text = document.text
    spans = [
        (item.start, item.end, f"{group.kind.code}-{item.pk}") for group in groups for item in group.items
    ]
    bounds = {min(offset, len(text)) for s, e, _mark in spans for offset in (s, e)}
    cuts = sorted({0, len(text), *bounds})
    # Longer spans first, so that the last mark of a segment is the innermost one.
    spans.sort(key=lambda span: span[0] - span[1])
    result = []
    for start, end in pairwise(cuts):
        marks = [mark for s, e, mark in spans if s <= start and end <= e]
        result.append(Segment(start, text[start:end], marks))
    return result


def clause_at(document: PolicyDocument, start: int, end: int) -> Clause | None:
    """The innermost clause holding the span: the one that starts last among those that contain it."""
    return document.clauses.filter(start__lte=start, end__gte=end).order_by("-start", "-order").first()


def check_span(document: PolicyDocument, start: int, end: int) -> None:
    if not 0 <= start < end <= len(document.text):
        raise ValidationError(_("所选文字的位置无效，请在正文中重新选择。"))


def selected_span(document: PolicyDocument, start: int, end: int) -> tuple[int, int]:
    """The selection without the blank space a mouse drag tends to catch at either end."""
    check_span(document, start, end)
    text = document.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    check_span(document, start, end)
    return start, end


def require_draft(document: PolicyDocument) -> None:
    if document.is_confirmed:
        raise ValidationError(_("文件已确认，不能再修改提取结果。"))


def save_correction(item: Extraction, user: User) -> Extraction:
    """Save a person's edit of an extracted (or earlier added) item; history keeps the before and after.
    A renamed unit teaches the unit dictionary its spelling (policies.unit_aliases)."""
    require_draft(item.document)
    if item.origin == Origin.EXTRACTED:
        item.origin = Origin.EDITED
    item._history_user = user
    with transaction.atomic():
        if isinstance(item, ResponsibleUnit):
            previous = ResponsibleUnit.objects.select_for_update().get(pk=item.pk)
            item.save()
            unit_aliases.learn_from_correction(item, previous.name, user)
        else:
            item.save()
    return item


def add_item(item: Extraction, user: User) -> Extraction:
    """Store an item a person marked in the text; its clause is the one the selection falls in."""
    require_draft(item.document)
    check_span(item.document, item.start, item.end)
    item.clause = clause_at(item.document, item.start, item.end)
    item.origin = Origin.ADDED
    item._history_user = user
    item.save()
    return item


def delete_item(item: Extraction, user: User) -> None:
    require_draft(item.document)
    item._history_user = user
    item.delete()


def save_metadata(document: PolicyDocument, user: User) -> PolicyDocument:
    require_draft(document)
    document._history_user = user
    document.save()
    return document


def confirm(document: PolicyDocument, user: User) -> PolicyDocument:
    if document.is_confirmed:
        raise ValidationError(_("文件已经确认过了。"))
    with transaction.atomic():
        document.status = DocumentStatus.CONFIRMED
        document.confirmed_by = user
        document.confirmed_at = timezone.now()
        document._history_user = user
        document.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return document


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Correction:
    when: dt.datetime
    who: str
    kind: str
    action: str
    item: str
    changes: list[Change]


ACTIONS = {"+": _("添加"), "~": _("修改"), "-": _("删除")}
# Fields a person never edits directly; their changes follow from the others.
UNSHOWN_FIELDS = {"origin", "clause", "document", "start", "end", "confirmed_at", "confirmed_by"}


def corrections(document: PolicyDocument) -> list[Correction]:
    """Every change a person made to the document and its extractions, newest first.

    What the pipeline stored at import is not a correction; an item a person added is."""
    entries = []
    histories: list[tuple[str | Promise, models.QuerySet]] = [(_("文件信息"), document.history.all())]
    histories += [(kind.label, kind.model.history.filter(document_id=document.pk)) for kind in KINDS.values()]
    for label, history in histories:
        by_record: dict[int, list[models.Model]] = {}
        for record in history.select_related("history_user").order_by("history_date", "history_id"):
            by_record.setdefault(record.id, []).append(record)
        for records in by_record.values():
            for older, newer in pairwise([None, *records]):
                entry = _correction(str(label), older, newer)
                if entry is not None:
                    entries.append(entry)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _correction(label: str, older: models.Model | None, newer: models.Model) -> Correction | None:
    if newer.history_type == "+" and getattr(newer, "origin", None) != Origin.ADDED:
        return None
    changes = []
    if newer.history_type == "~" and older is not None:
        model = newer.instance_type
        for change in newer.diff_against(older).changes:
            if change.field in UNSHOWN_FIELDS:
                continue
            model_field = model._meta.get_field(change.field)
            changes.append(
                Change(
                    str(model_field.verbose_name),
                    _display(model_field, change.old),
                    _display(model_field, change.new),
                )
            )
        if not changes:
            return None
    user = newer.history_user
    return Correction(
        when=newer.history_date,
        who=str(user) if user else str(_("系统")),
        kind=label,
        action=str(ACTIONS[newer.history_type]),
        item=str(newer.instance),
        changes=changes,
    )


def _display(model_field: models.Field, value: object) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return plain_number(value)
    return str(value)

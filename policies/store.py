"""Saving what the ingestion pipeline produced (a `ParsedDocument`) into the policies models.

Everything is checked before the first write and written in one transaction, so a document is either
stored whole (clauses, units, money, targets, dates and its source file) or not at all."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from policies.ingest.schema import ParsedDocument
from policies.models import (
    Clause,
    Deadline,
    DocumentStatus,
    Extraction,
    MoneyProvision,
    PolicyDocument,
    PolicyTarget,
    ResponsibleUnit,
)
from registry.models import Region


class StoreError(Exception):
    """The parsed document cannot be stored; `problems` lists every reason, in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems))


class DuplicateDocument(StoreError):
    """The upload is a policy already loaded (same 文号 or same text); `existing` is that document."""

    def __init__(self, existing: PolicyDocument) -> None:
        self.existing = existing
        super().__init__(
            [
                _("这份文件已经导入过：“%(title)s”。请打开已有的文件核对，不要重复导入。")
                % {"title": existing.title}
            ]
        )


@dataclass(frozen=True)
class SourceFile:
    name: str
    data: bytes


def upload_code(today: dt.date | None = None) -> str:
    """A fresh identifier for an uploaded document (the seeds carry readable ones, see policies.seeds)."""
    day = today or timezone.localdate()
    return f"upload-{day:%Y%m%d}-{secrets.token_hex(4)}"


def store_parsed(
    parsed: ParsedDocument,
    *,
    code: str,
    region: Region,
    user: User | None = None,
    source: SourceFile | None = None,
    confirmed: bool = False,
) -> PolicyDocument:
    """Store a parsed document with all its extractions, or raise StoreError and store nothing."""
    document = PolicyDocument(
        code=code,
        region=region,
        title=parsed.title,
        doc_number=parsed.doc_number,
        issuer=parsed.issuer,
        issued_date=parsed.issued_date,
        effective_from=parsed.effective_from,
        effective_until=parsed.effective_until,
        text=parsed.text,
        created_by=user,
    )
    if confirmed:
        document.status = DocumentStatus.CONFIRMED
        document.confirmed_by = user
        document.confirmed_at = timezone.now()
    clauses = [
        Clause(path=c.path, heading=c.heading, text=c.text, order=order, start=c.start, end=c.end)
        for order, c in enumerate(parsed.clauses)
    ]
    units = [
        (clause.path, ResponsibleUnit(name=u.name, raw=u.raw, role=u.role, start=u.start, end=u.end))
        for clause in parsed.clauses
        for u in clause.units
    ]
    money = [
        (
            m.clause_path,
            MoneyProvision(
                text=m.text,
                amount_yuan=m.amount_yuan,
                kind=m.kind,
                ratio=m.ratio,
                per_unit=m.per_unit or "",
                beneficiary=m.beneficiary,
                start=m.start,
                end=m.end,
            ),
        )
        for m in parsed.money
    ]
    targets = [
        (
            t.clause_path,
            PolicyTarget(
                text=t.text,
                indicator=t.indicator,
                value=t.value,
                unit=t.unit,
                year=t.year,
                comparator=t.comparator,
                start=t.start,
                end=t.end,
            ),
        )
        for t in parsed.targets
    ]
    dates = [
        (d.clause_path, Deadline(text=d.text, date=d.date, kind=d.kind, start=d.start, end=d.end))
        for d in parsed.dates
    ]
    items = [*units, *money, *targets, *dates]
    _check(parsed, document, clauses, items)

    with transaction.atomic():
        document._history_user = user
        document.save()
        by_path: dict[str, Clause] = {}
        for clause in clauses:
            clause.document = document
            clause.parent = by_path.get(_parent_path(clause.path, by_path))
            clause._history_user = user
            clause.save()
            by_path[clause.path] = clause
        for path, item in items:
            item.document = document
            item.clause = by_path.get(path) if path else None
        for model in (ResponsibleUnit, MoneyProvision, PolicyTarget, Deadline):
            rows = [item for _path, item in items if isinstance(item, model)]
            bulk_create_with_history(rows, model, default_user=user)
        if source is not None:
            _save_source(document, source)
    return document


def _parent_path(path: str, known: Iterable[str]) -> str:
    """The nearest enclosing clause already seen: 二.(一).3 → 二.(一), or 二 if (一) was not a clause."""
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:cut])
        if candidate in known:
            return candidate
    return ""


def _save_source(document: PolicyDocument, source: SourceFile) -> None:
    # The file is written last, inside the transaction; if the write fails the rows roll back with it.
    try:
        document.source_file.save(source.name, ContentFile(source.data), save=True)
    except Exception:
        if document.source_file.name:
            document.source_file.storage.delete(document.source_file.name)
        raise


def _check(
    parsed: ParsedDocument,
    document: PolicyDocument,
    clauses: list[Clause],
    items: list[tuple[str | None, Extraction]],
) -> None:
    problems: list[str] = []
    if not parsed.text.strip():
        problems.append(_("文件没有可识别的正文"))
    if PolicyDocument.objects.filter(code=document.code).exists():
        problems.append(_("文件标识“%(code)s”已被使用") % {"code": document.code})
    problems += _field_problems(
        document, _("文件"), exclude=["region", "source_file", "created_by", "confirmed_by"]
    )

    paths = [clause.path for clause in clauses]
    duplicates = sorted(path for path, count in Counter(paths).items() if count > 1)
    if duplicates:
        problems.append(_("条款编号重复：%(paths)s") % {"paths": "、".join(duplicates)})
    length = len(parsed.text)
    for clause in clauses:
        label = _("条款 %(path)s") % {"path": clause.path}
        problems += _span_problems(clause, length, label)
        problems += _field_problems(clause, label, exclude=["document", "parent"])
    known = set(paths)
    for path, item in items:
        label = _("%(kind)s“%(item)s”") % {"kind": item._meta.verbose_name, "item": item}
        if path and path not in known:
            problems.append(_("%(item)s所属的条款 %(path)s 不存在") % {"item": label, "path": path})
        elif path is None and not isinstance(item, Deadline | PolicyTarget):
            # dates (issue, effective window) and preamble goals belong to the document, not a clause
            problems.append(_("%(item)s缺少所属条款") % {"item": label})
        problems += _span_problems(item, length, label)
        problems += _field_problems(item, label, exclude=["document", "clause"])
    if problems:
        raise StoreError(problems)


def _span_problems(item: Clause | Extraction, length: int, label: str) -> list[str]:
    start, end = item.start, item.end
    if not 0 <= start < end <= length:
        return [
            _("%(item)s的位置 %(start)s–%(end)s 超出正文范围（0–%(length)s）")
            % {"item": label, "start": start, "end": end, "length": length}
        ]
    return []


def _field_problems(instance: models.Model, label: str, exclude: list[str]) -> list[str]:
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        return [
            _("%(item)s的%(field)s：%(messages)s")
            % {
                "item": label,
                "field": instance._meta.get_field(field).verbose_name,
                "messages": "；".join(messages),
            }
            for field, messages in error.message_dict.items()
        ]
    return []


def ingest_upload(filename: str, data: bytes, *, region: Region, user: User) -> PolicyDocument:
    """Parse an uploaded file and store it as a draft for review; any failure stores nothing, and a
    policy already loaded is refused with DuplicateDocument."""
    from policies.duplicates import existing_copy
    from policies.ingest import IngestError, parse_bytes
    from policies.unit_aliases import learned_dictionary

    try:
        parsed = parse_bytes(data, filename, dictionary=learned_dictionary(region))
    except IngestError as error:
        raise StoreError([str(error)]) from error
    existing = existing_copy(parsed)
    if existing is not None:
        raise DuplicateDocument(existing)
    source = SourceFile(filename, data)
    return store_parsed(parsed, code=upload_code(), region=region, user=user, source=source)

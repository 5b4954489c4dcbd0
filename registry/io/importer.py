"""Importing registry records from a file: validate every row, then write all of them or none.

Speed matters (a city's enterprise list is 100,000 rows), so natural keys are preloaded with one query
each, cells are checked by plain functions rather than `full_clean` per row, and writes go in batches
with their django-simple-history rows (registry.io.bulk) so that every created or changed record
carries its author in the audit trail.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext

from accounts.models import User
from registry.adcodes import region_name
from registry.io.bulk import create_with_history, update_with_history
from registry.io.columns import CellError, Column, KindColumns, Lookups, cell_text, layouts
from registry.io.formats import Source, Table, read_table
from registry.io.report import ImportReport, RowError
from registry.models import Organization, Region
from registry.vocabulary import OrganizationKind

BATCH_SIZE = 2000
PREVIEW_ROWS = 10
CHANGE_REASON = "批量导入"
# How often a long import reports how many rows it has validated.
PROGRESS_EVERY = 2000

# Called with the phase ("validating" or "writing") and the rows validated so far.
Progress = Callable[[str, int], None]


def layout_of(kind: str) -> KindColumns:
    try:
        return layouts()[kind]
    except KeyError:
        raise ValueError(f"未知的资源类型“{kind}”，可选：{'、'.join(layouts())}") from None


# Words in file names that people use for a kind besides its code and its plural.
ALIASES = {
    "organization": {"org", "orgs", "organisation", "organisations", "enterprises"},
    "person": {"people", "experts", "talents"},
    "instrument": {"equipment"},
    "annual_data": {"annual", "yearly"},
    "qualification": {"qualifications", "certifications"},
}


def kind_from_filename(path: Path) -> str | None:
    """organizations.xlsx → organization; 2024_platform-list.csv → platform; 机构名录.xlsx → organization."""
    words = {word.lower() for word in re.split(r"[^0-9A-Za-z]+", path.stem) if word}
    for kind, layout in layouts().items():
        names = {kind, f"{kind}s", *ALIASES.get(kind, ())}
        if words & names or layout.label in path.stem:
            return kind
    return None


def import_file(
    source: Source,
    kind: str,
    user: User | AnonymousUser | None = None,
    dry_run: bool = False,
    file_format: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import an .xlsx, .csv or .jsonl file (a path or an open binary file) of one registry kind.

    `progress`, if given, is told the phase and the rows validated every PROGRESS_EVERY rows and once
    more just before the write transaction opens."""
    started = time.perf_counter()
    report = _import(read_table(source, file_format), layout_of(kind), user, dry_run, progress)
    report.seconds = time.perf_counter() - started
    return report


def import_rows(
    rows: Iterable[Mapping[str, Any]],
    kind: str,
    user: User | AnonymousUser | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import records given as mappings keyed by column code or Chinese header, numbered from 1."""
    started = time.perf_counter()
    numbered = [(number, dict(row)) for number, row in enumerate(rows, start=1)]
    headers = list(dict.fromkeys(header for _, row in numbered for header in row))
    report = _import(Table(headers, iter(numbered)), layout_of(kind), user, dry_run, None)
    report.seconds = time.perf_counter() - started
    return report


@dataclass
class _Row:
    number: int
    values: dict[str, Any]  # column code → parsed value
    existing_id: int | None = None


def _columns_of(table: Table, layout: KindColumns, report: ImportReport) -> dict[str, Column]:
    """The file's headers matched to columns; a required column missing is an error for the whole file."""
    known = layout.header_map()
    matched: dict[str, Column] = {}
    seen: dict[str, str] = {}
    for header in table.headers:
        if not header:
            continue
        column = known.get(header)
        if column is None:
            report.warnings.append(gettext("已忽略无法识别的列“%(header)s”。") % {"header": header})
            continue
        if column.code in seen:
            message = gettext("与“%(other)s”是同一列，重复出现") % {"other": seen[column.code]}
            report.errors.append(RowError(0, header, message))
            continue
        seen[column.code] = header
        if column.imported:
            matched[header] = column
    for column in layout.columns:
        if column.required and column.code not in seen:
            report.errors.append(
                RowError(
                    0,
                    column.code,
                    gettext("缺少必填列（表头写“%(code)s”或“%(header)s”）")
                    % {"code": column.code, "header": column.header},
                )
            )
    return matched


def region_names(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Every name a person may write for a region: its full name (淄博市张店区), and its own name (张店区)
    where no other region has it."""
    names: dict[str, str] = {}
    own: dict[str, list[str]] = {}
    for code, name in rows:
        names[region_name(code)] = code
        own.setdefault(name, []).append(code)
    for name, codes in own.items():
        if len(codes) == 1:
            names.setdefault(name, codes[0])
    return names


def _lookups(columns: Iterable[Column], kind: str) -> Lookups:
    attributes = {column.attribute for column in columns}
    lookups = Lookups()
    if "region_id" in attributes:
        lookups.regions = set(Region.objects.values_list("code", flat=True))
        lookups.region_names = region_names(Region.objects.values_list("code", "name"))
    if kind == "organization" or any(column.code.endswith(("_uscc", "_usccs")) for column in columns):
        lookups.organizations = dict(Organization.objects.values_list("uscc", "id"))
        departments = Organization.objects.filter(kind=OrganizationKind.GOVERNMENT_DEPARTMENT)
        lookups.departments = set(departments.values_list("id", flat=True))
    return lookups


def _existing(layout: KindColumns, model: type[models.Model]) -> dict[tuple[Any, ...], int | None]:
    """Stored records by natural key; None marks a key that several stored records share."""
    attributes = [layout.by_code[code].attribute for code in layout.key]
    found: dict[tuple[Any, ...], int | None] = {}
    for *key, pk in model.objects.values_list(*attributes, "pk").iterator(chunk_size=BATCH_SIZE):
        found[tuple(key)] = None if tuple(key) in found else pk
    return found


def parse_row(
    number: int, cells: dict[str, Any], layout: KindColumns, columns: dict[str, Column], lookups: Lookups
) -> tuple[dict[str, Any] | None, list[RowError]]:
    """One row's cells parsed by their columns and the kind's row check: the values, or None and why."""
    values: dict[str, Any] = {}
    errors = []
    for header, column in columns.items():
        try:
            values[column.code] = column.parse(cells.get(header), lookups)
        except CellError as error:
            errors.append(RowError(number, header, str(error)))
    if not errors and layout.row_check:
        key_headers = {column.code: header for header, column in columns.items()}
        errors = [
            RowError(number, key_headers.get(code, code), message)
            for code, message in layout.row_check(values)
        ]
    return (None if errors else values), errors


class KeyCheck:
    """Rows by natural key: a key twice in one file, or one that several stored records share, is an
    error; otherwise the row carries the id of the record it updates."""

    def __init__(self, layout: KindColumns, columns: dict[str, Column]) -> None:
        self.layout = layout
        self.existing = _existing(layout, layout.model)
        key_headers = {column.code: header for header, column in columns.items()}
        self.key_header = key_headers.get(layout.key[0], layout.key[0])
        self.first_seen: dict[tuple[Any, ...], int] = {}

    def check(self, number: int, values: dict[str, Any], errors: list[RowError]) -> _Row | None:
        key = tuple(values.get(code) for code in self.layout.key)
        if key in self.first_seen:
            message = gettext("与第%(row)s行重复（同一条记录只能出现一次）") % {"row": self.first_seen[key]}
            errors.append(RowError(number, self.key_header, message))
            return None
        self.first_seen[key] = number
        existing_id = self.existing.get(key, 0)
        if existing_id is None:
            message = gettext("系统中已有多条相同的记录，无法确定更新哪一条，请在页面上合并后再导入")
            errors.append(RowError(number, self.key_header, message))
            return None
        return _Row(number, values, existing_id or None)


def _validate(
    table: Table,
    layout: KindColumns,
    columns: dict[str, Column],
    lookups: Lookups,
    report: ImportReport,
    progress: Progress | None,
) -> list[_Row]:
    keys = KeyCheck(layout, columns)
    rows: list[_Row] = []
    for number, cells in table.rows:
        report.rows += 1
        if progress is not None and not report.rows % PROGRESS_EVERY:
            progress("validating", report.rows)
        if len(report.preview) < PREVIEW_ROWS:
            report.preview.append([cell_text(cells.get(header)) for header in report.headers])
        values, errors = parse_row(number, cells, layout, columns, lookups)
        report.errors += errors
        row = keys.check(number, values, report.errors) if values is not None else None
        if row is not None:
            rows.append(row)
    return rows


@dataclass
class _Plan:
    creates: list[models.Model]
    updates: list[models.Model]
    changed_fields: set[str]
    # (record, relation name, ids) for many-to-many relations whose members change.
    memberships: list[tuple[models.Model, str, frozenset[int]]]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    # Keeps `pk__in` lists under every database's limit on parameters.
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start : start + BATCH_SIZE]


def _stored_values(model: type[models.Model], attributes: list[str], ids: list[int]) -> dict[int, list[Any]]:
    stored: dict[int, list[Any]] = {}
    for chunk in _chunks(ids):
        for pk, *values in model.objects.filter(pk__in=chunk).values_list("pk", *attributes):
            stored[pk] = values
    return stored


def _current_members(model: type[models.Model], relation: str, ids: list[int]) -> dict[int, set[int]]:
    field = model._meta.get_field(relation)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    members: dict[int, set[int]] = {}
    for chunk in _chunks(ids):
        pairs = field.remote_field.through.objects.filter(**{f"{source}_id__in": chunk})
        for owner, member in pairs.values_list(f"{source}_id", f"{target}_id"):
            members.setdefault(owner, set()).add(member)
    return members


PLAIN = (str, int, float, bool, Decimal, type(None))


def _record_maker(
    model: type[models.Model], columns: list[Column]
) -> Callable[[dict[str, Any]], models.Model]:
    """Builds unsaved records from parsed rows.

    Positional arguments take Django's quick path through `Model.__init__`, twice as fast as keywords,
    which counts at 100,000 rows. Plain defaults are computed once; others (a list, a callable's fresh
    result) once per record.
    """
    fields = model._meta.concrete_fields
    defaults = [field.get_default() for field in fields]
    fresh = [(index, field) for index, field in enumerate(fields) if not isinstance(defaults[index], PLAIN)]
    position = {field.attname: index for index, field in enumerate(fields)}
    slots = [(position[column.attribute], column.code) for column in columns]

    def make(values: dict[str, Any]) -> models.Model:
        arguments = defaults.copy()
        for index, field in fresh:
            arguments[index] = field.get_default()
        for index, code in slots:
            arguments[index] = values[code]
        return model(*arguments)

    return make


def _plan(
    rows: list[_Row], columns: Iterable[Column], model: type[models.Model], report: ImportReport
) -> _Plan:
    """What to create and what to change. Stored values are compared as plain tuples; only records that
    change are loaded as model instances, so re-importing an unchanged list stays cheap."""
    simple = [column for column in columns if not column.many]
    many = [column for column in columns if column.many]
    known = [row.existing_id for row in rows if row.existing_id]
    stored = _stored_values(model, [column.attribute for column in simple], known)
    members = {column.attribute: _current_members(model, column.attribute, known) for column in many}
    plan = _Plan([], [], set(), [])
    new_record = _record_maker(model, simple)
    changing: dict[int, tuple[_Row, list[Column], list[Column]]] = {}
    for row in rows:
        before = stored.get(row.existing_id) if row.existing_id else None
        if before is None:
            record = new_record(row.values)
            plan.creates.append(record)
            plan.memberships += [
                (record, c.attribute, row.values[c.code]) for c in many if row.values[c.code]
            ]
            report.created += 1
            continue
        changed = [
            column for column, old in zip(simple, before, strict=True) if old != row.values[column.code]
        ]
        moved = [c for c in many if row.values[c.code] != members[c.attribute].get(row.existing_id, set())]
        if changed or moved:
            changing[row.existing_id] = (row, changed, moved)
            report.updated += 1
        else:
            report.unchanged += 1
    records = model.objects.in_bulk(list(changing))
    for pk, (row, changed, moved) in changing.items():
        record = records[pk]
        for column in changed:
            setattr(record, column.attribute, row.values[column.code])
        if changed:
            plan.updates.append(record)
            plan.changed_fields.update(column.attribute for column in changed)
        plan.memberships += [(record, column.attribute, row.values[column.code]) for column in moved]
    return plan


def _write(plan: _Plan, model: type[models.Model], user: User | None) -> None:
    with transaction.atomic():
        if plan.creates:
            create_with_history(plan.creates, model, user=user, reason=CHANGE_REASON, batch_size=BATCH_SIZE)
        if plan.updates:
            update_with_history(
                plan.updates,
                model,
                sorted(plan.changed_fields),
                user=user,
                reason=CHANGE_REASON,
                batch_size=BATCH_SIZE,
            )
        for record, relation, ids in plan.memberships:
            # Setting members one record at a time lets simple_history snapshot them with the author.
            record._history_user = user
            record._change_reason = CHANGE_REASON
            getattr(record, relation).set(ids)


def opened(table: Table, kind: str, report: ImportReport) -> tuple[KindColumns, dict[str, Column]] | None:
    """A file's kind and its headers matched to columns; None (the errors in `report`) when its headers
    are wrong, since every row would repeat the same complaint."""
    layout = layout_of(kind)
    report.errors += table.errors
    report.headers = list(table.headers)
    file_errors = len(report.errors)
    columns = _columns_of(table, layout, report)
    return None if len(report.errors) > file_errors else (layout, columns)


def lookups_for(layout: KindColumns, columns: dict[str, Column]) -> Lookups:
    return _lookups(columns.values(), layout.kind)


def publish(
    parsed: Iterable[tuple[int, dict[str, Any]]],
    layout: KindColumns,
    columns: dict[str, Column],
    report: ImportReport,
    user: User | None,
    inside: Callable[[], None] | None = None,
) -> None:
    """Rows parsed elsewhere (chunks of a background import, in row order): their keys checked across
    the whole file, then all written in one transaction, or none when any row has an error. `inside`
    runs in that transaction, so what it records commits with the rows or not at all."""
    keys = KeyCheck(layout, columns)
    rows = [row for number, values in parsed if (row := keys.check(number, values, report.errors))]
    if not report.rows and not report.errors:
        report.errors.append(RowError(0, "", gettext("文件中没有数据行")))
    if report.errors:
        report.errors.sort(key=lambda error: error.row)
        report.created = report.updated = report.unchanged = 0
        return
    plan = _plan(rows, columns.values(), layout.model, report)
    _commit(plan, layout.model, user, report, inside)


def _commit(
    plan: _Plan,
    model: type[models.Model],
    user: User | None,
    report: ImportReport,
    inside: Callable[[], None] | None = None,
) -> None:
    try:
        with transaction.atomic():
            _write(plan, model, user)
            if inside is not None:
                inside()
    except IntegrityError:
        # Someone stored a record with the same key between the check and the write.
        report.errors.append(RowError(0, "", gettext("导入期间数据被其他人修改，未写入任何数据，请重新导入")))
        report.created = report.updated = report.unchanged = 0


def _import(
    table: Table,
    layout: KindColumns,
    user: User | AnonymousUser | None,
    dry_run: bool,
    progress: Progress | None,
) -> ImportReport:
    report = ImportReport(kind=layout.kind, dry_run=dry_run)
    matched = opened(table, layout.kind, report)
    if matched is None:
        return report
    columns = matched[1]
    rows = _validate(table, layout, columns, lookups_for(layout, columns), report, progress)
    if not report.rows and not report.errors:
        report.errors.append(RowError(0, "", gettext("文件中没有数据行")))
    if report.errors:
        report.created = report.updated = report.unchanged = 0
        return report
    model = layout.model
    plan = _plan(rows, columns.values(), model, report)
    if not dry_run:
        if progress is not None:
            progress("writing", report.rows)
        _commit(plan, model, user if isinstance(user, User) else None, report)
    return report

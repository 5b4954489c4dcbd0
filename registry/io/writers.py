"""Writing registry records with the columns the importer reads back, in any format of registry.io.formats.

Formats for people (xlsx) get Chinese headers and Chinese choice labels; formats for exchange with
other systems (csv, jsonl) get English column codes and codes as values. The importer reads either
way, so an export imported again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from django.db import models
from django.db.models import QuerySet

from registry.io.columns import Column, KindColumns
from registry.io.formats import FORMATS

CHUNK_SIZE = 2000


def export_rows(
    queryset: QuerySet, layout: KindColumns, columns: list[Column], labels: bool
) -> Iterable[list[Any]]:
    """One list of cell values per record; `labels` writes choices as their Chinese labels."""
    queryset = queryset.select_related(*layout.related).prefetch_related(*layout.prefetch)
    displays = {column.code: _choice_labels(queryset.model, column) if labels else None for column in columns}
    for record in queryset.iterator(chunk_size=CHUNK_SIZE):
        row = []
        for column in columns:
            value = column.render(record)
            labels_of = displays[column.code]
            row.append(labels_of.get(value, value) if labels_of else value)
        yield row


def _choice_labels(model: type[models.Model], column: Column) -> dict[str, str] | None:
    if not column.attribute or column.many:
        return None
    try:
        model_field = model._meta.get_field(column.attribute)
    except models.FieldDoesNotExist:
        return None
    return {code: str(label) for code, label in model_field.flatchoices} if model_field.choices else None


def write_export(
    out: IO[bytes],
    queryset: QuerySet,
    layout: KindColumns,
    file_format: str,
    *,
    title: str,
    include_private: bool,
) -> int:
    """Write every record of `queryset`; returns how many were written."""
    if file_format not in FORMATS:
        raise ValueError(f"不支持的格式“{file_format}”，可选：{'、'.join(FORMATS)}")
    writer = FORMATS[file_format]
    columns = layout.exported(include_private)
    for_people = writer.for_people
    headers = [column.header if for_people else column.code for column in columns]
    count = 0

    def counted(rows: Iterable[list[Any]]) -> Iterable[list[Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    rows = counted(export_rows(queryset, layout, columns, labels=for_people))
    writer.write(out, title, headers, rows)
    return count

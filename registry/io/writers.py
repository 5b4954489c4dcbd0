"""Writing registry records to .xlsx, .csv and .jsonl with the columns the importer reads back.

xlsx is for people: Chinese headers and Chinese choice labels. csv and jsonl are for exchange with
other systems: English column codes and codes as values. The importer reads either way, so an export
imported again changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

import openpyxl
from django.db import models
from django.db.models import QuerySet
from openpyxl.cell import WriteOnlyCell

from registry.io.columns import Column, KindColumns
from registry.io.readers import FORMATS, escape_formula

CHUNK_SIZE = 2000
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
}


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


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def write_xlsx(out: IO[bytes], title: str, headers: list[str], rows: Iterable[list[Any]]) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])

    def cell(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("="):
            # openpyxl would store a name like "=HYPERLINK(…)" as a formula; it is text.
            text = WriteOnlyCell(sheet, value=value)
            text.data_type = "s"
            return text
        return value

    sheet.append(headers)
    for row in rows:
        # Money goes out as text so that no cent is rounded through a float.
        sheet.append([cell(_plain(value)) for value in row])
    workbook.save(out)


def _csv_cell(value: Any) -> Any:
    return escape_formula(value) if isinstance(value, str) else value


def write_csv(out: IO[bytes], headers: list[str], rows: Iterable[list[Any]]) -> None:
    # The BOM tells Excel the file is UTF-8; without it Chinese Excel reads GBK and shows garbage.
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(_plain(value)) for value in row])
    text.detach()


def write_jsonl(out: IO[bytes], headers: list[str], rows: Iterable[list[Any]]) -> None:
    for row in rows:
        record = {header: _json_value(value) for header, value in zip(headers, row, strict=True)}
        out.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")


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
    columns = layout.exported(include_private)
    for_people = file_format == "xlsx"
    headers = [column.header if for_people else column.code for column in columns]
    count = 0

    def counted(rows: Iterable[list[Any]]) -> Iterable[list[Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    rows = counted(export_rows(queryset, layout, columns, labels=for_people))
    if file_format == "xlsx":
        write_xlsx(out, title, headers, rows)
    elif file_format == "csv":
        write_csv(out, headers, rows)
    else:
        write_jsonl(out, headers, rows)
    return count

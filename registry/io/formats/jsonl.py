"""JSON Lines (.jsonl, .ndjson): one object per line, keys as headers, for exchange with other systems."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _

from registry.io.formats import (
    FileFormat,
    Source,
    Table,
    UploadRejected,
    clean_header,
    decode_text,
    read_bytes,
    register,
)
from registry.io.formats.csv import check_text
from registry.io.report import RowError


def read(source: Source) -> Table:
    try:
        text = decode_text(read_bytes(source))
    except UnicodeDecodeError:
        return Table([], iter(()), [RowError(0, "", "无法识别文件编码，请使用 UTF-8 编码")])
    records: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    headers: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(RowError(number, "", f"不是有效的 JSON（第{error.colno}个字符附近）"))
            continue
        if not isinstance(record, dict):
            errors.append(RowError(number, "", "每行应为一个 JSON 对象"))
            continue
        record = {clean_header(key): value for key, value in record.items()}
        headers.update(dict.fromkeys(record))
        records.append((number, record))
    return Table(list(headers), iter(records), errors)


def write(out: IO[bytes], title: str, headers: list[str], rows: Iterable[list[Any]]) -> None:
    for row in rows:
        record = {header: _json_value(value) for header, value in zip(headers, row, strict=True)}
        out.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def sniff(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def check(upload: IO[bytes], head: bytes) -> None:
    check_text(head)
    if not _starts_with_json_object(head):
        raise UploadRejected(_("文件内容不是 JSON Lines（每行一个 JSON 对象）。"))


def _starts_with_json_object(head: bytes) -> bool:
    try:
        text = decode_text(head)
    except UnicodeDecodeError:
        return False
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


register(
    FileFormat(
        "jsonl",
        suffixes=("jsonl", "ndjson"),
        content_type="application/x-ndjson; charset=utf-8",
        for_people=False,
        read=read,
        write=write,
        sniff=sniff,
        check=check,
    )
)

"""Reading rows from .xlsx, .csv and .jsonl files into `{header: cell}` dictionaries.

CSV comes in UTF-8 (with or without the BOM Excel adds) or, from Chinese Excel, in GBK; GB18030
is its superset, so it is the fallback. JSON Lines has one object per line and no header row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl

from registry.io.report import RowError

FORMATS = ("xlsx", "csv", "jsonl")
# A cell beginning with one of these is a formula to a spreadsheet. Our CSV export writes such text
# behind an apostrophe, so that opening the file in Excel runs nothing; reading it back removes it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ZIP_MAGIC = b"PK\x03\x04"

Source = str | Path | IO[bytes]


@dataclass
class Table:
    headers: list[str]
    # (row number, {header: cell}); numbered as a spreadsheet shows them, lines for JSON Lines.
    rows: Iterator[tuple[int, dict[str, Any]]]
    errors: list[RowError] = field(default_factory=list)


def clean_header(header: Any) -> str:
    """Templates mark required columns with an asterisk and Excel keeps stray spaces; neither matters."""
    return str(header if header is not None else "").replace("\ufeff", "").strip().rstrip("*＊").strip()


def format_of(name: str) -> str | None:
    suffix = Path(name).suffix.lower().lstrip(".")
    return {"xlsx": "xlsx", "csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl"}.get(suffix)


def sniff_format(head: bytes) -> str:
    """The format a file's first bytes show: xlsx is a zip archive, JSON Lines starts with an object."""
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    return "csv"


def decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _read_bytes(source: Source) -> bytes:
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    source.seek(0)
    return source.read()


def read_csv(source: Source) -> Table:
    try:
        text = decode_text(_read_bytes(source))
    except UnicodeDecodeError:
        return Table([], iter(()), [RowError(0, "", "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV")])
    reader = csv.reader(io.StringIO(text, newline=""))
    headers = [clean_header(cell) for cell in next(reader, [])]

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield number, dict(zip(headers, map(_unescape_formula, cells), strict=False))

    return Table(headers, rows())


def escape_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _unescape_formula(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def read_xlsx(source: Source) -> Table:
    if not isinstance(source, str | Path):
        source.seek(0)
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors for damaged files alike
        return Table(
            [],
            iter(()),
            [RowError(0, "", f"无法读取 Excel 文件（{type(error).__name__}），请确认是 .xlsx 格式")],
        )
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    headers = [clean_header(cell) for cell in next(values, ())]

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for number, cells in enumerate(values, start=2):
                if any(cell not in (None, "") for cell in cells):
                    yield number, dict(zip(headers, cells, strict=False))
        finally:
            workbook.close()

    return Table(headers, rows())


def read_jsonl(source: Source) -> Table:
    try:
        text = decode_text(_read_bytes(source))
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


READERS = {"xlsx": read_xlsx, "csv": read_csv, "jsonl": read_jsonl}


def read_table(source: Source, file_format: str | None = None) -> Table:
    """Read a file; the format comes from its name, else from its first bytes."""
    if file_format is None:
        name = str(source) if isinstance(source, str | Path) else getattr(source, "name", "") or ""
        file_format = format_of(name)
    if file_format is None:
        if isinstance(source, str | Path):
            with open(source, "rb") as handle:
                head = handle.read(64)
        else:
            source.seek(0)
            head = source.read(64)
        file_format = sniff_format(head)
    return READERS[file_format](source)

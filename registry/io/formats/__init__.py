"""The file formats of import and export (contract 4 in docs/interfaces.md), one module each.

A format module (`registry/io/formats/<code>.py`) defines a `FileFormat` and passes it to `register`:
how its files are named, recognised, checked on upload, read into rows and written. `BUILT_IN` is the
one place that loads them, in the order the commands and pages list them. Rows are read into
`{header: cell}` dictionaries; headers may be English column codes or Chinese headers (registry.io.columns).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from typing import IO, Any

from kechuang.text import clean_text
from registry.io.report import RowError

Source = str | Path | IO[bytes]
# A cell beginning with one of these is a formula to a spreadsheet. Text exports write such text
# behind an apostrophe, so that opening the file in Excel runs nothing; reading it back removes it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class UploadRejected(ValueError):
    """The file is not one the importer may open; the message says why, in Chinese."""


@dataclass
class Table:
    headers: list[str]
    # (row number, {header: cell}); numbered as a spreadsheet shows them, lines for JSON Lines.
    rows: Iterator[tuple[int, dict[str, Any]]]
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class FileFormat:
    code: str
    suffixes: tuple[str, ...]  # file name endings without the dot; the first is what exports use
    content_type: str
    # Whether files are for people (Chinese headers and choice labels) or for other systems (codes).
    for_people: bool
    read: Callable[[Source], Table]
    # write(out, sheet title, headers, rows of cell values)
    write: Callable[[IO[bytes], str, list[str], Iterable[list[Any]]], None]
    # Whether a file's first bytes look like this format (for files whose name says nothing).
    sniff: Callable[[bytes], bool]
    # Raises UploadRejected when an upload's content does not match its name.
    check: Callable[[IO[bytes], bytes], None]


FORMATS: dict[str, FileFormat] = {}
BUILT_IN = ("xlsx", "csv", "jsonl")


def register(file_format: FileFormat) -> FileFormat:
    if file_format.code in FORMATS:
        raise RuntimeError(f"file format {file_format.code!r} is registered twice")
    FORMATS[file_format.code] = file_format
    return file_format


def clean_header(header: Any) -> str:
    """Templates mark required columns with an asterisk and Excel keeps stray spaces; neither matters."""
    return str(header if header is not None else "").replace("\ufeff", "").strip().rstrip("*＊").strip()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel adds) or, from Chinese Excel, GBK; GB18030 is its superset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_bytes(source: Source) -> bytes:
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    source.seek(0)
    return source.read()


def escape_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def unescape_formula(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def plain_cell(value: Any) -> Any:
    """A value as a spreadsheet cell: dates in ISO form, money as text so that no cent is rounded
    through a float, booleans as 是/否, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return clean_text(value)  # spreadsheets refuse control characters text stored before may hold
    return value


def format_of(name: str) -> str | None:
    suffix = Path(name).suffix.lower().lstrip(".")
    return next((code for code, known in FORMATS.items() if suffix in known.suffixes), None)


def sniff_format(head: bytes) -> str:
    """The format a file's first bytes show; text that no format claims is read as the last one
    that accepts anything (csv)."""
    return next((code for code, known in FORMATS.items() if known.sniff(head)), "csv")


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
    return FORMATS[file_format].read(source)


for _code in BUILT_IN:
    import_module(f"registry.io.formats.{_code}")

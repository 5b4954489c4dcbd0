"""Comma-separated text (.csv), for exchange with other systems: English column codes, codes as values.

Written as UTF-8 with the BOM that tells Excel so; read as UTF-8 or GBK (what Chinese Excel saves)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.utils.translation import gettext as _

from registry.io.formats import (
    FileFormat,
    Source,
    Table,
    UploadRejected,
    clean_header,
    decode_text,
    escape_formula,
    plain_cell,
    read_bytes,
    register,
    unescape_formula,
)
from registry.io.report import RowError

ZIP_MAGIC = b"PK\x03\x04"


def read(source: Source) -> Table:
    try:
        text = decode_text(read_bytes(source))
    except UnicodeDecodeError:
        return Table([], iter(()), [RowError(0, "", "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV")])
    reader = csv.reader(io.StringIO(text, newline=""))
    headers = [clean_header(cell) for cell in next(reader, [])]

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield number, dict(zip(headers, map(unescape_formula, cells), strict=False))

    return Table(headers, rows())


def write(out: IO[bytes], title: str, headers: list[str], rows: Iterable[list[Any]]) -> None:
    # The BOM tells Excel the file is UTF-8; without it Chinese Excel reads GBK and shows garbage.
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(headers)
    for row in rows:
        cells = (plain_cell(value) for value in row)
        writer.writerow([escape_formula(cell) if isinstance(cell, str) else cell for cell in cells])
    text.detach()


def sniff(head: bytes) -> bool:
    return False  # the fallback for text no other format claims


def check(upload: IO[bytes], head: bytes) -> None:
    check_text(head)


def check_text(head: bytes) -> None:
    """Text formats refuse workbooks and binary files under a text name."""
    if head.startswith(ZIP_MAGIC) or b"\x00" in head:
        raise UploadRejected(_("文件内容不是文本；Excel 工作簿请保存为 .xlsx 后上传。"))


register(
    FileFormat(
        "csv",
        suffixes=("csv",),
        content_type="text/csv; charset=utf-8",
        for_people=False,
        read=read,
        write=write,
        sniff=sniff,
        check=check,
    )
)

"""Excel workbooks (.xlsx), for people: Chinese headers and choice labels, the first sheet only."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell

from kechuang.archives import XLSX_LIMITS, ArchiveTooLarge, check_archive
from registry.io.formats import FileFormat, Source, Table, UploadRejected, clean_header, plain_cell, register
from registry.io.report import RowError

ZIP_MAGIC = b"PK\x03\x04"


def read(source: Source) -> Table:
    if not isinstance(source, str | Path):
        source.seek(0)
    try:
        check_archive(str(source) if isinstance(source, Path) else source, XLSX_LIMITS, kind="Excel ")
    except ArchiveTooLarge as error:
        return Table([], iter(()), [RowError(0, "", str(error))])
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


def write(out: IO[bytes], title: str, headers: list[str], rows: Iterable[list[Any]]) -> None:
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
        sheet.append([cell(plain_cell(value)) for value in row])
    workbook.save(out)


def sniff(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def check(upload: IO[bytes], head: bytes) -> None:
    if not head.startswith(ZIP_MAGIC) or not _is_workbook(upload):
        raise UploadRejected(_("文件内容不是 Excel 工作簿（.xlsx）；旧版 .xls 请在 Excel 中另存为 .xlsx。"))
    try:
        check_archive(upload, XLSX_LIMITS, kind="Excel ")
    except ArchiveTooLarge as error:
        raise UploadRejected(str(error)) from error


def _is_workbook(upload: IO[bytes]) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


register(
    FileFormat(
        "xlsx",
        suffixes=("xlsx",),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        for_people=True,
        read=read,
        write=write,
        sniff=sniff,
        check=check,
    )
)

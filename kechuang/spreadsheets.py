"""Workbooks the product writes hold values, never formulas.

openpyxl stores any string that starts with "=" as a formula, so a stored name like `=HYPERLINK(…)` would
run in the reader's Excel. Every workbook built cell by cell (the ledger, a round's results) is saved
through `workbook_bytes`; the registry's streamed export marks such cells as text as it writes them
(registry.io.formats.xlsx)."""

from __future__ import annotations

import io

from openpyxl import Workbook


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as an .xlsx file, every cell that openpyxl took for a formula written as its text."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""The ledger as an xlsx workbook in the usual 台账 layout: a title row, a header row, one row per task."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from kechuang.spreadsheets import workbook_bytes
from kechuang.text import clean_text
from planning.forms import TASK_STATUS_LABELS
from planning.ledger import Row

HEADERS = [
    ("序号", 6),
    ("政策文件", 26),
    ("条款", 10),
    ("工作任务", 40),
    ("牵头单位", 24),
    ("配合单位", 24),
    ("完成时限", 12),
    ("完成进度（%）", 10),
    ("状态", 8),
    ("最新进展", 40),
    ("销号时间", 18),
]
THIN = Side(style="thin", color="999999")


def ledger_workbook(rows: Iterable[Row]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务台账"
    sheet.append([f"工作任务台账（截至 {timezone.localdate().isoformat()}）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([name for name, _ in HEADERS])
    for column, (_, width) in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=2, column=column)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.column_dimensions[cell.column_letter].width = width
    for number, entry in enumerate(rows, start=1):
        task = entry.task
        closed = timezone.localtime(task.closed_at).strftime("%Y-%m-%d %H:%M") if task.closed_at else ""
        sheet.append(
            [
                clean_text(cell) if isinstance(cell, str) else cell
                for cell in [
                    number,
                    task.policy.title if task.policy else task.policy_code,
                    task.clause_path,
                    task.title,
                    "、".join(entry.lead_units),
                    "、".join(entry.cooperating_units),
                    task.deadline.isoformat() if task.deadline else task.deadline_text,
                    entry.progress,
                    str(TASK_STATUS_LABELS[entry.status]),
                    entry.latest_report.text if entry.latest_report else "",
                    closed,
                ]
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    return io.BytesIO(workbook_bytes(workbook))

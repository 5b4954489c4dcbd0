"""Indicator tables as annexes print them, one row a line, cells separated by spaces:

    序号 主要指标 单位 2020年基期值 2021年目标值 2022年目标值 2023年目标值 年均增速(%) 责任部门
    1 院士工作站 5 5 5 6 10 市科技局

Each year column marked 目标 (or 预期) gives one target per row; the base-year column does not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .targets import UNITS, TargetMention

_YEAR_COLUMN = re.compile(r"(\d{4})年(基期|目标|预期|计划)?值?")
_ROW_START = re.compile(r"^(\d{1,3})\s*(?=[\u4e00-\u9fff])")
_CELL_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d+(?:\.\d+)?)(?:（[^）]*）)?(?=\s|$)")
_MEASURE = re.compile(r"\d+(个|家|项|人|名|所|座|台|套)")


def find_table_targets(text: str, start: int, end: int) -> list[TargetMention]:
    lines = _lines(text, start, end)
    header_index = next(
        (i for i, (_, line) in enumerate(lines) if len(_YEAR_COLUMN.findall(line)) >= 2), None
    )
    if header_index is None:
        return []
    header = lines[header_index][1]
    columns = [(int(year), kind) for year, kind in _YEAR_COLUMN.findall(header)]
    extra_numeric = 1 if re.search(r"增速|增长率|增幅", header) else 0
    comparator = ">=" if "达到" in header else "="
    targets: list[TargetMention] = []
    for row_offset, row in _rows(lines[header_index + 1 :]):
        serial = _ROW_START.match(row)
        assert serial is not None
        numbers = list(_CELL_NUMBER.finditer(row, serial.end()))
        if len(numbers) < len(columns):
            continue
        # with more numbers than columns the row carries extra cells in front (e.g. a unit column)
        fits = len(numbers) <= len(columns) + extra_numeric
        cells = numbers[: len(columns)] if fits else numbers[-len(columns) :]
        words = row[serial.end() : numbers[0].start()].split()
        # a unit column (序号 | 指标 | 单位 | 2025年目标值 …), as .docx and .html tables give it
        unit_cell = next((word for word in words[1:] if word in UNITS), None)
        indicator = "".join(words[:-1] if unit_cell and words[-1] == unit_cell else words)
        measure = _MEASURE.search(row)
        unit = unit_cell or (measure.group(1) if measure else "个")
        for (year, kind), cell in zip(columns, cells, strict=True):
            if kind == "基期":
                continue
            position = row_offset + cell.start(1)
            value = Decimal(cell.group(1))
            targets.append(
                TargetMention(
                    position, position + len(cell.group(1)), indicator, value, unit, year, comparator
                )
            )
    return targets


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    found = []
    position = start
    for line in text[start:end].split("\n"):
        found.append((position, line))
        position += len(line) + 1
    return found


def _rows(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Rows, each a line that starts with its serial number; a name broken over lines is joined with spaces
    (offsets then stay those of the row's first line only while the row is on one line)."""
    rows: list[tuple[int, list[tuple[int, str]]]] = []
    for offset, line in lines:
        if _ROW_START.match(line) and (not rows or len(_CELL_NUMBER.findall(_joined(rows[-1][1]))) > 0):
            rows.append((offset, [(offset, line)]))
        elif rows:
            rows[-1][1].append((offset, line))
    result = []
    for offset, parts in rows:
        # keep each number's true offset by padding with the gap the newline left
        row = ""
        for part_offset, part in parts:
            row += " " * (part_offset - offset - len(row)) + part
        result.append((offset, row))
    return result


def _joined(parts: list[tuple[int, str]]) -> str:
    return " ".join(part for _, part in parts)


# Task-division tables (重点任务分工表), as .docx and .html tables give them: one row a line, cells separated
# by tabs, a header naming the task, lead, cooperating and deadline columns.
_LEAD_COLUMN = re.compile(r"牵头单位|牵头部门|责任单位|责任部门|主责单位|牵头")
_COOPERATING_COLUMN = re.compile(r"配合单位|配合部门|协办单位|参与单位|配合")
_DEADLINE_COLUMN = re.compile(r"完成时限|完成时间|时间节点|时限|进度安排")
_TASK_COLUMN = re.compile(r"任务|内容|措施|事项|工作")
_SERIAL_COLUMN = re.compile(r"^(?:序号|编号|序)$")


@dataclass(frozen=True)
class TaskRow:
    start: int
    end: int
    label: str
    heading: str
    lead: tuple[int, int] | None
    cooperating: tuple[int, int] | None
    deadline: tuple[int, int] | None


def find_task_rows(text: str, start: int, end: int) -> list[TaskRow]:
    """The rows of the first task-division table in text[start:end], if there is one."""
    lines = _lines(text, start, end)
    rows: list[TaskRow] = []
    columns: dict[str, int] | None = None
    width = 0
    for offset, line in lines:
        cells = line.split("\t")
        if columns is None:
            if len(cells) >= 2 and any(_LEAD_COLUMN.search(cell) for cell in cells):
                columns = _task_columns(cells)
                width = len(cells)
            continue
        if len(cells) != width:
            if rows:
                break
            continue
        spans = _cell_spans(offset, cells)
        task = spans[columns["task"]]
        label = cells[columns["serial"]].strip() if "serial" in columns else str(len(rows) + 1)
        rows.append(
            TaskRow(
                offset,
                offset + len(line),
                re.sub(r"[.、．]$", "", label) or str(len(rows) + 1),
                re.split(r"[。；]", text[task[0] : task[1]], maxsplit=1)[0].strip(),
                spans[columns["lead"]] if "lead" in columns else None,
                spans[columns["cooperating"]] if "cooperating" in columns else None,
                spans[columns["deadline"]] if "deadline" in columns else None,
            )
        )
    return rows


def _task_columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        cell = cell.strip()
        if _SERIAL_COLUMN.match(cell):
            columns.setdefault("serial", index)
        elif _COOPERATING_COLUMN.search(cell):
            columns.setdefault("cooperating", index)
        elif _LEAD_COLUMN.search(cell):
            columns.setdefault("lead", index)
        elif _DEADLINE_COLUMN.search(cell):
            columns.setdefault("deadline", index)
        elif _TASK_COLUMN.search(cell):
            columns.setdefault("task", index)
    if "task" not in columns:
        free = [i for i in range(len(cells)) if i not in columns.values()]
        columns["task"] = free[0] if free else 0
    return columns


def _cell_spans(offset: int, cells: list[str]) -> list[tuple[int, int]]:
    spans = []
    position = offset
    for cell in cells:
        spans.append((position, position + len(cell)))
        position += len(cell) + 1
    return spans

"""The clause tree: numbered headings in whatever styles a document uses, nested in the order the styles
first appear (一、 › （一） › 1. › （1） › ①, or 第一章 › 第一条), with paths such as 二.(一).3."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import to_int

_CN = "一二三四五六七八九十百零〇"
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第([{_CN}]+|\d+)部分\s*")),
    ("chapter", re.compile(rf"^第([{_CN}]+|\d+)章\s*")),
    ("section", re.compile(rf"^第([{_CN}]+|\d+)节\s*")),
    ("article", re.compile(rf"^第([{_CN}]+|\d+)条\s*")),
    ("cn", re.compile(rf"^([{_CN}]+)、\s*")),
    ("cn_paren", re.compile(rf"^（([{_CN}]+)）\s*")),
    ("arabic", re.compile(r"^(\d{1,2})[.．、](?!\d)\s*")),
    ("arabic_paren", re.compile(r"^（(\d{1,2})）\s*")),
    ("circled", re.compile(r"^([①-⑳])\s*")),
]
_ANNEX = re.compile(r"^附件(\d*)[：:]?")
# A heading whose opening bracket and number were lost in copying: "）鼓励社会力量参与…"
_LOST_OPENING = re.compile(r"^）\s*(?=[\u4e00-\u9fff])")
_CN_NUMERALS = "一二三四五六七八九十"
_BULLET_HEADING = re.compile(r"^[◆◇■□●★▲►]\s*[\u4e00-\u9fff]")
_DIVISIONS = {"part", "chapter", "section"}
_RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3}
_UNIT_CHARACTER = {"part": "部分", "chapter": "章", "section": "节", "article": "条"}


@dataclass
class ClauseBlock:
    path: str
    label: str  # the numbering as written, brackets half-width: "(一)"
    heading: str
    start: int  # where the clause's own text starts (at its number)
    end: int = 0  # where its own text stops (the next clause starts)
    body_start: int = 0  # after the number


@dataclass
class _Level:
    style: str
    number: int
    label: str
    path: str


def _cn_number(number: int) -> str:
    if number <= 10:
        return _CN_NUMERALS[number - 1]
    if number < 20:
        return "十" + (_CN_NUMERALS[number - 11] if number > 10 else "")
    tens, ones = divmod(number, 10)
    return _CN_NUMERALS[tens - 1] + "十" + (_CN_NUMERALS[ones - 1] if ones else "")


def _label(style: str, raw: str) -> str:
    if style == "circled":
        return str(ord(raw) - ord("①") + 1)
    if style in {"cn_paren", "arabic_paren"}:
        return f"({raw})"
    if style in _UNIT_CHARACTER:
        return f"第{raw}{_UNIT_CHARACTER[style]}"
    return raw


def _number(style: str, raw: str) -> int | None:
    if style == "circled":
        return ord(raw) - ord("①") + 1
    return to_int(raw)


def parse_clauses(text: str, body_start: int, body_end: int) -> list[ClauseBlock]:
    """Every numbered clause in text[body_start:body_end], in document order."""
    clauses: list[ClauseBlock] = []
    stack: list[_Level] = []
    last_number: dict[str, int] = {}
    in_annex = False
    # the unnumbered lines since the last clause that may be items whose numbers were lost: None before the
    # first, [] once they cannot be
    pending: list[tuple[int, str]] | None = None
    announced = False  # an unnumbered line since the last clause announced a list ("…申报材料：")
    position = body_start
    for line in text[body_start:body_end].split("\n"):
        line_start = position
        position += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        offset = line_start + (len(line) - len(line.lstrip()))
        annex = _ANNEX.match(stripped)
        if annex and (not clauses or len(stripped) < 120):
            in_annex = True
            label = "附件" + annex.group(1)
            _close(clauses, offset)
            clauses.append(
                ClauseBlock(
                    label,
                    label,
                    stripped[annex.end() :].strip()[:60],
                    offset,
                    body_start=offset + annex.end(),
                )
            )
            stack = []
            continue
        if in_annex:
            continue
        found = _numbering(stripped, stack, last_number, restart=announced)
        if (
            found is None
            and _BULLET_HEADING.match(stripped)
            and len(stack) > 1
            and stack[-1].style not in _RANK
        ):
            # "◆专项材料": a bulleted sub-heading ends the item list above it ("◆基础材料" 1. 2. 3.)
            stack = stack[:-1]
        if found is None:
            announced = announced or stripped.endswith(("：", ":"))
            lost = _lost_first_items(stripped, pending, stack)
            if lost is None:
                if pending is None:
                    # only the lines under a heading that announces a list ("…以下方面：") may be its items
                    announces = bool(clauses) and text[clauses[-1].start : line_start].rstrip().endswith("：")
                    pending = [(offset, stripped)] if announces else []
                elif pending and pending[-1][1].endswith("；"):
                    pending.append((offset, stripped))
                else:
                    pending = []
                continue
            # "以下方面：" / "国民经济…攻关；" / "（二）…": the first items lost their numbers
            style, lost_labels = lost
            parent_path = stack[-1].path if stack else ""
            lost_items = zip(pending or [], lost_labels, strict=True)
            for index, ((lost_offset, lost_text), lost_label) in enumerate(lost_items):
                if index:
                    stack.pop()
                lost_path = f"{parent_path}.{lost_label}" if parent_path else lost_label
                stack.append(_Level(style, index + 1, lost_label, lost_path))
                last_number[style] = index + 1
                _close(clauses, lost_offset)
                clauses.append(
                    ClauseBlock(
                        lost_path,
                        lost_label,
                        re.split(r"[。；]", lost_text, maxsplit=1)[0],
                        lost_offset,
                        body_start=lost_offset,
                    )
                )
            found = _numbering(stripped, stack, last_number)
            assert found is not None
        pending = None
        announced = False
        style, number, label, consumed = found
        depth = next((i for i, level in enumerate(stack) if level.style == style), None)
        if depth is None and style in _RANK:
            # parts, chapters and sections always hold articles, whichever the document shows first
            depth = next(
                (i for i, level in enumerate(stack) if _RANK.get(level.style, 9) > _RANK[style]), None
            )
        if depth is None:
            depth = len(stack)
        stack = stack[:depth]
        parent_path = stack[-1].path if stack else ""
        path = f"{parent_path}.{label}" if parent_path else label
        stack.append(_Level(style, number, label, path))
        last_number[style] = number
        _close(clauses, offset)
        rest = stripped[consumed:]
        heading = re.split(r"[。；]", rest, maxsplit=1)[0].strip()
        clauses.append(ClauseBlock(path, label, heading, offset, body_start=offset + consumed))
    _close(clauses, body_end)
    return clauses


def _lost_first_items(
    line: str, pending: list[tuple[int, str]] | None, stack: list[_Level]
) -> tuple[str, list[str]] | None:
    """An item numbered N right after N-1 unnumbered items ("…规范；", "…实施；") under a heading that
    announces a list ("…履行下列职责："): the unnumbered ones are items 1 to N-1, whose numbers were lost.
    Their style and labels, ("cn_paren", ["(一)", "(二)"])."""
    if not pending or not stack or not all(item.endswith("；") for _, item in pending):
        return None
    for style in ("cn_paren", "arabic_paren"):
        match = dict(_STYLES)[style].match(line)
        if (
            match
            and _number(style, match.group(1)) == len(pending) + 1
            and style not in {level.style for level in stack}
        ):
            count = range(1, len(pending) + 1)
            return style, [f"({_cn_number(n)})" if style == "cn_paren" else f"({n})" for n in count]
    return None


def _close(clauses: list[ClauseBlock], end: int) -> None:
    if clauses and not clauses[-1].end:
        clauses[-1].end = end


def _numbering(
    line: str, stack: list[_Level], last_number: dict[str, int], *, restart: bool = False
) -> tuple[str, int, str, int] | None:
    for style, pattern in _STYLES:
        match = pattern.match(line)
        if not match:
            continue
        number = _number(style, match.group(1))
        if number is None or not _plausible(style, number, stack, last_number, restart=restart):
            return None
        return style, number, _label(style, match.group(1)), match.end()
    lost = _LOST_OPENING.match(line)
    if lost and stack:
        for level in reversed(stack):
            if level.style == "cn_paren":
                number = level.number + 1
                return "cn_paren", number, f"({_cn_number(number)})", lost.end()
    return None


def _plausible(
    style: str, number: int, stack: list[_Level], last_number: dict[str, int], *, restart: bool = False
) -> bool:
    """A number continues its style's sequence: one more than its sibling (two, when one was lost), or a new
    list under a new parent (starting at 1, or going on from the previous list as some documents do). With
    `restart` (a line since the last clause announced a list: "…应当履行下列职责："), a 1 starts a second
    list beside the first, under the same parent."""
    sibling = next((level for level in stack if level.style == style), None)
    if sibling is not None:
        if number == 1 and restart and style not in _RANK:
            return True
        return sibling.number < number <= sibling.number + 2
    if number == 1 or style in _DIVISIONS and style not in last_number:
        # a document may lose its first chapters' headings (a copy that kept 第三章 but not 第一章)
        return True
    previous = last_number.get(style)
    return previous is not None and previous < number <= previous + 2

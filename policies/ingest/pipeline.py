"""parse_file / parse_bytes / parse_text: a policy document in, a ParsedDocument out (no database)."""

from __future__ import annotations

import re
from pathlib import Path

from .clauses import ClauseBlock, parse_clauses
from .metadata import _STANDALONE_DATE, document_year, find_deadlines, read_metadata
from .money import find_money
from .normalise import normalise
from .readers import IngestError, read_bytes
from .schema import ParsedClause, ParsedDate, ParsedDocument, ParsedMoney, ParsedTarget, ParsedUnit
from .tables import TaskRow, find_table_targets, find_task_rows
from .targets import find_targets, yearly_plan_year
from .units import (
    DUTIES_HEADING,
    FIRST_LEADS,
    UnitDictionary,
    active_dictionary,
    heading_unit,
    prose_units,
    read_units,
    responsibility_groups,
)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_ANNEX_AFTER_SIGNATURE = re.compile(r"(?m)^附件\s*\d*[：:]?[^\n]{0,60}$")


def parse_file(path: str | Path, *, dictionary: UnitDictionary | None = None) -> ParsedDocument:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"找不到文件：{path}") from exc
    if size > MAX_UPLOAD_BYTES:
        raise IngestError("文件超过 50 MB，请拆分或压缩后再上传")
    return parse_bytes(path.read_bytes(), path.name, dictionary=dictionary)


def parse_bytes(data: bytes, filename: str, *, dictionary: UnitDictionary | None = None) -> ParsedDocument:
    if len(data) > MAX_UPLOAD_BYTES:
        raise IngestError("文件超过 50 MB，请拆分或压缩后再上传")
    return parse_text(read_bytes(data, filename), dictionary=dictionary)


def parse_text(
    raw: str, *, title_hint: str | None = None, dictionary: UnitDictionary | None = None
) -> ParsedDocument:
    text = normalise(raw)
    if not text.strip():
        raise IngestError("文件中没有可读取的文字，请检查后重新上传")
    dictionary = dictionary or active_dictionary()
    probe = parse_clauses(text, 0, len(text))
    body_start = probe[0].start if probe else 0
    body_end = _body_end(text, body_start)
    clauses = parse_clauses(text, body_start, body_end) if probe else []
    annex = _ANNEX_AFTER_SIGNATURE.search(text, body_end) if probe else None
    rules = _rules_after_signature(text, body_end) if probe and not annex else None
    if rules:
        # "关于修订《…办法》的通知" lists its revisions, signs, then prints the rules: both are the policy
        clauses += parse_clauses(text, *rules)
    if annex:
        # the annexes printed after the signature are the annexes; "附件：…" above it only listed them
        clauses = [c for c in clauses if not c.path.startswith("附件")]
        clauses += parse_clauses(text, annex.start(), len(text))
    meta = read_metadata(text, body_start if probe else len(text), title_hint=title_hint)
    year = document_year(text, meta)

    document = ParsedDocument(
        title=meta.title,
        doc_number=meta.doc_number,
        issuer=meta.issuer,
        issued_date=meta.issued_date,
        effective_from=meta.effective_from,
        effective_until=meta.effective_until,
        text=text,
        dates=[
            ParsedDate(
                clause_path=None,
                text=text[d.start : d.end],
                date=d.date,
                kind=d.kind,
                start=d.start,
                end=d.end,
            )
            for d in meta.dates
        ],
    )
    if probe:
        _preamble_targets(document, body_start, year)
    groups = responsibility_groups(text)
    first_leads = bool(FIRST_LEADS.search(text))
    seen: set[str] = set()
    headings = {clause.path: clause.heading for clause in clauses}
    for clause in clauses:
        rows = find_task_rows(text, clause.body_start, clause.end)
        own_end = rows[0].start if rows else clause.end
        parent = headings.get(clause.path.rpartition(".")[0], "")
        duties = bool(DUTIES_HEADING.search(parent))
        stated_rates = bool(_STANDARD_HEADING.search(parent) or _STANDARD_HEADING.search(clause.heading))
        clause.path = _unique(clause.path, seen)
        document.clauses.append(
            _clause(text, clause, own_end, groups, dictionary, first_leads, duties=duties)
        )
        _extract(document, clause.path, clause.body_start, own_end, year, stated_rates=stated_rates)
        for row in rows:
            path = _unique(f"{clause.path}.{row.label}", seen)
            document.clauses.append(_row_clause(text, path, row, dictionary))
            _extract(document, path, row.start, row.end, year, deadline_cell=row.deadline)
    return document


def _preamble_targets(document: ParsedDocument, end: int, year: int | None) -> None:
    """Goals stated before the first clause ("2025年主要目标是：…高新技术企业净增100家"): targets of the
    whole document, with no clause. Only targets: money and deadlines there are the covering letter's."""
    text = document.text
    taken = [(m.start, m.end) for m in find_money(text, 0, end)]
    document.targets.extend(
        ParsedTarget(
            clause_path=None,
            text=text[t.start : t.end],
            indicator=t.indicator,
            value=t.value,
            unit=t.unit,
            year=t.year,
            comparator=t.comparator,
            start=t.start,
            end=t.end,
        )
        for t in find_targets(text, 0, end, document_year=year, taken=taken)
    )


def _unique(path: str, seen: set[str]) -> str:
    """Paths name clauses, so a number written twice (a table with repeated serials) gets a suffix."""
    candidate, count = path, 1
    while candidate in seen:
        count += 1
        candidate = f"{path}-{count}"
    seen.add(candidate)
    return candidate


def _extract(
    document: ParsedDocument,
    path: str,
    start: int,
    end: int,
    year: int | None,
    *,
    deadline_cell: tuple[int, int] | None = None,
    stated_rates: bool = False,
) -> None:
    """Money, targets and deadlines of one clause's own text, added to the document."""
    text = document.text
    found_money = find_money(text, start, end, stated_rates=stated_rates)
    document.money.extend(
        ParsedMoney(
            clause_path=path,
            text=text[m.start : m.end],
            amount_yuan=m.amount_yuan,
            kind=m.kind,
            ratio=m.ratio,
            per_unit=m.per_unit,
            beneficiary=m.beneficiary,
            start=m.start,
            end=m.end,
        )
        for m in found_money
    )
    annex = path.startswith("附件") and "." not in path
    found_targets = (
        find_table_targets(text, start, end)
        if annex
        else find_targets(
            text,
            start,
            end,
            document_year=year,
            taken=[(m.start, m.end) for m in found_money],
            plan_year=yearly_plan_year(document.title),
        )
    )
    document.targets.extend(
        ParsedTarget(
            clause_path=path,
            text=text[t.start : t.end],
            indicator=t.indicator,
            value=t.value,
            unit=t.unit,
            year=t.year,
            comparator=t.comparator,
            start=t.start,
            end=t.end,
        )
        for t in found_targets
    )
    if annex:
        return
    deadlines = find_deadlines(text, start, end, year)
    if deadline_cell and not any(deadline_cell[0] <= d.start < deadline_cell[1] for d in deadlines):
        deadlines += find_deadlines(text, *deadline_cell, year, bare_dates=True)
    # "屋顶所在建筑在2022年7月前（含7月）建成": a date whose year is written and that falls before the
    # document was issued is a condition on the past, not a deadline
    issued = document.issued_date
    deadlines = [
        d
        for d in deadlines
        if issued is None or d.date >= issued or not re.search(r"\d{4}年", text[d.start : d.end])
    ]
    document.dates.extend(
        ParsedDate(
            clause_path=path,
            text=text[d.start : d.end],
            date=d.date,
            kind="deadline",
            start=d.start,
            end=d.end,
        )
        for d in deadlines
    )


def _row_clause(text: str, path: str, row: TaskRow, dictionary: UnitDictionary) -> ParsedClause:
    units = []
    for cell, role in ((row.lead, "lead"), (row.cooperating, "cooperating")):
        if cell and cell[1] > cell[0]:
            # with a 配合 column the columns say who leads; a lone 责任单位 column is a plain list
            units += [
                ParsedUnit(
                    name=u.name, raw=u.raw, role=role if row.cooperating else u.role, start=u.start, end=u.end
                )
                for u in read_units(text, cell[0], cell[1], dictionary)
            ]
    return ParsedClause(
        path=path,
        heading=row.heading,
        text=text[row.start : row.end],
        units=units,
        start=row.start,
        end=row.end,
    )


def _clause(
    text: str,
    clause: ClauseBlock,
    end: int,
    groups: list[tuple[int, int]],
    dictionary: UnitDictionary,
    first_leads: bool,
    *,
    duties: bool = False,
) -> ParsedClause:
    """One clause with its units. With `duties` (its parent is a 职责分工 heading), a clause headed by a
    body alone ("（三）区财政局") gives the clause to that body."""
    own = text[clause.start : end].rstrip()
    own_groups = [(s, e) for s, e in groups if clause.body_start <= s and e <= end]
    mentions = [u for s, e in own_groups for u in read_units(text, s, e, dictionary, first_leads=first_leads)]
    mentions += prose_units(text, clause.body_start, end, dictionary, skip=own_groups)
    named = heading_unit(text, clause.body_start, clause.body_start + len(clause.heading), dictionary)
    if duties and named and not any(m.name == named.name for m in mentions):
        mentions.append(named)
    units = [
        ParsedUnit(name=u.name, raw=u.raw, role=u.role, start=u.start, end=u.end)
        for u in sorted(mentions, key=lambda mention: mention.start)
    ]
    return ParsedClause(
        path=clause.path,
        heading=clause.heading,
        text=own,
        units=units,
        start=clause.start,
        end=clause.start + len(own),
    )


# "项目奖励标准如下：", "（四）补贴标准": a heading that says the items under it are what is given
_STANDARD_HEADING = re.compile(r"(?:奖励|补贴|补助|资助|扶持)标准")

# how far after a notice's signature the rules it carries may start (their title lines come first)
_RULES_AFTER_SIGNATURE_WITHIN = 200


def _rules_after_signature(text: str, body_end: int) -> tuple[int, int] | None:
    """The span of rules printed after the signature of a notice that has numbered items of its own: they
    open with 第一章 or 第一条 soon after the signature, and end at their own signature, if any."""
    if body_end >= len(text):
        return None
    tail = parse_clauses(text, body_end, len(text))
    if not tail or tail[0].label not in {"第一章", "第一条"}:
        return None
    if tail[0].start - body_end > _RULES_AFTER_SIGNATURE_WITHIN:
        return None
    start = tail[0].start
    return start, _body_end(text, start)


def _body_end(text: str, body_start: int) -> int:
    """Where the signature block (issuers and date) after the last clause starts."""
    lines = text.split("\n")
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    date_index = None
    for index in range(len(lines) - 1, -1, -1):
        if offsets[index] <= body_start:
            break
        if _STANDALONE_DATE.match(lines[index].strip()):
            date_index = index
    if date_index is None:
        return len(text)
    index = date_index
    while index - 1 >= 0 and offsets[index - 1] > body_start and _signature(lines[index - 1]):
        index -= 1
    return max(offsets[index] - 1, body_start)


def _signature(line: str) -> bool:
    line = line.strip()
    return bool(line) and len(line) <= 60 and not re.search(r"[。；，：）]", line)

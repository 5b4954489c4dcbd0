"""A small parsed policy, built by hand the way the ingestion pipeline would report it, so that the
policies tests do not depend on the parser's accuracy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from policies.ingest.schema import (
    ParsedClause,
    ParsedDate,
    ParsedDocument,
    ParsedMoney,
    ParsedTarget,
    ParsedUnit,
)

TITLE = "关于支持科技创新平台建设的若干措施"
CLAUSE_ONE = "一、支持平台建设。对新认定的省级技术创新中心，给予不超过50万元补助。（责任单位：市科技局（牵头），市财政局）"  # noqa: E501 - one clause as the document prints it
CLAUSE_TWO = "二、壮大创新主体。到2025年，全市高新技术企业数量突破300家，2024年6月底前完成认定培育名单。"
TEXT = f"{TITLE}\n{CLAUSE_ONE}\n{CLAUSE_TWO}\n"


def span(fragment: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(fragment, after)
    return start, start + len(fragment)


def sample_parsed(**changes: object) -> ParsedDocument:
    one_start, one_end = span(CLAUSE_ONE)
    two_start, two_end = span(CLAUSE_TWO)
    lead_start, lead_end = span("市科技局")
    coop_start, coop_end = span("市财政局")
    money_start, money_end = span("给予不超过50万元补助")
    target_start, target_end = span("到2025年，全市高新技术企业数量突破300家")
    date_start, date_end = span("2024年6月底前")
    parsed = ParsedDocument(
        title=TITLE,
        text=TEXT,
        clauses=[
            ParsedClause(
                path="一",
                heading="支持平台建设",
                text=CLAUSE_ONE,
                start=one_start,
                end=one_end,
                units=[
                    ParsedUnit(name="市科技局", raw="市科技局", role="lead", start=lead_start, end=lead_end),
                    ParsedUnit(
                        name="市财政局", raw="市财政局", role="cooperating", start=coop_start, end=coop_end
                    ),
                ],
            ),
            ParsedClause(path="二", heading="壮大创新主体", text=CLAUSE_TWO, start=two_start, end=two_end),
        ],
        money=[
            ParsedMoney(
                clause_path="一",
                text="给予不超过50万元补助",
                amount_yuan=Decimal("500000"),
                kind="cap",
                beneficiary="新认定的省级技术创新中心",
                start=money_start,
                end=money_end,
            )
        ],
        targets=[
            ParsedTarget(
                clause_path="二",
                text="到2025年，全市高新技术企业数量突破300家",
                indicator="高新技术企业数量",
                value=Decimal("300"),
                unit="家",
                year=2025,
                comparator=">",
                start=target_start,
                end=target_end,
            )
        ],
        dates=[
            ParsedDate(
                clause_path="二",
                text="2024年6月底前",
                date=dt.date(2024, 6, 30),
                kind="deadline",
                start=date_start,
                end=date_end,
            )
        ],
    )
    return parsed.model_copy(update=changes)

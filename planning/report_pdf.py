"""The printable monthly report (月报): indicators with status, department league, overdue and due-soon tasks.

Chinese text uses reportlab's built-in STSong-Light CID font, which needs no font file on the server.
The headings follow the request's language; the data (names, units, departments) stays as entered, in
Chinese, so the CJK font is used in English too.
"""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from planning.dashboard import Dashboard
from planning.monitor import number
from planning.templatetags.planning_tags import figure, policy_name, status_label, target_words

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
TITLE = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=22, spaceAfter=4)
HEADING = ParagraphStyle("heading", fontName=FONT, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=11)
# Tasks listed per section; the ledger export has them all.
TASKS_LISTED = 40


def _paragraph(text: object, style: ParagraphStyle) -> Paragraph:
    """Reportlab reads a paragraph as markup: every text (headings and names people typed) is escaped, so
    `R&D<b>` prints as written and `<img src=…>` or `<font size=60>` never reaches the renderer."""
    return Paragraph(escape(str(text)), style)


def _table(header: list[str], rows: list[list[object]], widths: list[float]) -> Table:
    data = [[_paragraph(cell, CELL) for cell in row] for row in [header, *rows]]
    table = Table(data, colWidths=[width * mm for width in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _value(value: object) -> str:
    return "—" if value is None else figure(number(value))


def monthly_report(board: Dashboard, scope: str, today: dt.date) -> io.BytesIO:
    separator = pgettext("list separator", "、")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=_("目标监测与任务台账月报 %(month)s") % {"month": f"{today:%Y-%m}"},
    )
    counts = separator.join(
        _("%(status)s %(count)s 项") % {"status": status_label(status), "count": count}
        for status, count in board.status_counts.items()
    )
    summary = _("范围：%(scope)s；截至 %(date)s。指标状态：%(counts)s。")
    story = [
        _paragraph(
            _("目标监测与任务台账月报（%(year)s年%(month)s月）") % {"year": today.year, "month": today.month},
            TITLE,
        ),
        _paragraph(summary % {"scope": scope, "date": today.isoformat(), "counts": counts}, CELL),
        _paragraph(_("一、指标完成情况"), HEADING),
        _table(
            [_("指标"), _("文件 · 条款"), _("基期"), _("最新实际"), _("最终目标"), _("状态"), _("责任部门")],
            [
                [
                    f"{e.indicator.name}（{e.indicator.unit}）",
                    f"{policy_name(e.indicator.policy, e.indicator.policy_code)} · {e.indicator.clause_path}",
                    f"{_value(e.indicator.baseline_value)} / {e.indicator.baseline_year or '—'}",
                    f"{_value(e.result.latest.value)} / {e.result.latest.year}" if e.result.latest else "—",
                    f"{target_words(e.targets[-1])} / {e.targets[-1].year}",
                    status_label(e.status),
                    separator.join(e.indicator.responsible_units),
                ]
                for e in board.evaluations
            ],
            [70, 52, 22, 24, 26, 18, 55],
        ),
        _paragraph(_("二、部门排行"), HEADING),
        _table(
            [_("部门"), _("任务"), _("按期销号"), _("逾期"), _("指标正常/总数")],
            [
                [s.name, s.tasks, s.on_time, s.overdue, f"{s.indicators_on_track} / {s.indicators}"]
                for s in board.league
            ],
            [80, 25, 25, 25, 35],
        ),
    ]
    for heading, entries in [
        (_("三、逾期任务"), board.reminders["overdue"]),
        (_("四、临近时限任务"), board.reminders["at_risk"]),
    ]:
        listed = (
            _("，列出前 %(limit)s 项，全部见台账导出") % {"limit": TASKS_LISTED}
            if len(entries) > TASKS_LISTED
            else ""
        )
        title = _("%(heading)s（%(count)s 项%(listed)s）") % {
            "heading": heading,
            "count": len(entries),
            "listed": listed,
        }
        story.append(_paragraph(title, HEADING))
        if entries:
            story.append(
                _table(
                    [_("任务"), _("文件 · 条款"), _("牵头单位"), _("完成时限"), _("进度")],
                    [
                        [
                            r.task.title,
                            f"{policy_name(r.task.policy, r.task.policy_code)} · {r.task.clause_path}",
                            separator.join(r.lead_units) or "—",
                            r.task.deadline.isoformat() if r.task.deadline else "—",
                            f"{r.progress}%",
                        ]
                        for r in entries[:TASKS_LISTED]
                    ],
                    [80, 55, 70, 25, 17],
                )
            )
    story.append(Spacer(1, 4 * mm))
    document.build(story)
    buffer.seek(0)
    return buffer

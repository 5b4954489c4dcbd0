"""What the pages and the export show: a platform's score sheet (points per indicator, rank, grade, the gap
to the next grade, the rewards the calculator pays and the consequences with their ledger tasks) and the
bureau's cohort view (ranking, grade distribution, score bands for the chart), and the xlsx of a round."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from evaluation import consequences, scoring, systems
from evaluation.models import Result, Round
from evaluation.vocabulary import GRADE_ORDER, Grade
from kechuang.spreadsheets import workbook_bytes

BANDS = (
    (Decimal(90), "90–"),
    (Decimal(80), "80–89"),
    (Decimal(70), "70–79"),
    (Decimal(60), "60–69"),
    (Decimal(0), "0–59"),
)


def score_sheet(result: Result) -> dict[str, Any]:
    round_ = result.submission.round
    spec = systems.spec_of(round_.system)
    gap = scoring.gap_to_next(spec.grades, result.grade, result.score, result.rank, result.cohort)
    return {
        "result": result,
        "round": round_,
        "platform": result.submission.platform,
        "rows": result.breakdown,
        "gap": gap,
        "gap_grade": Grade(gap.grade).label if gap else "",
        "rewards": consequences.rewards_for(result),
        "consequences": result.consequences.select_related("task").order_by("pk"),
    }


def cohort(round_: Round) -> dict[str, Any]:
    results = list(
        Result.objects.filter(submission__round=round_)
        .select_related("submission__platform__host")
        .order_by("rank", "submission__platform__name")
    )
    grades = Counter(result.grade for result in results)
    bands = Counter(next(label for floor, label in BANDS if result.score >= floor) for result in results)
    chart = {
        "grades": {
            "labels": [str(Grade(g).label) for g in GRADE_ORDER],
            "values": [grades[g] for g in GRADE_ORDER],
        },
        "bands": {
            "labels": [label for _floor, label in reversed(BANDS)],
            "values": [bands[label] for _floor, label in reversed(BANDS)],
        },
        "titles": {"grades": _("等次分布"), "bands": _("得分分布"), "count": _("平台数")},
    }
    return {"results": results, "chart": chart, "grades": [(Grade(g).label, grades[g]) for g in GRADE_ORDER]}


def export_xlsx(round_: Round) -> bytes:
    """The round's results in the layout the province asks for: one row a platform, the points of every
    indicator, then the total, the place and the grade."""
    indicators = list(round_.system.indicators.order_by("order", "id"))
    book = Workbook()
    sheet = book.active
    sheet.title = _("评价结果")
    sheet.append([round_.title])
    headers = [_("名次"), _("平台名称"), _("依托单位"), _("统一社会信用代码"), _("平台类型"), _("级别")]
    headers += [f"{i.name}（{i.weight.normalize():f}分）" for i in indicators]
    headers += [_("总分"), _("等次")]
    sheet.append(headers)
    for result in cohort(round_)["results"]:
        platform = result.submission.platform
        points = {row["code"]: Decimal(row["points"]) for row in result.breakdown}
        sheet.append(
            [
                result.rank,
                platform.name,
                platform.host.name,
                platform.host.uscc,
                platform.get_platform_type_display(),
                platform.get_level_display(),
                *[float(points.get(i.code, 0)) for i in indicators],
                float(result.score),
                result.get_grade_display(),
            ]
        )
    return workbook_bytes(book)

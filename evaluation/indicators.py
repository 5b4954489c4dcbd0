"""Planning indicators (口径) counted from published evaluation results (kechuang.plugins):

`evaluated_platforms`: platforms of the region graded in rounds published from 1 January of the statistics
date's year up to that date, optionally of some grades only (`{"grades": ["excellent"]}`: 评价优秀的平台)
and platform types (`{"platform_types": [...]}`). A result counts where its platform is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from evaluation.models import Result
from evaluation.vocabulary import Grade, RoundStatus
from planning.indicators import Column, Definition, SeriesRequest
from registry.adcodes import region_contains
from registry.region_lookups import in_region
from registry.vocabulary import PlatformType

PLATFORM_REGION = "submission__platform__region"


def _filtered(results: QuerySet[Result], params: dict[str, Any]) -> QuerySet[Result]:
    if params.get("grades"):
        results = results.filter(grade__in=params["grades"])
    if params.get("platform_types"):
        results = results.filter(submission__platform__platform_type__in=params["platform_types"])
    return results


def records(region: str, params: dict[str, Any], on: dt.date) -> QuerySet[Result]:
    published = Result.objects.filter(
        in_region(region, PLATFORM_REGION),
        submission__round__status=RoundStatus.PUBLISHED,
        submission__round__published_on__gte=dt.date(on.year, 1, 1),
        submission__round__published_on__lte=on,
    )
    return (
        _filtered(published, params)
        .select_related("submission__platform", "submission__round")
        .order_by("pk")
    )


def series(requests: list[SeriesRequest]) -> list[list[Decimal]]:
    """The same counts for many indicators and dates, from one query of every published result."""
    rows = list(
        Result.objects.filter(submission__round__status=RoundStatus.PUBLISHED).values_list(
            "submission__platform__region_id",
            "submission__round__published_on",
            "grade",
            "submission__platform__platform_type",
        )
    )
    values = []
    for request in requests:
        grades, types = (
            set(request.params.get("grades") or ()),
            set(request.params.get("platform_types") or ()),
        )
        counted = [
            row
            for row in rows
            if region_contains(request.region, row[0])
            and (not grades or row[2] in grades)
            and (not types or row[3] in types)
        ]
        values.append(
            [
                Decimal(sum(1 for row in counted if dt.date(on.year, 1, 1) <= row[1] <= on))
                for on in request.dates
            ]
        )
    return values


def describe(params: dict[str, Any]) -> str:
    grades = "、".join(str(Grade(g).label) for g in params.get("grades") or ()) or gettext("各等次")
    return gettext("当年发布的绩效评价中评为%(grades)s的平台数") % {"grades": grades}


def validate(params: dict[str, Any]) -> None:
    unknown = set(params.get("grades") or ()) - set(Grade.values)
    unknown |= set(params.get("platform_types") or ()) - set(PlatformType.values)
    if unknown:
        raise ValidationError(
            gettext("未知的等次或平台类型：%(codes)s") % {"codes": "、".join(sorted(unknown))}
        )


DEFINITIONS = {
    "evaluated_platforms": Definition(
        key="evaluated_platforms",
        label="绩效评价平台数",
        records=records,
        series=series,
        describe=describe,
        validate=validate,
        columns=(
            Column(
                gettext_lazy("平台名称"),
                lambda r: r.submission.platform.name,
                key="platform",
                order_by=("submission__platform__name",),
                link=lambda r: r.submission.platform.get_absolute_url(),
            ),
            Column(gettext_lazy("评价轮次"), lambda r: r.submission.round.title),
            Column(gettext_lazy("总分"), lambda r: r.score, key="score"),
            Column(gettext_lazy("等次"), lambda r: r.get_grade_display()),
        ),
    )
}

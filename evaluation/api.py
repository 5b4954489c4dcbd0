"""The evaluation API under /api/evaluation/ (contract 7): rounds and their results, read-only, with the
visibility of the pages (evaluation.permissions): staff see every round, everyone logged in the rounds in
公示 or published, a host its own results once computed."""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time.
from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from evaluation import permissions
from evaluation.models import Round

router = Router(tags=["evaluation"])


class RoundOut(Schema):
    id: int
    title: str
    year: int
    region: str
    index_system: str
    index_version: int
    status: str
    publicity_start: date | None
    publicity_end: date | None
    published_on: date | None
    document: str


class PointsOut(Schema):
    code: str
    name: str
    weight: Decimal
    bonus: bool
    value: Decimal | None
    points: Decimal


class ResultOut(Schema):
    platform: int
    platform_name: str
    host_uscc: str
    score: Decimal
    rank: int
    cohort: int
    grade: str
    breakdown: list[PointsOut]


def _round(round_: Round) -> dict:
    return {
        "id": round_.pk,
        "title": round_.title,
        "year": round_.year,
        "region": round_.region_id,
        "index_system": round_.system.code,
        "index_version": round_.system.version,
        "status": round_.status,
        "publicity_start": round_.publicity_start,
        "publicity_end": round_.publicity_end,
        "published_on": round_.published_on,
        "document": round_.document,
    }


@router.get("/rounds", response=list[RoundOut], operation_id="evaluation_rounds", summary="评价轮次")
def rounds(request: HttpRequest) -> list[dict]:
    visible = Round.objects.select_related("system")
    if not permissions.can_view_cohort(request.user):
        visible = visible.filter(status__in=permissions.PUBLIC_STATES)
    return [_round(round_) for round_ in visible]


@router.get(
    "/rounds/{round_id}/results",
    response=list[ResultOut],
    operation_id="evaluation_results",
    summary="评价结果（得分、名次、等次与各指标得分）",
)
def results(request: HttpRequest, round_id: int) -> list[dict]:
    round_ = get_object_or_404(Round, pk=round_id)
    found = permissions.results_for_user(request.user).filter(submission__round=round_).order_by("rank", "pk")
    return [
        {
            "platform": result.submission.platform_id,
            "platform_name": result.submission.platform.name,
            "host_uscc": result.submission.platform.host.uscc,
            "score": result.score,
            "rank": result.rank,
            "cohort": result.cohort,
            "grade": result.grade,
            "breakdown": result.breakdown,
        }
        for result in found
    ]

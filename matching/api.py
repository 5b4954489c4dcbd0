"""The matching app's JSON API: public search (the same results as `kechuang search`, public records
only) and a need's ranked candidates with reasons (contract 8's shapes), for its enterprise and the bureau."""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time.
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kechuang.api_access import PUBLIC
from matching import permissions
from matching.models import Kind
from matching.scoring import match_need
from matching.search import search
from registry.models import TechnologyNeed

router = Router(tags=["matching"])


class SearchQuery(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="关键词：中文、拼音或首字母")
    kind: Kind | None = Field(None, description="只检索一类记录")
    limit: int = Field(20, ge=1, le=100)


class HitOut(Schema):
    kind: str
    id: int
    title: str
    score: float
    highlights: list[str] = Field(description="以 <mark> 标出命中词的 HTML 片段")


class ReasonOut(Schema):
    factor: str
    weight: float
    value: float
    detail: str


class CandidateOut(Schema):
    kind: str
    id: int
    title: str
    score: float
    reasons: list[ReasonOut]


class MatchedNeedOut(Schema):
    id: int
    title: str
    field: str
    enterprise: str


class MatchOut(Schema):
    need: MatchedNeedOut
    candidates: list[CandidateOut]


@router.get("/search", response=list[HitOut], auth=PUBLIC, summary="全文检索（公开记录）")
def search_endpoint(request: HttpRequest, query: Query[SearchQuery]) -> list[dict]:
    results = search(query.q, kind=query.kind, limit=query.limit, public_only=True)
    return [hit.as_json() for hit in results.hits]


@router.get("/needs/{need_id}/candidates", response=MatchOut, summary="技术需求的匹配候选及理由")
def need_candidates(request: HttpRequest, need_id: int, limit: int = Query(20, ge=1, le=100)) -> dict:
    need = get_object_or_404(TechnologyNeed.objects.select_related("enterprise"), pk=need_id)
    if not permissions.can_work_need(request.auth, need):
        raise HttpError(403, "只有需求企业和科技局可以查看对接候选。")
    return {
        "need": {"id": need.pk, "title": need.title, "field": need.field, "enterprise": need.enterprise.name},
        "candidates": [candidate.as_json() for candidate in match_need(need, limit=limit)],
    }

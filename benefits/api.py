"""The benefit calculator's JSON API (contract 3 in docs/interfaces.md) on the live rulebook the pages use.

`POST /api/benefits/` (`router`), and the same endpoint at `POST /api/policies/benefits` (`legacy_router`),
its address before the benefits app existed. It needs a login (token or session): it judges the snapshot
it is sent and reads nothing about anyone from the database.
"""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time.
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from benefits import rule_store
from benefits.calculator import Calculator, SnapshotError, parse_snapshot
from benefits.calculator.batch import dumps
from kechuang.api_schemas import Problem

router = Router(tags=["benefits"])
legacy_router = Router(tags=["benefits"])


class BenefitsIn(Schema):
    entity: dict[str, Any] = Field(description="实体快照（docs/interfaces.md 约定3）")
    year: int = Field(ge=1949, le=2100, description="计算年度")


class BenefitItem(Schema):
    rule: str
    policy: str
    clause: str
    title: str
    amount_yuan: int | float
    kind: str = Field(description="fixed、cap 或 formula")
    explanation: dict[str, Any] | None
    excluded_by: str | None


class BenefitsOut(Schema):
    entity: str | None
    year: int
    items: list[BenefitItem]
    total_yuan: int | float


def benefits(request: HttpRequest, payload: BenefitsIn) -> HttpResponse:
    try:
        snapshot = parse_snapshot(payload.entity)
    except SnapshotError as error:
        problem = {"detail": str(error), "errors": {"entity": [str(error)]}}
        return HttpResponse(dumps(problem), status=422, content_type="application/json")
    result = Calculator(rule_store.live_rulebook()).evaluate(snapshot, payload.year)
    # The same bytes as `kechuang benefits --json` would print for the rulebook (amounts as JSON numbers).
    return HttpResponse(dumps(result.as_dict()), content_type="application/json")


OPERATION = {
    "response": {200: BenefitsOut, 422: Problem},
    "summary": "政策计算器（约定3）",
    "description": (
        "按现行规则（含科技局在网站上保存的修改）计算实体快照在某年度可享受的奖补；不读写数据库中的机构数据。"
    ),
}
router.post("/", operation_id="benefits_evaluate", **OPERATION)(benefits)
legacy_router.post("/benefits", operation_id="policies_benefits", **OPERATION)(benefits)

"""The policies JSON API: policy documents with their clauses and extracted items.

Confirmed documents are public; drafts under review are for government staff, as on the pages
(`policies.permissions.visible_documents`). The benefit calculator's endpoint is in `benefits.api`.
"""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time.
import datetime as dt
from collections import defaultdict
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from benefits.calculator.money import json_number
from kechuang.api_access import PUBLIC
from kechuang.api_schemas import Problem
from policies.models import DocumentStatus, PolicyDocument, UnitRole
from policies.permissions import visible_documents

router = Router(tags=["policies"])


class DocumentOut(Schema):
    id: int
    code: str
    title: str
    doc_number: str
    issuer: str
    region: str = Field(validation_alias="region_id", description="适用地区的行政区划代码")
    issued_date: dt.date | None
    effective_from: dt.date | None
    effective_until: dt.date | None
    status: Literal[tuple(DocumentStatus.values)]


SUMMARY_FIELDS = (
    "id",
    "code",
    "title",
    "doc_number",
    "issuer",
    "region_id",
    "issued_date",
    "effective_from",
    "effective_until",
    "status",
)


class ClauseOut(Schema):
    path: str = Field(description="条款编号，如 二.(一).3")
    heading: str
    text: str
    lead_units: list[str]
    cooperating_units: list[str]


class MoneyOut(Schema):
    clause_path: str | None
    text: str
    amount_yuan: float | int | None
    kind: str = Field(description="fixed 定额、cap 上限、ratio 比例")
    ratio: float | int | None = Field(description="5% 记为 0.05，1:1 配套记为 1")
    per_unit: str
    beneficiary: str


class ExtractedTargetOut(Schema):
    clause_path: str | None
    text: str
    indicator: str
    value: float | int
    unit: str
    year: int | None
    comparator: str


class DeadlineOut(Schema):
    clause_path: str | None
    text: str
    date: dt.date
    kind: str


class DocumentDetail(DocumentOut):
    clauses: list[ClauseOut]
    money: list[MoneyOut]
    targets: list[ExtractedTargetOut]
    deadlines: list[DeadlineOut]


class DocumentFilters(Schema):
    status: Literal[tuple(DocumentStatus.values)] | None = None
    region: str | None = Field(None, pattern=r"^\d{6}$", description="适用地区的行政区划代码（精确匹配）")


def document_detail(document: PolicyDocument) -> dict[str, Any]:
    """The document as `kechuang ingest --json` prints a parsed one (contract 2), plus its deadlines."""
    units: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"lead": [], "cooperating": []})
    for unit in document.responsibleunits.exclude(clause=None):
        role = "lead" if unit.role == UnitRole.LEAD else "cooperating"
        units[unit.clause_id][role].append(unit.name)
    clauses = [
        {
            "path": c.path,
            "heading": c.heading,
            "text": c.text,
            "lead_units": units[c.pk]["lead"],
            "cooperating_units": units[c.pk]["cooperating"],
        }
        for c in document.clauses.all()
    ]

    def path(item: Any) -> str | None:
        return item.clause.path if item.clause else None

    return {
        **{name: getattr(document, name) for name in SUMMARY_FIELDS},
        "clauses": clauses,
        "money": [
            {
                "clause_path": path(m),
                "text": m.text,
                "amount_yuan": json_number(m.amount_yuan),
                "kind": m.kind,
                "ratio": json_number(m.ratio),
                "per_unit": m.per_unit,
                "beneficiary": m.beneficiary,
            }
            for m in document.moneyprovisions.select_related("clause")
        ],
        "targets": [
            {
                "clause_path": path(t),
                "text": t.text,
                "indicator": t.indicator,
                "value": json_number(t.value),
                "unit": t.unit,
                "year": t.year,
                "comparator": t.comparator,
            }
            for t in document.policytargets.select_related("clause")
        ],
        "deadlines": [
            {"clause_path": path(d), "text": d.text, "date": d.date, "kind": d.kind}
            for d in document.deadlines.select_related("clause")
        ],
    }


@router.get("/documents/", response=list[DocumentOut], auth=PUBLIC, summary="政策文件列表")
@paginate(LimitOffsetPagination)
def list_documents(request: HttpRequest, filters: Query[DocumentFilters]) -> QuerySet[PolicyDocument]:
    documents = visible_documents(request.user, PolicyDocument.objects.all())
    if filters.status:
        documents = documents.filter(status=filters.status)
    if filters.region:
        documents = documents.filter(region_id=filters.region)
    return documents


@router.get(
    "/documents/{document_id}",
    response={200: DocumentDetail, 404: Problem},
    auth=PUBLIC,
    summary="政策文件详情：条款、责任单位、资金、目标与时限",
)
def get_document(request: HttpRequest, document_id: int) -> dict[str, Any]:
    document = visible_documents(request.user, PolicyDocument.objects.all()).filter(pk=document_id).first()
    if document is None:
        raise HttpError(404, f"找不到编号为 {document_id} 的政策文件。")
    return document_detail(document)

"""The sharing JSON API (contract 9 in docs/interfaces.md): the public catalogue, bookings, usage, vouchers
and claims.

Permissions are sharing.permissions', the same functions the pages ask; the work is done by the same
domain modules (booking, usage, vouchers). A refusal by the rules answers 409 with the reason.
"""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time.
import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import WithJsonSchema

from kechuang.api_access import PUBLIC
from kechuang.api_schemas import Problem
from registry.models import Organization
from sharing import booking, catalogue, permissions, statistics, usage, vouchers
from sharing.models import Booking, Claim, SharedInstrument, Usage, Voucher
from sharing.vocabulary import SettlementMode, UserKind

router = Router(tags=["sharing"])


class RateOut(Schema):
    user_kind: str = Field(description="internal 本单位、enterprise 企业、external 其他外部用户")
    yuan_per_hour: Decimal


class SharedInstrumentOut(Schema):
    id: int
    name: str
    owner: str
    region: str = Field(description="所属单位的行政区划代码")
    category: str
    classification_code: str = Field(description="分类编码")
    model_number: str = Field(description="规格型号")
    value_yuan: Decimal = Field(description="原值（元）")
    origin: str = Field(description="domestic 国产、imported 进口")
    funding_source: str = Field(description="经费来源")
    running_status: str = Field(description="运行状态")
    rates: list[RateOut]


class MaintenanceOut(Schema):
    start: dt.datetime
    end: dt.datetime
    reason: str


# A wall-clock time in Beijing time without an offset ("08:30:00"); JSON Schema's "time" format demands one.
TimeOfDay = Annotated[
    dt.time,
    WithJsonSchema(
        {"type": "string", "pattern": r"^\d{2}:\d{2}:\d{2}$", "description": "北京时间，时:分:秒"}
    ),
]


class SharedInstrumentDetail(SharedInstrumentOut):
    description: str
    location: str
    opens_at: TimeOfDay
    closes_at: TimeOfDay
    open_weekdays: str = Field(description="开放日，1 为星期一")
    lead_time_hours: int
    min_minutes: int
    max_minutes: int
    cancel_notice_hours: int
    requires_approval: bool
    requires_training: bool
    training_note: str
    maintenance: list[MaintenanceOut]


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime
    kind: str = Field(description="booking 或 maintenance")
    status: str


class CatalogueFilters(Schema):
    q: str = ""
    region: str = Field("", description="行政区划代码，含下级")
    category: str = ""
    origin: str = ""
    user_kind: str = ""


def instrument_out(shared: SharedInstrument, detail: bool = False) -> dict[str, Any]:
    instrument = shared.instrument
    data: dict[str, Any] = {
        "id": shared.pk,
        "name": instrument.name,
        "owner": instrument.owner.name,
        "region": instrument.owner.region_id,
        "category": instrument.category,
        "classification_code": shared.classification_code,
        "model_number": instrument.model_number,
        "value_yuan": instrument.value_yuan,
        "origin": shared.origin,
        "funding_source": shared.funding_source,
        "running_status": shared.running_status,
        "rates": [{"user_kind": r.user_kind, "yuan_per_hour": r.yuan_per_hour} for r in shared.rates.all()],
    }
    if detail:
        data.update(
            {
                name: getattr(shared, name)
                for name in (
                    "description",
                    "opens_at",
                    "closes_at",
                    "open_weekdays",
                    "lead_time_hours",
                    "min_minutes",
                    "max_minutes",
                    "cancel_notice_hours",
                    "requires_approval",
                    "requires_training",
                    "training_note",
                )
            }
        )
        data["location"] = instrument.location
        data["maintenance"] = list(shared.maintenance.values("start", "end", "reason"))
    return data


@router.get("/instruments", response=list[SharedInstrumentOut], auth=PUBLIC, summary="共享仪器目录")
@paginate(LimitOffsetPagination)
def list_instruments(request: HttpRequest, filters: Query[CatalogueFilters]) -> list[dict[str, Any]]:
    return [instrument_out(shared) for shared in catalogue.listed(catalogue.Filters(**filters.dict()))]


def _listed(instrument_id: int) -> SharedInstrument:
    return get_object_or_404(
        SharedInstrument.objects.listed().select_related("instrument__owner"), pk=instrument_id
    )


@router.get(
    "/instruments/{instrument_id}",
    response={200: SharedInstrumentDetail, 404: Problem},
    auth=PUBLIC,
    summary="共享仪器详情",
)
def get_instrument(request: HttpRequest, instrument_id: int) -> dict[str, Any]:
    return instrument_out(_listed(instrument_id), detail=True)


@router.get(
    "/instruments/{instrument_id}/busy",
    response={200: list[SlotOut], 404: Problem},
    auth=PUBLIC,
    summary="已占用时段（不含预约人）",
)
def busy_slots(request: HttpRequest, instrument_id: int, start: dt.datetime, end: dt.datetime) -> list[dict]:
    return catalogue.busy(_listed(instrument_id), start, end)


class BookingIn(Schema):
    instrument: int = Field(description="仪器编号（资源库仪器的 id）")
    start: dt.datetime
    end: dt.datetime
    purpose: str
    repeat: int = Field(1, ge=1, le=booking.MAX_SERIES, description="每周重复的次数（含本次）")


class BookingOut(Schema):
    id: int
    instrument: int
    start: dt.datetime
    end: dt.datetime
    purpose: str
    status: str = Field(description="requested 待审批、approved 已批准、rejected 已拒绝、cancelled 已取消")
    user_kind: str
    series: int | None
    fee_estimate_yuan: Decimal = Field(description="按收费标准估算的服务费")


def booking_out(item: Booking) -> dict[str, Any]:
    return {
        "id": item.pk,
        "instrument": item.shared_id,
        "start": item.start,
        "end": item.end,
        "purpose": item.purpose,
        "status": item.status,
        "user_kind": item.user_kind,
        "series": item.series_id,
        "fee_estimate_yuan": usage.fee_for(item.shared, item.user_kind, item.start, item.end),
    }


@router.post(
    "/bookings",
    response={201: BookingOut, 403: Problem, 404: Problem, 409: Problem},
    summary="预约仪器（时段冲突或不符合仪器规则时 409 并说明原因）",
)
def create_booking(request: HttpRequest, payload: BookingIn) -> Status:
    shared = _listed(payload.instrument)
    if not permissions.can_book(request.user, shared):
        return Status(403, {"detail": "只有已登记所属单位的用户可以预约仪器。"})
    slot = booking.Slot(payload.start, payload.end)
    try:
        if payload.repeat > 1:
            made = booking.request_series(request.user, shared, slot, payload.purpose, payload.repeat)[0]
        else:
            made = booking.request(request.user, shared, slot, payload.purpose)
    except booking.BookingRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, booking_out(made))


@router.get("/bookings", response=list[BookingOut], summary="我可以查看的预约")
@paginate(LimitOffsetPagination)
def list_bookings(request: HttpRequest) -> list[dict[str, Any]]:
    return [booking_out(b) for b in permissions.bookings_for_user(request.user).select_related("shared")]


def _booking(request: HttpRequest, booking_id: int) -> Booking:
    return get_object_or_404(
        permissions.bookings_for_user(request.user).select_related("shared__instrument"), pk=booking_id
    )


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class MoveIn(Schema):
    start: dt.datetime
    end: dt.datetime


@router.post(
    "/bookings/{booking_id}/decision",
    response={200: BookingOut, 403: Problem, 404: Problem, 409: Problem},
    summary="仪器所属单位审批预约",
)
def decide_booking(request: HttpRequest, booking_id: int, payload: DecisionIn) -> Status:
    item = _booking(request, booking_id)
    if not permissions.can_manage_instrument(request.user, item.shared):
        return Status(403, {"detail": "只有仪器所属单位可以审批预约。"})
    try:
        return Status(200, booking_out(booking.decide(request.user, item, payload.approve, payload.note)))
    except booking.BookingRefused as refusal:
        return Status(409, {"detail": str(refusal)})


@router.post(
    "/bookings/{booking_id}/cancellation",
    response={200: BookingOut, 403: Problem, 404: Problem, 409: Problem},
    summary="取消预约",
)
def cancel_booking(request: HttpRequest, booking_id: int) -> Status:
    item = _booking(request, booking_id)
    if not permissions.can_change_booking(request.user, item):
        return Status(403, {"detail": "您不能取消这条预约。"})
    try:
        return Status(200, booking_out(booking.cancel(request.user, item)))
    except booking.BookingRefused as refusal:
        return Status(409, {"detail": str(refusal)})


@router.patch(
    "/bookings/{booking_id}",
    response={200: BookingOut, 403: Problem, 404: Problem, 409: Problem},
    summary="改期一次预约（周期预约也只改这一次）",
)
def move_booking(request: HttpRequest, booking_id: int, payload: MoveIn) -> Status:
    item = _booking(request, booking_id)
    if not permissions.can_change_booking(request.user, item):
        return Status(403, {"detail": "您不能修改这条预约。"})
    try:
        return Status(
            200, booking_out(booking.move(request.user, item, booking.Slot(payload.start, payload.end)))
        )
    except booking.BookingRefused as refusal:
        return Status(409, {"detail": str(refusal)})


class UsageIn(Schema):
    instrument: int
    booking: int | None = None
    start: dt.datetime
    end: dt.datetime
    operator: str
    samples: int = Field(0, ge=0)
    sample_note: str = ""
    organization: str | None = Field(None, description="服务对象的统一社会信用代码（无预约时）")
    user_kind: UserKind | None = None


class UsageOut(Schema):
    id: int
    instrument: int
    booking: int | None
    organization: str | None
    start: dt.datetime
    end: dt.datetime
    operator: str
    samples: int
    fee_yuan: Decimal


def usage_out(item: Usage) -> dict[str, Any]:
    return {
        "id": item.pk,
        "instrument": item.shared_id,
        "booking": item.booking_id,
        "organization": item.organization.uscc if item.organization else None,
        "start": item.start,
        "end": item.end,
        "operator": item.operator,
        "samples": item.samples,
        "fee_yuan": item.fee_yuan,
    }


@router.post(
    "/usages",
    response={201: UsageOut, 403: Problem, 404: Problem, 409: Problem},
    summary="登记使用记录（服务费按收费标准计算）",
)
def create_usage(request: HttpRequest, payload: UsageIn) -> Status:
    shared = get_object_or_404(SharedInstrument.objects.select_related("instrument"), pk=payload.instrument)
    if not permissions.can_record_usage(request.user, shared):
        return Status(403, {"detail": "只有仪器所属单位可以登记使用记录。"})
    served = None
    if payload.organization:
        served = get_object_or_404(Organization, uscc=payload.organization)
    made_for = get_object_or_404(Booking, pk=payload.booking, shared=shared) if payload.booking else None
    try:
        item = usage.record(
            request.user,
            shared,
            payload.start,
            payload.end,
            payload.operator,
            payload.samples,
            payload.sample_note,
            made_for,
            served,
            payload.user_kind,
        )
    except usage.UsageRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, usage_out(item))


class VoucherIn(Schema):
    year: int = Field(ge=2000, le=2100)
    planned_cost_yuan: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    purpose: str
    settlement_mode: SettlementMode = SettlementMode.FIRM_REIMBURSED


class ShareOut(Schema):
    level: str
    region: str
    granted_yuan: Decimal
    redeemed_yuan: Decimal
    paid_yuan: Decimal
    remaining_yuan: Decimal


class VoucherOut(Schema):
    id: int
    enterprise: str = Field(description="统一社会信用代码")
    year: int
    planned_cost_yuan: Decimal
    settlement_mode: str
    status: str = Field(description="applied 待审批、approved 已发放、rejected 未通过、expired 已到期")
    deadline: dt.date | None
    remaining_yuan: Decimal
    shares: list[ShareOut]


def voucher_out(item: Voucher) -> dict[str, Any]:
    return {
        "id": item.pk,
        "enterprise": item.enterprise.uscc,
        "year": item.year,
        "planned_cost_yuan": item.planned_cost_yuan,
        "settlement_mode": item.settlement_mode,
        "status": item.status,
        "deadline": item.deadline,
        "remaining_yuan": vouchers.remaining_yuan(item),
        "shares": [
            {
                "level": row["level_code"],
                "region": row["region_code"],
                "granted_yuan": row["granted"],
                "redeemed_yuan": row["redeemed"],
                "paid_yuan": row["paid"],
                "remaining_yuan": row["remaining"],
            }
            for row in vouchers.ledger(item)
        ],
    }


@router.get("/vouchers", response=list[VoucherOut], summary="我可以查看的创新券")
@paginate(LimitOffsetPagination)
def list_vouchers(request: HttpRequest) -> list[dict[str, Any]]:
    return [voucher_out(v) for v in permissions.vouchers_for_user(request.user).select_related("enterprise")]


@router.post("/vouchers", response={201: VoucherOut, 403: Problem, 409: Problem}, summary="申领创新券")
def apply_voucher(request: HttpRequest, payload: VoucherIn) -> Status:
    if not permissions.can_apply_for_voucher(request.user):
        return Status(403, {"detail": "只有企业用户可以为本企业申领创新券。"})
    try:
        item = vouchers.apply(
            request.user, payload.year, payload.planned_cost_yuan, payload.purpose, payload.settlement_mode
        )
    except vouchers.VoucherRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, voucher_out(item))


def _voucher(request: HttpRequest, voucher_id: int) -> Voucher:
    return get_object_or_404(
        permissions.vouchers_for_user(request.user).select_related("enterprise"), pk=voucher_id
    )


@router.get(
    "/vouchers/{voucher_id}", response={200: VoucherOut, 404: Problem}, summary="创新券详情与分级台账"
)
def get_voucher(request: HttpRequest, voucher_id: int) -> dict[str, Any]:
    return voucher_out(_voucher(request, voucher_id))


class VoucherDecisionIn(Schema):
    approve: bool
    deadline: dt.date | None = Field(None, description="批准时必填：使用截止日")
    reason: str = ""


@router.post(
    "/vouchers/{voucher_id}/decision",
    response={200: VoucherOut, 403: Problem, 404: Problem, 409: Problem},
    summary="科技局审批创新券（批准时冻结各级预算）",
)
def decide_voucher(request: HttpRequest, voucher_id: int, payload: VoucherDecisionIn) -> Status:
    item = _voucher(request, voucher_id)
    if not permissions.can_decide_voucher(request.user):
        return Status(403, {"detail": "只有科技局可以审批创新券。"})
    try:
        if payload.approve:
            if payload.deadline is None:
                return Status(409, {"detail": "批准时须填写使用截止日。"})
            item = vouchers.approve(request.user, item, payload.deadline)
        else:
            item = vouchers.reject(request.user, item, payload.reason)
    except vouchers.VoucherRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(200, voucher_out(item))


class RedemptionIn(Schema):
    usage: int = Field(description="使用记录编号")
    amount_yuan: Decimal = Field(gt=0, max_digits=16, decimal_places=2, description="本次兑付的创新券金额")


class PartOut(Schema):
    level: str
    amount_yuan: Decimal
    rule: str
    clause: str


class ClaimOut(Schema):
    id: int
    voucher: int
    usage: int
    cost_yuan: Decimal
    amount_yuan: Decimal
    payee: str = Field(description="收款单位的统一社会信用代码")
    status: str = Field(description="submitted 待审核、approved 已兑付、rejected 已退回")
    has_invoice: bool
    parts: list[PartOut]


def claim_out(item: Claim) -> dict[str, Any]:
    return {
        "id": item.pk,
        "voucher": item.voucher_id,
        "usage": item.usage_id,
        "cost_yuan": item.cost_yuan,
        "amount_yuan": item.amount_yuan,
        "payee": item.payee.uscc,
        "status": item.status,
        "has_invoice": bool(item.invoice),
        "parts": [
            {"level": p.level, "amount_yuan": p.amount_yuan, "rule": p.rule, "clause": p.clause}
            for p in item.parts.all()
        ],
    }


@router.post(
    "/vouchers/{voucher_id}/redemptions",
    response={201: ClaimOut, 403: Problem, 404: Problem, 409: Problem},
    summary="以使用记录兑付创新券（额度或预算不足时 409 并说明原因）",
)
def redeem(request: HttpRequest, voucher_id: int, payload: RedemptionIn) -> Status:
    item = _voucher(request, voucher_id)
    served = get_object_or_404(
        permissions.usages_for_user(request.user).select_related("shared__instrument__owner"),
        pk=payload.usage,
    )
    if not permissions.can_claim(request.user, item, served):
        return Status(403, {"detail": "您不能为这张创新券申请兑付。"})
    try:
        made = vouchers.claim(request.user, item, served, payload.amount_yuan)
    except vouchers.VoucherRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, claim_out(made))


def _claim(request: HttpRequest, claim_id: int) -> Claim:
    found = get_object_or_404(
        Claim.objects.select_related("voucher", "usage__shared__instrument", "payee"), pk=claim_id
    )
    if not permissions.can_view_claim(request.user, found):
        return get_object_or_404(Claim.objects.none(), pk=claim_id)
    return found


@router.post(
    "/claims/{claim_id}/invoice",
    response={200: ClaimOut, 403: Problem, 404: Problem, 409: Problem},
    summary="上传兑付申请的发票（PDF、JPG 或 PNG）",
)
def upload_invoice(request: HttpRequest, claim_id: int, invoice: File[UploadedFile]) -> Status:
    item = _claim(request, claim_id)
    try:
        return Status(200, claim_out(vouchers.attach_invoice(request.user, item, invoice)))
    except vouchers.VoucherRefused as refusal:
        return Status(409, {"detail": str(refusal)})


@router.post(
    "/claims/{claim_id}/decision",
    response={200: ClaimOut, 403: Problem, 404: Problem, 409: Problem},
    summary="科技局审核兑付申请",
)
def decide_claim(request: HttpRequest, claim_id: int, payload: DecisionIn) -> Status:
    item = _claim(request, claim_id)
    if not permissions.can_decide_claim(request.user):
        return Status(403, {"detail": "只有科技局可以审核兑付申请。"})
    try:
        return Status(
            200, claim_out(vouchers.decide_claim(request.user, item, payload.approve, payload.note))
        )
    except vouchers.VoucherRefused as refusal:
        return Status(409, {"detail": str(refusal)})


class StatisticsOut(Schema):
    instrument: int
    name: str
    owner: str
    effective_hours: Decimal = Field(description="年有效工作机时")
    external_hours: Decimal = Field(description="对外服务机时")
    sharing_rate: Decimal = Field(description="共享率：对外服务机时 ÷ 有效工作机时")
    income_yuan: Decimal = Field(description="服务收入")


@router.get("/statistics", response=list[StatisticsOut], auth=PUBLIC, summary="仪器共享统计（按仪器）")
def instrument_statistics(
    request: HttpRequest, year: int = Query(..., ge=2000, le=2100, description="统计年份")
) -> QuerySet | list[dict[str, Any]]:
    return statistics.by_instrument(year)

"""The technology-contract JSON API under /api/transfer/: the contracts a user may see, one contract on
its legal clock, the procedural acts (the same ones the contract's page offers), and the registration
statistics by one dimension.

Permissions are transfer.permissions', the functions the pages ask; the acts run transfer.registration
through transfer.acts. A refusal by the rules answers 409 with the reason.
"""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time.
import datetime as dt
from decimal import Decimal
from enum import Enum

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from registry.api import Problem
from transfer import acts, pages, permissions, registration, statistics
from transfer.models import Contract
from transfer.registration import RegistrationError
from transfer.vocabulary import ContractStatus, ContractType

router = Router(tags=["transfer"])
# What the API offers of the page's acts: a change needs the changed fields, an objection its objector,
# so those two stay on the page.
API_ACTS = (
    "file",
    "accept",
    "request_material",
    "receive_material",
    "review",
    "register",
    "refuse",
    "cancel",
)
ActCode = Enum("ActCode", {code: code for code in API_ACTS}, type=str)
Dimension = Enum("Dimension", {code: code for code in statistics.DIMENSIONS}, type=str)


class ContractOut(Schema):
    id: int
    registration_no: str | None
    title: str
    contract_type: str = Field(
        description="、".join(f"{code} {label}" for code, label in ContractType.choices)
    )
    field: str
    seller: str
    seller_uscc: str
    seller_region: str
    buyer: str
    buyer_uscc: str
    signed: dt.date
    amount_yuan: Decimal = Field(description="成交额（元）")
    technical_amount_yuan: Decimal = Field(description="技术交易额（元）")
    status: str = Field(description="、".join(f"{code} {label}" for code, label in ContractStatus.choices))
    registered: dt.date | None


class StepOut(Schema):
    kind: str
    on: dt.date
    note: str


class ClockOut(Schema):
    running: bool
    started_on: dt.date | None
    due: dt.date | None = Field(description="办结期限（工作日按国务院节假日安排）")
    limit_days: int | None
    left_days: int | None
    overdue: bool
    stopped_for_material: bool
    expert_review: bool


class ContractDetail(ContractOut):
    clock: ClockOut
    steps: list[StepOut]
    received_yuan: Decimal = Field(description="已到账合计（元）")
    outstanding_technical_yuan: Decimal = Field(description="距技术交易额尚待到账（元）")


class ActIn(Schema):
    on: dt.date
    note: str = Field("", max_length=2000, description="补正材料、不予登记、撤销登记时必填")
    disputed: bool = Field(False, description="转专家评审时：当事人存在争议")


class ContractFilters(Schema):
    region: str = Field("", pattern=r"^(\d{6})?$", description="卖方所在地区代码（含下级）")
    contract_type: ContractType | None = None
    status: ContractStatus | None = None
    year: int | None = Field(None, ge=2000, le=2100)
    q: str = Field("", max_length=100)


class StatisticsQuery(Schema):
    by: Dimension = Field(Dimension.year)
    region: str = Field("", pattern=r"^(\d{6})?$")
    year: int | None = Field(None, ge=2000, le=2100)


class CellOut(Schema):
    code: str
    name: str
    contracts: int
    amount_yuan: Decimal
    technical_amount_yuan: Decimal


class BreakdownOut(Schema):
    by: str
    contracts: int
    amount_yuan: Decimal
    technical_amount_yuan: Decimal
    cells: list[CellOut]


def contract_out(contract: Contract) -> dict:
    return {
        "id": contract.pk,
        "registration_no": contract.registration_no,
        "title": contract.title,
        "contract_type": contract.contract_type,
        "field": contract.field,
        "seller": contract.seller_name,
        "seller_uscc": contract.seller_uscc,
        "seller_region": contract.seller_region_id,
        "buyer": contract.buyer_name,
        "buyer_uscc": contract.buyer_uscc,
        "signed": contract.signed,
        "amount_yuan": contract.amount_yuan,
        "technical_amount_yuan": contract.technical_amount_yuan,
        "status": contract.status,
        "registered": contract.registered,
    }


def contract_detail(contract: Contract) -> dict:
    reconciliation = registration.reconcile(contract)
    return contract_out(contract) | {
        "clock": vars(pages.clock_of(contract, timezone.localdate())),
        "steps": list(contract.steps.values("kind", "on", "note")),
        "received_yuan": reconciliation.received_yuan,
        "outstanding_technical_yuan": reconciliation.outstanding_technical_yuan,
    }


@router.get("/contracts", response=list[ContractOut], summary="我可以查看的技术合同（最多500份）")
def list_contracts(request: HttpRequest, filters: Query[ContractFilters]) -> list[dict]:
    chosen = filters.dict()
    found = pages.filtered(permissions.contracts_for_user(request.user), chosen)
    return [contract_out(contract) for contract in found[:500]]


@router.get(
    "/contracts/{contract_id}",
    response={200: ContractDetail, 404: Problem},
    summary="技术合同：办理时限、办理记录、到账核对",
)
def get_contract(request: HttpRequest, contract_id: int) -> dict:
    return contract_detail(get_object_or_404(permissions.contracts_for_user(request.user), pk=contract_id))


@router.post(
    "/contracts/{contract_id}/acts/{action}",
    response={200: ContractDetail, 403: Problem, 404: Problem, 409: Problem},
    summary="办理登记事项（提交、受理、补正、评审、登记、不予登记、撤销）",
)
def act(request: HttpRequest, contract_id: int, action: ActCode, payload: ActIn) -> Status:
    contract = get_object_or_404(permissions.contracts_for_user(request.user), pk=contract_id)
    chosen = acts.ACTS[action.value]
    if not permissions.can_act(request.user, contract, chosen):
        if contract.status in chosen.statuses:
            raise PermissionDenied("您不能对这份合同办理此事项。")
        return Status(409, {"detail": f"合同当前为“{contract.get_status_display()}”，不能办理此事项。"})
    try:
        chosen.run(contract, payload.dict(), request.user)
    except RegistrationError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(200, contract_detail(Contract.objects.get(pk=contract.pk)))


@router.get(
    "/statistics",
    response={200: BreakdownOut, 403: Problem},
    summary="已登记技术合同统计（按一个维度）",
)
def get_statistics(request: HttpRequest, query: Query[StatisticsQuery]) -> dict:
    if not permissions.can_view_statistics(request.user):
        raise PermissionDenied("技术合同登记统计仅向政府工作人员开放。")
    table = statistics.breakdown(statistics.counted(query.region, query.year), query.by.value)
    return {
        "by": query.by.value,
        "contracts": table.contracts,
        "amount_yuan": table.amount_yuan,
        "technical_amount_yuan": table.technical_amount_yuan,
        "cells": [vars(cell) for cell in table.cells],
    }

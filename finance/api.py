"""The finance JSON API under /api/finance/: loans with their schedules and repayments, interest
subsidies granted by the rules, risk compensation and claw-back.

Permissions are finance.permissions', the same functions the pages ask; the work is done by the same
domain modules (loans, subsidies, compensation). A refusal by the rules answers 409 with the reason.
"""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time.
import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from finance import compensation, loans, permissions, subsidies
from finance.models import CompensationClaim, Loan
from finance.vocabulary import LoanProduct, RepaymentMethod
from kechuang.api_schemas import Problem
from registry.models import Organization

router = Router(tags=["finance"])


class InstallmentOut(Schema):
    number: int
    due: dt.date
    principal_yuan: Decimal
    interest_yuan: Decimal


class RepaymentOut(Schema):
    paid_on: dt.date
    principal_yuan: Decimal
    interest_yuan: Decimal


class SubsidyOut(Schema):
    rule: str
    clause: str
    title: str
    computed_yuan: Decimal = Field(description="规则计算额（上限类规则为上限）")
    amount_yuan: Decimal = Field(description="核定贴息：不超过已付利息与每家企业累计上限")
    granted_on: dt.date


class CompensationClaimOut(Schema):
    id: int
    pool: str
    claimed_on: dt.date
    loss_yuan: Decimal
    covered_yuan: Decimal
    compensated_yuan: Decimal
    clawed_back_yuan: Decimal
    status: str
    tiers: list[dict]


class LoanOut(Schema):
    id: int
    contract_no: str
    product: str = Field(description="、".join(f"{code} {label}" for code, label in LoanProduct.choices))
    lender: str
    borrower: str
    borrower_uscc: str
    amount_yuan: Decimal
    rate: Decimal
    lpr: Decimal | None = Field(description="合同签订日上月的1年期LPR")
    signed: dt.date
    issued: dt.date
    term_months: int
    status: str = Field(description="active 还款中、repaid 已结清、bad 不良")
    outstanding_yuan: Decimal


class LoanDetail(LoanOut):
    installments: list[InstallmentOut]
    repayments: list[RepaymentOut]
    subsidies: list[SubsidyOut]
    claim: CompensationClaimOut | None


class LoanIn(Schema):
    contract_no: str
    product: LoanProduct
    lender_uscc: str
    borrower_uscc: str
    amount_yuan: Decimal = Field(gt=0)
    rate: Decimal = Field(ge=0, lt=1, description="年利率，小数")
    signed: dt.date
    issued: dt.date
    term_months: int = Field(ge=1, le=360)
    method: RepaymentMethod = RepaymentMethod.BULLET
    pool: int | None = None
    first_filing: bool = False


class RepaymentIn(Schema):
    paid_on: dt.date
    principal_yuan: Decimal = Field(ge=0)
    interest_yuan: Decimal = Field(ge=0)


class DayIn(Schema):
    on: dt.date


class RecoveryIn(Schema):
    on: dt.date
    recovered_yuan: Decimal = Field(gt=0)


def loan_out(loan: Loan) -> dict:
    return {
        "id": loan.pk,
        "contract_no": loan.contract_no,
        "product": loan.product,
        "lender": loan.lender.name,
        "borrower": loan.borrower.name,
        "borrower_uscc": loan.borrower.uscc,
        "amount_yuan": loan.amount_yuan,
        "rate": loan.rate,
        "lpr": loan.lpr,
        "signed": loan.signed,
        "issued": loan.issued,
        "term_months": loan.term_months,
        "status": loan.status,
        "outstanding_yuan": loans.outstanding(loan),
    }


def claim_out(claim: CompensationClaim) -> dict:
    return {
        "id": claim.pk,
        "pool": claim.pool.name,
        "claimed_on": claim.claimed_on,
        "loss_yuan": claim.loss_yuan,
        "covered_yuan": claim.covered_yuan,
        "compensated_yuan": claim.compensated_yuan,
        "clawed_back_yuan": claim.clawed_back_yuan,
        "status": claim.status,
        "tiers": claim.tiers,
    }


def loan_detail(loan: Loan) -> dict:
    claim = CompensationClaim.objects.filter(loan=loan).select_related("pool").first()
    return loan_out(loan) | {
        "installments": list(loan.installments.values("number", "due", "principal_yuan", "interest_yuan")),
        "repayments": list(loan.repayments.values("paid_on", "principal_yuan", "interest_yuan")),
        "subsidies": list(
            loan.subsidies.values("rule", "clause", "title", "computed_yuan", "amount_yuan", "granted_on")
        ),
        "claim": claim_out(claim) if claim else None,
    }


def _visible(request: HttpRequest) -> QuerySet[Loan]:
    return permissions.loans_for_user(request.user)


@router.get("/loans", response=list[LoanOut], summary="我可以查看的贷款")
def list_loans(request: HttpRequest) -> list[dict]:
    return [loan_out(loan) for loan in _visible(request)[:500]]


@router.get(
    "/loans/{loan_id}",
    response={200: LoanDetail, 404: Problem},
    summary="贷款：还款计划、还款、贴息、风险补偿",
)
def get_loan(request: HttpRequest, loan_id: int) -> dict:
    return loan_detail(get_object_or_404(_visible(request), pk=loan_id))


@router.post(
    "/loans", response={201: LoanDetail, 403: Problem, 409: Problem}, summary="登记放款（生成还款计划）"
)
def create_loan(request: HttpRequest, payload: LoanIn) -> Status:
    if not permissions.can_enter_loans(request.user):
        raise PermissionDenied("只有金融机构用户和科技局可以登记贷款。")
    lender = Organization.objects.filter(uscc=payload.lender_uscc.upper()).first()
    borrower = Organization.objects.filter(uscc=payload.borrower_uscc.upper()).first()
    if lender is None or borrower is None:
        return Status(409, {"detail": "贷款银行和借款企业须已在资源库中登记。"})
    if not permissions.is_bureau(request.user) and lender.pk != permissions.own_organization_id(request.user):
        raise PermissionDenied("只能登记本行发放的贷款。")
    if Loan.objects.filter(contract_no=payload.contract_no).exists():
        return Status(409, {"detail": "该借款合同编号已登记。"})
    values = payload.dict(exclude={"lender_uscc", "borrower_uscc", "pool"})
    loan = Loan(lender=lender, borrower=borrower, pool_id=payload.pool, **values)
    try:
        loans.issue(loan, request.user)
    except loans.FinanceError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, loan_detail(loan))


def _serviced(request: HttpRequest, loan_id: int) -> Loan:
    loan = get_object_or_404(_visible(request), pk=loan_id)
    if not permissions.can_service(request.user, loan):
        raise PermissionDenied("只有贷款银行和科技局可以办理还款和不良认定。")
    return loan


def _decided(request: HttpRequest, loan_id: int) -> Loan:
    loan = get_object_or_404(_visible(request), pk=loan_id)
    if not permissions.can_decide(request.user):
        raise PermissionDenied("只有科技局可以核定贴息和风险补偿。")
    return loan


@router.post(
    "/loans/{loan_id}/repayments",
    response={201: LoanDetail, 403: Problem, 404: Problem, 409: Problem},
    summary="登记还款",
)
def repay(request: HttpRequest, loan_id: int, payload: RepaymentIn) -> Status:
    loan = _serviced(request, loan_id)
    try:
        loans.record_repayment(
            loan, payload.paid_on, payload.principal_yuan, payload.interest_yuan, request.user
        )
    except loans.FinanceError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, loan_detail(Loan.objects.get(pk=loan.pk)))


@router.post(
    "/loans/{loan_id}/bad",
    response={200: LoanDetail, 403: Problem, 404: Problem, 409: Problem},
    summary="认定不良",
)
def declare_bad(request: HttpRequest, loan_id: int, payload: DayIn) -> Status:
    loan = _serviced(request, loan_id)
    try:
        loan = loans.declare_bad(loan, payload.on, request.user)
    except loans.FinanceError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(200, loan_detail(loan))


@router.post(
    "/loans/{loan_id}/subsidies",
    response={201: LoanDetail, 403: Problem, 404: Problem, 409: Problem},
    summary="按规则核定贴息（结清后）",
)
def grant_subsidies(request: HttpRequest, loan_id: int, payload: DayIn) -> Status:
    loan = _decided(request, loan_id)
    try:
        subsidies.grant(loan, payload.on, request.user)
    except loans.FinanceError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, loan_detail(loan))


@router.post(
    "/loans/{loan_id}/compensation",
    response={201: LoanDetail, 403: Problem, 404: Problem, 409: Problem},
    summary="风险补偿（按资金池分档）",
)
def compensate(request: HttpRequest, loan_id: int, payload: DayIn) -> Status:
    loan = _decided(request, loan_id)
    try:
        compensation.compensate(loan, payload.on, request.user)
    except loans.FinanceError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, loan_detail(loan))


@router.post(
    "/loans/{loan_id}/recoveries",
    response={201: LoanDetail, 403: Problem, 404: Problem, 409: Problem},
    summary="登记损失回收并追回资金池份额",
)
def recover(request: HttpRequest, loan_id: int, payload: RecoveryIn) -> Status:
    loan = _decided(request, loan_id)
    claim = CompensationClaim.objects.filter(loan=loan).first()
    if claim is None:
        return Status(409, {"detail": "这笔贷款尚未获得风险补偿。"})
    try:
        compensation.recover(claim, payload.on, payload.recovered_yuan, request.user)
    except loans.FinanceError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, loan_detail(loan))

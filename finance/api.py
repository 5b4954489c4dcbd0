"""The finance JSON API under /api/finance/: loans with their schedules and repayments, interest
subsidies granted by the rules, risk compensation and claw-back; the public catalogue of financial
products (maintained by their banks and the bureau) and financing requests matched to them.

Permissions are finance.permissions', the same functions the pages ask; the work is done by the same
domain modules (loans, subsidies, compensation). A refusal by the rules answers 409 with the reason.
"""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time.
import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from finance import compensation, financing, loans, permissions, subsidies
from finance.models import CompensationClaim, FinancialProduct, FinancingRequest, Loan
from finance.vocabulary import LoanProduct, RepaymentMethod, RequestStatus
from kechuang.api_access import PUBLIC
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


class EligibilityConditionSchema(Schema):
    label: str = Field(min_length=1, max_length=200, description="条件说明（中文）")
    test: str = Field(
        min_length=1,
        max_length=500,
        description="政策计算器的安全表达式，例如 holds('tech_sme')、revenue >= 10000000",
    )


class FinancialProductOut(Schema):
    id: int
    name: str
    bank: str
    bank_uscc: str
    kind: str = Field(description="、".join(f"{code} {label}" for code, label in LoanProduct.choices))
    rate: Decimal = Field(description="参考年利率，小数")
    term_months: int
    ceiling_yuan: Decimal
    eligibility: list[EligibilityConditionSchema]
    description: str
    on_offer: bool


class FinancialProductIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    bank_uscc: str = Field(min_length=1, max_length=18)
    kind: LoanProduct
    rate: Decimal = Field(ge=0, le=1, description="参考年利率，小数")
    term_months: int = Field(ge=1, le=360)
    ceiling_yuan: Decimal = Field(gt=0)
    eligibility: list[EligibilityConditionSchema] = []
    description: str = Field("", max_length=2000)
    on_offer: bool = True


class FinancialProductPatch(Schema):
    """The fields sent change; none may be null (a product always has each)."""

    name: str = Field(None, min_length=1, max_length=200)
    rate: Decimal = Field(None, ge=0, le=1)
    term_months: int = Field(None, ge=1, le=360)
    ceiling_yuan: Decimal = Field(None, gt=0)
    eligibility: list[EligibilityConditionSchema] = None
    description: str = Field(None, max_length=2000)
    on_offer: bool = None


class EligibilityCheckOut(Schema):
    label: str
    met: bool
    text: str = Field(description="条件与企业数据（中文）")


class ProductMatchReasonOut(Schema):
    factor: str = Field(description="rate 利率、region 地区")
    weight: float
    value: float
    detail: str


class ProductMatchOut(Schema):
    product: int
    name: str
    bank: str
    eligible: bool
    score: float
    checks: list[EligibilityCheckOut]
    reasons: list[ProductMatchReasonOut]


class FinancingRequestOut(Schema):
    id: int
    enterprise: str
    enterprise_uscc: str
    amount_yuan: Decimal
    term_months: int
    purpose: str
    filed_on: dt.date
    status: str = Field(description="、".join(f"{code} {label}" for code, label in RequestStatus.choices))
    product: int | None
    decided_on: dt.date | None
    decision_reason: str
    loan: int | None


class FinancingRequestDetail(FinancingRequestOut):
    matches: list[ProductMatchOut] = Field(description="按今日数据匹配的产品：符合条件的在前，按得分排序")


class FinancingRequestIn(Schema):
    amount_yuan: Decimal = Field(gt=0, max_digits=16, decimal_places=2, description="融资金额（元）")
    term_months: int = Field(ge=1, le=360)
    purpose: str = Field(min_length=1, max_length=300)


class FinancingSubmitIn(Schema):
    product: int


class FinancingAcceptIn(Schema):
    contract_no: str = Field(min_length=1, max_length=64)
    signed: dt.date
    issued: dt.date
    method: RepaymentMethod = RepaymentMethod.BULLET


class FinancingDeclineIn(Schema):
    on: dt.date
    reason: str = Field(min_length=1, max_length=300)


def product_out(product: FinancialProduct) -> dict:
    return {
        "id": product.pk,
        "name": product.name,
        "bank": product.bank.name,
        "bank_uscc": product.bank.uscc,
        "kind": product.kind,
        "rate": product.rate,
        "term_months": product.term_months,
        "ceiling_yuan": product.ceiling_yuan,
        "eligibility": product.eligibility,
        "description": product.description,
        "on_offer": product.on_offer,
    }


def request_out(found: FinancingRequest) -> dict:
    return {
        "id": found.pk,
        "enterprise": found.enterprise.name,
        "enterprise_uscc": found.enterprise.uscc,
        "amount_yuan": found.amount_yuan,
        "term_months": found.term_months,
        "purpose": found.purpose,
        "filed_on": found.filed_on,
        "status": found.status,
        "product": found.product_id,
        "decided_on": found.decided_on,
        "decision_reason": found.decision_reason,
        "loan": found.loan_id,
    }


def request_detail(found: FinancingRequest) -> dict:
    ranking = financing.match(found, timezone.localdate())
    return request_out(found) | {"matches": [m.as_json() for m in ranking]}


@router.get("/products", response=list[FinancialProductOut], auth=PUBLIC, summary="金融产品目录")
def list_products(request: HttpRequest) -> list[dict]:
    return [product_out(p) for p in permissions.products_for_user(request.user)[:500]]


@router.get(
    "/products/{product_id}",
    response={200: FinancialProductOut, 404: Problem},
    auth=PUBLIC,
    summary="金融产品",
)
def get_product(request: HttpRequest, product_id: int) -> dict:
    return product_out(get_object_or_404(permissions.products_for_user(request.user), pk=product_id))


def _saved_product(request: HttpRequest, product: FinancialProduct, status: int) -> Status:
    try:
        financing.save_product(product, request.user)
    except loans.FinanceError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(status, product_out(product))


@router.post(
    "/products", response={201: FinancialProductOut, 403: Problem, 409: Problem}, summary="新增金融产品"
)
def create_product(request: HttpRequest, payload: FinancialProductIn) -> Status:
    if not permissions.can_maintain_product(request.user):
        raise PermissionDenied("只有科技局和金融机构用户可以维护金融产品。")
    bank = Organization.objects.filter(uscc=payload.bank_uscc.upper()).first()
    if bank is None:
        return Status(409, {"detail": "发放银行须已在资源库中登记。"})
    if not permissions.is_bureau(request.user) and bank.pk != permissions.own_organization_id(request.user):
        raise PermissionDenied("只能维护本行的产品。")
    values = payload.dict(exclude={"bank_uscc"})
    return _saved_product(request, FinancialProduct(bank=bank, **values), 201)


@router.patch(
    "/products/{product_id}",
    response={200: FinancialProductOut, 403: Problem, 404: Problem, 409: Problem},
    summary="修改金融产品",
)
def update_product(request: HttpRequest, product_id: int, payload: FinancialProductPatch) -> Status:
    product = get_object_or_404(permissions.products_for_user(request.user), pk=product_id)
    if not permissions.can_maintain_product(request.user, product):
        raise PermissionDenied("只有发放银行和科技局可以修改此产品。")
    for name, value in payload.dict(exclude_unset=True).items():
        setattr(product, name, value)
    return _saved_product(request, product, 200)


def _visible_request(request: HttpRequest, request_id: int) -> FinancingRequest:
    return get_object_or_404(permissions.requests_for_user(request.user), pk=request_id)


@router.get("/requests", response=list[FinancingRequestOut], summary="我可以查看的融资需求")
def list_requests(request: HttpRequest) -> list[dict]:
    return [request_out(found) for found in permissions.requests_for_user(request.user)[:500]]


@router.get(
    "/requests/{request_id}",
    response={200: FinancingRequestDetail, 404: Problem},
    summary="融资需求与匹配的产品（符合与不符合的条件）",
)
def get_request(request: HttpRequest, request_id: int) -> dict:
    return request_detail(_visible_request(request, request_id))


@router.post(
    "/requests", response={201: FinancingRequestDetail, 403: Problem, 409: Problem}, summary="提交融资需求"
)
def file_request(request: HttpRequest, payload: FinancingRequestIn) -> Status:
    if not permissions.can_file_request(request.user):
        raise PermissionDenied("只有企业用户可以提交融资需求。")
    enterprise = Organization.objects.get(pk=permissions.own_organization_id(request.user))
    found = FinancingRequest(enterprise=enterprise, filed_on=timezone.localdate(), **payload.dict())
    try:
        financing.file_request(found, request.user)
    except loans.FinanceError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, request_detail(found))


def _acted(act: Callable[[], object], found: FinancingRequest) -> Status:
    try:
        act()
    except loans.FinanceError as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(200, request_detail(FinancingRequest.objects.get(pk=found.pk)))


@router.post(
    "/requests/{request_id}/submit",
    response={200: FinancingRequestDetail, 403: Problem, 404: Problem, 409: Problem},
    summary="向产品的发放银行提交申请",
)
def submit_request(request: HttpRequest, request_id: int, payload: FinancingSubmitIn) -> Status:
    found = _visible_request(request, request_id)
    if not permissions.is_requester(request.user, found):
        raise PermissionDenied("只有申请企业可以提交申请。")
    product = FinancialProduct.objects.filter(pk=payload.product, on_offer=True).first()
    if product is None:
        return Status(409, {"detail": "该产品不存在或已停售。"})
    return _acted(lambda: financing.submit(found, product, request.user), found)


def _answerable(request: HttpRequest, request_id: int) -> FinancingRequest:
    found = _visible_request(request, request_id)
    if not permissions.can_answer_request(request.user, found):
        raise PermissionDenied("只有所申请产品的发放银行可以答复。")
    return found


@router.post(
    "/requests/{request_id}/accept",
    response={200: FinancingRequestDetail, 403: Problem, 404: Problem, 409: Problem},
    summary="银行受理并放款（按需求登记贷款）",
)
def accept_request(request: HttpRequest, request_id: int, payload: FinancingAcceptIn) -> Status:
    found = _answerable(request, request_id)
    return _acted(
        lambda: financing.accept(
            found, payload.contract_no, payload.signed, payload.issued, payload.method, request.user
        ),
        found,
    )


@router.post(
    "/requests/{request_id}/decline",
    response={200: FinancingRequestDetail, 403: Problem, 404: Problem, 409: Problem},
    summary="银行不予受理（写明原因）",
)
def decline_request(request: HttpRequest, request_id: int, payload: FinancingDeclineIn) -> Status:
    found = _answerable(request, request_id)
    return _acted(lambda: financing.decline(found, payload.on, payload.reason, request.user), found)

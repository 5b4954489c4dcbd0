"""Financial products and financing requests as plain functions: a product saved by its bank or the
bureau, an enterprise's request matched to the products it qualifies for, sent to one product's bank,
and accepted (the loan is issued from the request's terms, without typing them again) or declined with
the bank's reason. Each validates first and writes in one transaction, or raises `FinanceError` with a
message a person can act on and changes nothing; every write keeps its history (who, when, before/after).

Matching: every product on offer is judged against the request (its ceiling and term) and the
enterprise's snapshot (the product's eligibility conditions, finance.eligibility). Eligible products are
ranked by the matching app's reasons (`matching.scoring.Reason`: factor, weight, value, sentence) on
their rate and on where the bank is; the search index the matching app ranks needs by does not fit here,
since a product is chosen by its terms, not its words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from benefits.calculator.explain import phrases
from benefits.calculator.snapshot import parse_snapshot
from benefits.snapshots import snapshot_for
from finance import eligibility, loans
from finance.eligibility import Check
from finance.loans import FinanceError
from finance.models import FinancialProduct, FinancingRequest, Loan
from finance.vocabulary import RepaymentMethod, RequestStatus
from matching.scoring import Reason
from registry.adcodes import region_name
from registry.models import Organization
from registry.vocabulary import OrganizationKind

# How eligible products are ranked: the cheaper first, then a bank near the enterprise.
WEIGHTS = {"rate": 0.6, "region": 0.4}


def _validate(record: Any) -> None:
    try:
        record.full_clean()
    except ValidationError as error:
        messages = (message for field in error.message_dict.values() for message in field)
        raise FinanceError("；".join(messages)) from None


def _save(record: Any, by: User | None, reason: str) -> None:
    record._history_user = by
    record._change_reason = reason
    _validate(record)
    record.save()


def save_product(product: FinancialProduct, by: User | None = None) -> FinancialProduct:
    """Create or change a product: its bank a financial institution of the registry, its conditions
    ones the expression language accepts."""
    if product.bank.kind != OrganizationKind.FINANCIAL_INSTITUTION:
        raise FinanceError(_("发放银行须为资源库中的金融机构。"))
    if product.ceiling_yuan <= 0:
        raise FinanceError(_("单户额度上限应大于零。"))
    try:
        eligibility.check_conditions(product.eligibility)
    except eligibility.EligibilityError as error:
        raise FinanceError(str(error)) from None
    with transaction.atomic():
        _save(product, by, _("新增产品") if product.pk is None else _("修改产品"))
    return product


@dataclass
class Match:
    """A product judged for one request: eligible or not, each condition in words, and the ranking's
    reasons for an eligible one."""

    product: FinancialProduct
    checks: list[Check]
    reasons: list[Reason]
    score: float

    @property
    def eligible(self) -> bool:
        return all(check.met for check in self.checks)

    def as_json(self) -> dict[str, Any]:
        return {
            "product": self.product.pk,
            "name": self.product.name,
            "bank": self.product.bank.name,
            "eligible": self.eligible,
            "score": round(self.score, 4),
            "checks": [check.as_json() for check in self.checks],
            "reasons": [reason.as_json() for reason in self.reasons],
        }


def _terms_checks(request: FinancingRequest, product: FinancialProduct) -> list[Check]:
    ceiling, term, yuan = product.ceiling_yuan, product.term_months, phrases().yuan
    return [
        Check(
            _("申请金额不超过单户额度上限"),
            request.amount_yuan <= ceiling,
            _("申请金额 %(amount)s（额度上限 %(ceiling)s）")
            % {"amount": yuan(request.amount_yuan), "ceiling": yuan(ceiling)},
        ),
        Check(
            _("申请期限不超过产品最长期限"),
            request.term_months <= term,
            _("申请期限 %(asked)s 个月（最长 %(term)s 个月）") % {"asked": request.term_months, "term": term},
        ),
    ]


def _region_reason(enterprise: Organization, bank: Organization) -> Reason:
    near = enterprise.region_id[:4] == bank.region_id[:4]
    same_province = enterprise.region_id[:2] == bank.region_id[:2]
    value = 1.0 if near else 0.5 if same_province else 0.0
    if near:
        detail = _("银行与企业同在%(city)s") % {"city": region_name(bank.region_id[:4] + "00")}
    else:
        detail = _("银行在%(bank)s，企业在%(firm)s") % {
            "bank": region_name(bank.region_id),
            "firm": region_name(enterprise.region_id),
        }
    return Reason("region", WEIGHTS["region"], value, detail)


def _rate_reason(rate: Decimal, lowest: Decimal) -> Reason:
    value = float(lowest / rate) if rate else 1.0
    shown = {"rate": f"{rate * 100:.2f}%", "lowest": f"{lowest * 100:.2f}%"}
    detail = (
        _("参考年利率 %(rate)s，符合条件的产品中最低") % shown
        if rate == lowest
        else _("参考年利率 %(rate)s（符合条件的产品中最低 %(lowest)s）") % shown
    )
    return Reason("rate", WEIGHTS["rate"], value, detail)


def match(request: FinancingRequest, on: dt.date | None = None) -> list[Match]:
    """Every product on offer judged for the request: eligible ones first, best first, then the others."""
    on = on or request.filed_on
    snapshot = parse_snapshot(snapshot_for(request.enterprise, on.year - 1))
    products = FinancialProduct.objects.filter(on_offer=True).select_related("bank")
    judged = [
        Match(
            product,
            _terms_checks(request, product) + eligibility.judge(product.eligibility, snapshot, on),
            [],
            0.0,
        )
        for product in products
    ]
    eligible = [m for m in judged if m.eligible]
    lowest = min((m.product.rate for m in eligible), default=Decimal(0))
    for found in eligible:
        found.reasons = [
            _rate_reason(found.product.rate, lowest),
            _region_reason(request.enterprise, found.product.bank),
        ]
        found.score = sum(r.weight * r.value for r in found.reasons) / sum(WEIGHTS.values())
    return sorted(judged, key=lambda m: (not m.eligible, -m.score, m.product.rate, m.product.pk))


def file_request(request: FinancingRequest, by: User | None = None) -> FinancingRequest:
    """Save a new request with its ranking as the enterprise sees it."""
    if request.enterprise.kind != OrganizationKind.ENTERPRISE:
        raise FinanceError(_("只有企业可以提交融资需求。"))
    if request.amount_yuan <= 0:
        raise FinanceError(_("融资金额应大于零。"))
    _validate(request)  # before matching: the amount must be one the record can hold
    with transaction.atomic():
        request.filed_by = request.filed_by or by
        request.matches = [m.as_json() for m in match(request)]
        _save(request, by, _("提交融资需求"))
    return request


def submit(
    request: FinancingRequest, product: FinancialProduct, by: User | None = None, on: dt.date | None = None
) -> FinancingRequest:
    """Send the request to one product's bank; only a product it qualifies for, judged again on `on`
    (today unless given)."""
    with transaction.atomic():
        request = FinancingRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.FILED:
            raise FinanceError(
                _("需求当前为“%(status)s”，不能再申请产品。") % {"status": request.get_status_display()}
            )
        ranking = match(request, on or timezone.localdate())
        chosen = next((m for m in ranking if m.product.pk == product.pk), None)
        if chosen is None or not chosen.eligible:
            raise FinanceError(_("不符合该产品的申请条件，不能申请。"))
        request.matches = [m.as_json() for m in ranking]
        request.product = product
        request.status = RequestStatus.SUBMITTED
        _save(request, by, _("申请产品"))
    return request


def _decidable(request: FinancingRequest) -> FinancingRequest:
    # Only the request's row is locked: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    request = (
        FinancingRequest.objects.select_for_update(of=("self",))
        .select_related("product__bank")
        .get(pk=request.pk)
    )
    if request.status != RequestStatus.SUBMITTED:
        raise FinanceError(_("需求当前为“%(status)s”，不能答复。") % {"status": request.get_status_display()})
    return request


def accept(
    request: FinancingRequest,
    contract_no: str,
    signed: dt.date,
    issued: dt.date,
    method: str = RepaymentMethod.BULLET,
    by: User | None = None,
) -> Loan:
    """The bank lends: a loan of the request's amount and term at the product's rate and kind."""
    with transaction.atomic():
        request = _decidable(request)
        if Loan.objects.filter(contract_no=contract_no).exists():
            raise FinanceError(_("该借款合同编号已登记。"))
        product = request.product
        loan = loans.issue(
            Loan(
                product=product.kind,
                contract_no=contract_no,
                lender=product.bank,
                borrower=request.enterprise,
                amount_yuan=request.amount_yuan,
                rate=product.rate,
                signed=signed,
                issued=issued,
                term_months=request.term_months,
                method=method,
            ),
            by,
        )
        request.loan = loan
        request.status = RequestStatus.ACCEPTED
        request.decided_on = issued
        _save(request, by, _("银行受理并放款"))
    return loan


def decline(request: FinancingRequest, on: dt.date, reason: str, by: User | None = None) -> FinancingRequest:
    if not reason.strip():
        raise FinanceError(_("请写明不予受理的原因。"))
    with transaction.atomic():
        request = _decidable(request)
        request.status = RequestStatus.DECLINED
        request.decided_on = on
        request.decision_reason = reason.strip()
        _save(request, by, _("银行不予受理"))
    return request

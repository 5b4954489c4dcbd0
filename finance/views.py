"""Finance pages: loans, one loan with its schedule and the acts on it, the risk pools and their ledger.
Views check permission (finance.permissions), call the domain modules and render."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finance import compensation, lists, loans, permissions, subsidies
from finance.forms import DayForm, RecoveryForm, RepaymentForm
from finance.models import CompensationClaim, Loan
from finance.vocabulary import LoanStatus
from kechuang.access import refuse
from kechuang.listing import paged, respond


def loans_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return refuse(request)
    found = permissions.loans_for_user(request.user).select_related("borrower", "lender")
    status = request.GET.get("status", "")
    if status in LoanStatus.values:
        found = found.filter(status=status)
    listing = paged(
        request,
        found,
        lists.LOAN_COLUMNS,
        title=_("科技金融贷款"),
        default_sort="-issued",
        empty=_("没有可查看的贷款。"),
    )
    context = {
        "status": status,
        "pools": permissions.pools_for_user(request.user),
        "rows_template": "finance/partials/loan_rows.html",
        "table_id": "loans",
    }
    return respond(request, "finance/loans.html", listing, context)


def loan_view(request: HttpRequest, pk: int) -> HttpResponse:
    loan = get_object_or_404(permissions.loans_for_user(request.user), pk=pk)
    claim = CompensationClaim.objects.filter(loan=loan).select_related("pool").first()
    may_decide = permissions.can_decide(request.user)
    return TemplateResponse(
        request,
        "finance/loan.html",
        {
            "loan": loan,
            "outstanding": loans.outstanding(loan),
            "on_time": loans.repaid_on_time(loan),
            "installments": loan.installments.all(),
            "repayments": loan.repayments.all(),
            "subsidies": loan.subsidies.all(),
            "preview": subsidies.preview(loan) if may_decide and loan.status == "repaid" else [],
            "claim": claim,
            "recoveries": claim.recoveries.all() if claim else [],
            "can_service": permissions.can_service(request.user, loan) and loan.status == "active",
            "can_decide": may_decide,
            "repayment_form": RepaymentForm(),
            "day_form": DayForm(),
            "recovery_form": RecoveryForm(),
            "history": loan.history.select_related("history_user")[:20],
        },
    )


def _act(
    request: HttpRequest, pk: int, allowed: Callable, form_class: type, act: Callable, done: str
) -> HttpResponse:
    loan = get_object_or_404(permissions.loans_for_user(request.user), pk=pk)
    if not allowed(loan):
        return refuse(request, _("您不能办理此事项。"))
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            act(loan, form.cleaned_data)
        except loans.FinanceError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, done)
    return redirect(loan)


@require_POST
def repay_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda loan: permissions.can_service(request.user, loan),
        RepaymentForm,
        lambda loan, d: loans.record_repayment(
            loan, d["paid_on"], d["principal_yuan"], d["interest_yuan"], request.user
        ),
        _("已登记还款。"),
    )


@require_POST
def bad_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda loan: permissions.can_service(request.user, loan),
        DayForm,
        lambda loan, d: loans.declare_bad(loan, d["on"], request.user),
        _("已认定为不良贷款。"),
    )


@require_POST
def subsidy_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda loan: permissions.can_decide(request.user),
        DayForm,
        lambda loan, d: subsidies.grant(loan, d["on"], request.user),
        _("已按规则核定贴息。"),
    )


@require_POST
def compensate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda loan: permissions.can_decide(request.user),
        DayForm,
        lambda loan, d: compensation.compensate(loan, d["on"], request.user),
        _("已从资金池支付风险补偿。"),
    )


def _recover(loan: Loan, data: dict, request: HttpRequest) -> None:
    claim = CompensationClaim.objects.filter(loan=loan).first()
    if claim is None:
        raise loans.FinanceError(_("这笔贷款尚未获得风险补偿。"))
    compensation.recover(claim, data["on"], data["recovered_yuan"], request.user)


@require_POST
def recover_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda loan: permissions.can_decide(request.user),
        RecoveryForm,
        lambda loan, d: _recover(loan, d, request),
        _("已登记回收并追回资金池份额。"),
    )


def pool_view(request: HttpRequest, pk: int) -> HttpResponse:
    pool = get_object_or_404(permissions.pools_for_user(request.user), pk=pk)
    return TemplateResponse(
        request,
        "finance/pool.html",
        {
            "pool": pool,
            "tiers": pool.tiers.all(),
            "entries": pool.entries.select_related("claim__loan"),
            "balance": compensation.balance(pool),
        },
    )

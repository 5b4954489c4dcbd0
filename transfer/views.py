"""Technology contract pages: the list, one contract on its legal clock with the acts on it, the seller's
draft and material, money received, the certificate, statistics with drill-down, agencies and brokers.
Views check permission (transfer.permissions), call the domain modules and render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kechuang.access import is_bureau, own_organization_id, refuse
from kechuang.downloads import attachment_response
from kechuang.listing import paged, respond
from matching.models import AgreementDraft
from registry.history import audit_trail
from registry.models import Organization
from transfer import (
    acts,
    certificate,
    clock,
    drafting,
    lists,
    pages,
    permissions,
    registration,
    subsidies,
)
from transfer.forms import AttachmentForm, ContractFilter, ContractForm, DayForm, DecisionForm, PaymentForm
from transfer.models import Contract, Objection
from transfer.registration import RegistrationError


def _listing(request: HttpRequest, contracts: Any, empty: str) -> Any:
    return paged(
        request,
        contracts,
        lists.CONTRACT_COLUMNS,
        title=_("技术合同"),
        default_sort="-registered",
        empty=empty,
    )


def contracts_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return refuse(request)
    filters = ContractFilter(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    found = pages.filtered(permissions.contracts_for_user(request.user), chosen)
    context = {
        "filters": filters,
        "can_draft": permissions.can_draft(request.user),
        "can_view_statistics": permissions.can_view_statistics(request.user),
        "rows_template": lists.ROWS_TEMPLATE,
        "table_id": "contracts",
    }
    listing = _listing(request, found, _("没有符合条件的技术合同。"))
    return respond(request, "transfer/contracts.html", listing, context)


def _contract(request: HttpRequest, pk: int) -> Contract:
    return get_object_or_404(permissions.contracts_for_user(request.user), pk=pk)


def _detail(
    request: HttpRequest, contract: Contract, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> TemplateResponse:
    """The contract's page; `bound` holds a refused form, shown again with what was typed."""
    bound = bound or {}
    offered = [
        (act, bound.get(act.code) or act.form(initial=act.initial(contract), prefix=act.code))
        for act in acts.ACTS.values()
        if permissions.can_act(request.user, contract, act)
    ]
    registrar = permissions.is_registrar(request.user, contract)
    editable = permissions.can_edit(request.user, contract)
    context = {
        "contract": contract,
        "clock": pages.clock_of(contract, timezone.localdate()),
        "steps": contract.steps.select_related("by"),
        "attachments": contract.attachments.all(),
        "payments": contract.payments.all(),
        "reconciliation": registration.reconcile(contract),
        "objections": contract.objections.all(),
        "acts": offered,
        "decision_form": bound.get("decide") or DecisionForm(prefix="decide"),
        "can_decide": registrar,
        "can_edit": editable,
        "attachment_form": bound.get("attachment") or AttachmentForm(),
        "can_record_payment": permissions.can_record_payment(request.user, contract),
        "payment_form": bound.get("payment") or PaymentForm(),
        "subsidies": contract.subsidies.select_related("organization"),
        "subsidies_due": subsidies.due(contract) if is_bureau(request.user) else [],
        "subsidy_form": bound.get("subsidy") or DayForm(prefix="subsidy"),
        "limits": clock.limits_on(contract.submitted_on or timezone.localdate()),
        "trail": audit_trail(contract),
    }
    return TemplateResponse(request, "transfer/contract.html", context, status=status)


def contract_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _contract(request, pk))


def _refused(
    request: HttpRequest, contract: Contract, key: str, form: forms.Form, reason: str
) -> HttpResponse:
    form.add_error(None, reason)
    messages.error(request, reason)
    return _detail(request, contract, {key: form}, status=400)


def _attempt(
    request: HttpRequest, contract: Contract, key: str, form: forms.Form, run: Any, done: str
) -> HttpResponse:
    """Validate the form, run the act; a refusal shows the page again with the form as it was typed."""
    if not form.is_valid():
        return _refused(request, contract, key, form, _("填写有误，请按提示修改后再提交。"))
    try:
        run(form.cleaned_data)
    except RegistrationError as refusal:
        return _refused(request, contract, key, form, str(refusal))
    messages.success(request, done)
    return redirect(contract)


@require_POST
def act_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    contract = _contract(request, pk)
    act = acts.ACTS.get(action)
    if act is None or not permissions.can_act(request.user, contract, act):
        return refuse(request, _("您不能对这份合同办理此事项。"))
    form = act.form(request.POST, initial=act.initial(contract), prefix=act.code)
    return _attempt(
        request, contract, act.code, form, lambda data: act.run(contract, data, request.user), str(act.done)
    )


@require_POST
def decide_view(request: HttpRequest, pk: int, objection: int) -> HttpResponse:
    contract = _contract(request, pk)
    found = get_object_or_404(Objection, pk=objection, contract=contract)
    if not permissions.is_registrar(request.user, contract):
        return refuse(request, _("只有登记机构可以处理异议。"))
    form = DecisionForm(request.POST, prefix="decide")
    return _attempt(
        request,
        contract,
        "decide",
        form,
        lambda data: acts.decide(found, data, request.user),
        _("异议已处理。"),
    )


@require_POST
def attachment_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    if not permissions.can_edit(request.user, contract):
        return refuse(request, _("只有卖方可以在提交前或补正时上传材料。"))
    form = AttachmentForm(request.POST, request.FILES)
    return _attempt(
        request,
        contract,
        "attachment",
        form,
        lambda data: drafting.attach(contract, data["kind"], data["file"], request.user),
        _("材料已上传。"),
    )


def attachment_view(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    contract = _contract(request, pk)
    return attachment_response(get_object_or_404(contract.attachments, pk=attachment).file)


@require_POST
def payment_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    if not permissions.can_record_payment(request.user, contract):
        return refuse(request, _("只有卖方或登记机构可以登记已登记合同的到账。"))
    return _attempt(
        request,
        contract,
        "payment",
        PaymentForm(request.POST),
        lambda d: registration.record_payment(
            contract, d["received_on"], d["amount_yuan"], d["note"], request.user
        ),
        _("已登记到账。"),
    )


@require_POST
def subsidy_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    if not is_bureau(request.user):
        return refuse(request, _("只有科技局可以核定补助。"))
    return _attempt(
        request,
        contract,
        "subsidy",
        DayForm(request.POST, prefix="subsidy"),
        lambda data: subsidies.grant(contract, data["on"], request.user),
        _("已按政策规则核定补助。"),
    )


def certificate_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    try:
        pdf = certificate.certificate_pdf(contract)
    except RegistrationError as refusal:
        return refuse(request, str(refusal))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{contract.registration_no}.pdf"'
    return response


def _own_seller(request: HttpRequest) -> Organization | None:
    organization_id = own_organization_id(request.user)
    return Organization.objects.filter(pk=organization_id).first() if organization_id else None


def _edit(request: HttpRequest, contract: Contract | None) -> HttpResponse:
    seller = None if is_bureau(request.user) else _own_seller(request)
    form = ContractForm(request.POST or None, instance=contract)
    if seller is not None:
        # A seller files its own contracts; only the bureau files for another unit.
        form.fields["seller_organization"].disabled = True
        form.initial["seller_organization"] = seller.pk
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = drafting.save_draft(
                contract, data["seller_organization"], data["buyer_organization"], data, request.user
            )
        except RegistrationError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("合同已保存。上传合同文本后即可提交登记申请。"))
            return redirect(saved)
    return TemplateResponse(
        request,
        "transfer/contract_form.html",
        {"form": form, "contract": contract},
        status=400 if form.errors else 200,
    )


def contract_create_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can_draft(request.user):
        return refuse(request, _("只有机构用户可以填报技术合同。"))
    return _edit(request, None)


def contract_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    if not permissions.can_edit(request.user, contract):
        return refuse(request, _("合同已提交登记，只能由登记机构办理变更登记。"))
    return _edit(request, contract)


@require_POST
def from_agreement_view(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(AgreementDraft.objects.select_related("buyer", "seller", "need"), pk=pk)
    if not permissions.can_draft_from_agreement(request.user, agreement):
        return refuse(request, _("只有协议双方和科技局可以把对接协议转为技术合同。"))
    try:
        contract = drafting.draft_from_agreement(agreement, request.user, timezone.localdate())
    except RegistrationError as refusal:
        messages.error(request, str(refusal))
        return redirect("matching:agreement", pk=agreement.pk)
    messages.success(request, _("已按对接协议生成技术合同草稿，请核对金额、签订日期并上传合同文本。"))
    return redirect(contract)


def statistics_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_statistics(request.user):
        return refuse(request, _("技术合同登记统计仅向政府工作人员开放。"))
    return TemplateResponse(request, "transfer/statistics.html", pages.statistics_page(request.GET))


def cell_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_statistics(request.user):
        return refuse(request, _("技术合同登记统计仅向政府工作人员开放。"))
    context = pages.cell_page(request.GET)
    listing = _listing(request, context.pop("records"), _("没有计入该项的合同。"))
    context |= {"rows_template": lists.ROWS_TEMPLATE, "table_id": "cell-records"}
    return respond(request, "transfer/cell.html", listing, context)


def agencies_view(request: HttpRequest) -> HttpResponse:
    agencies = permissions.agencies_for_user(request.user).prefetch_related("brokers")
    return TemplateResponse(request, "transfer/agencies.html", {"agencies": agencies})


def agency_view(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(permissions.agencies_for_user(request.user), pk=pk)
    helped = permissions.contracts_for_user(request.user).registered().filter(agency=agency)
    brokers = pages.brokers_of(agency, helped)
    broker = request.GET.get("broker", "")
    if broker.isdigit():
        helped = helped.filter(broker_id=int(broker))
    context = {
        "agency": agency,
        "brokers": brokers,
        "broker": broker,
        "rows_template": lists.ROWS_TEMPLATE,
        "table_id": "helped",
    }
    return respond(
        request, "transfer/agency.html", _listing(request, helped, _("没有您可查看的合同。")), context
    )

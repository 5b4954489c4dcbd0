"""Finance pages of products, financing requests and the monthly filing list. Views check permission
(finance.permissions), call the domain modules (financing, filing) and render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finance import filing, financing, permissions
from finance.forms import AcceptForm, DeclineForm, ProductForm, RequestForm, SubmitForm
from finance.loans import FinanceError
from finance.models import FinancialProduct, FinancingRequest
from finance.vocabulary import LoanProduct, RequestStatus
from kechuang.access import own_organization_id, refuse, requires
from registry.history import audit_trail
from registry.models import Organization


def products_view(request: HttpRequest) -> HttpResponse:
    products = permissions.products_for_user(request.user).order_by("kind", "rate", "pk")
    kind = request.GET.get("kind", "")
    if kind in LoanProduct.values:
        products = products.filter(kind=kind)
    return TemplateResponse(
        request,
        "finance/products.html",
        {
            "products": products,
            "kind": kind,
            "kinds": LoanProduct.choices,
            "can_add": permissions.can_maintain_product(request.user),
            "can_file": permissions.can_file_request(request.user),
        },
    )


def product_view(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(permissions.products_for_user(request.user), pk=pk)
    return TemplateResponse(
        request,
        "finance/product.html",
        {
            "product": product,
            "can_edit": permissions.can_maintain_product(request.user, product),
            "can_file": permissions.can_file_request(request.user),
            "trail": audit_trail(product),
        },
    )


def _product_form(request: HttpRequest, product: FinancialProduct) -> HttpResponse:
    form = ProductForm(request.POST or None, instance=product, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = financing.save_product(form.save(commit=False), request.user)
        except FinanceError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("已保存产品。"))
            return redirect(saved)
    return TemplateResponse(request, "finance/product_form.html", {"form": form, "product": product})


@requires(permissions.can_maintain_product, _("只有科技局和金融机构用户可以维护金融产品。"))
def product_create_view(request: HttpRequest) -> HttpResponse:
    bank = Organization.objects.filter(pk=own_organization_id(request.user)).first()
    return _product_form(request, FinancialProduct(bank=bank) if bank else FinancialProduct())


def product_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(permissions.products_for_user(request.user), pk=pk)
    if not permissions.can_maintain_product(request.user, product):
        return refuse(request, _("只有发放银行和科技局可以修改此产品。"))
    return _product_form(request, product)


def requests_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return refuse(request)
    found = permissions.requests_for_user(request.user)
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        found = found.filter(status=status)
    return TemplateResponse(
        request,
        "finance/requests.html",
        {
            "requests": found[:200],
            "status": status,
            "statuses": RequestStatus.choices,
            "can_file": permissions.can_file_request(request.user),
        },
    )


@requires(permissions.can_file_request, _("只有企业用户可以提交融资需求。"))
def request_create_view(request: HttpRequest) -> HttpResponse:
    enterprise = Organization.objects.get(pk=own_organization_id(request.user))
    form = RequestForm(
        request.POST or None,
        instance=FinancingRequest(enterprise=enterprise, filed_on=timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            filed = financing.file_request(form.save(commit=False), request.user)
        except FinanceError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("已提交融资需求，下面是为您匹配的产品。"))
            return redirect(filed)
    return TemplateResponse(request, "finance/request_form.html", {"form": form})


def request_view(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(permissions.requests_for_user(request.user), pk=pk)
    requester = permissions.is_requester(request.user, found)
    today = timezone.localdate()
    ranking = financing.match(found, today)
    return TemplateResponse(
        request,
        "finance/request.html",
        {
            "financing": found,
            "eligible": [m for m in ranking if m.eligible],
            "ineligible": [m for m in ranking if not m.eligible],
            "may_submit": requester and found.status == RequestStatus.FILED,
            "may_answer": permissions.can_answer_request(request.user, found)
            and found.status == RequestStatus.SUBMITTED,
            "accept_form": AcceptForm(
                initial={"signed": timezone.localdate(), "issued": timezone.localdate()}
            ),
            "decline_form": DeclineForm(initial={"on": today}),
            "trail": audit_trail(found),
        },
    )


def _answered(
    request: HttpRequest, pk: int, allowed: Callable, form: Form, act: Callable, done: str
) -> HttpResponse:
    """One act on a request: the user may, the form is valid, the domain agrees; the outcome as a message."""
    found = get_object_or_404(permissions.requests_for_user(request.user), pk=pk)
    if not allowed(request.user, found):
        return refuse(request, _("您不能办理此事项。"))
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(found)
    try:
        act(found, form.cleaned_data)
    except FinanceError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return redirect(found)


@require_POST
def submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _answered(
        request,
        pk,
        permissions.is_requester,
        SubmitForm(request.POST),
        lambda found, d: financing.submit(found, d["product"], request.user),
        _("已向银行提交申请。"),
    )


@require_POST
def accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _answered(
        request,
        pk,
        permissions.can_answer_request,
        AcceptForm(request.POST),
        lambda found, d: financing.accept(
            found, d["contract_no"], d["signed"], d["issued"], d["method"], request.user
        ),
        _("已受理并放款，贷款已登记。"),
    )


@require_POST
def decline_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _answered(
        request,
        pk,
        permissions.can_answer_request,
        DeclineForm(request.POST),
        lambda found, d: financing.decline(found, d["on"], d["reason"], request.user),
        _("已答复不予受理。"),
    )


def _month(request: HttpRequest) -> dt.date:
    try:
        return dt.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        return timezone.localdate().replace(day=1)


@requires(permissions.can_view_statistics, _("月度报送清单仅供科技局和部门联络员查看。"))
def filing_view(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    return TemplateResponse(
        request,
        "finance/filing.html",
        {"filing": filing.filing(permissions.loans_for_user(request.user), month), "month": f"{month:%Y-%m}"},
    )


@requires(permissions.can_view_statistics, _("月度报送清单仅供科技局和部门联络员查看。"))
def filing_export_view(request: HttpRequest) -> FileResponse:
    month = _month(request)
    found = filing.filing(permissions.loans_for_user(request.user), month)
    name = _("科技金融月度报送-%(month)s.xlsx") % {"month": f"{month:%Y-%m}"}
    return FileResponse(filing.workbook(found), as_attachment=True, filename=name)

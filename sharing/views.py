"""Pages of instrument sharing and innovation vouchers: each checks permission, calls domain code, renders."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kechuang.access import refuse
from kechuang.downloads import attachment_response
from kechuang.listing import paged, respond
from sharing import (
    booking,
    calendar,
    catalogue,
    forms,
    lists,
    permissions,
    queues,
    statistics,
    usage,
    vouchers,
)
from sharing.models import Booking, Claim, SharedInstrument, VoucherBudget
from sharing.vocabulary import BookingStatus, ClaimStatus, VoucherStatus


def catalogue_view(request: HttpRequest) -> TemplateResponse:
    form = forms.CatalogueFilterForm(
        request.GET or None, regions=catalogue.cities(), categories=catalogue.categories()
    )
    chosen = form.cleaned_data if form.is_valid() else {}
    filters = catalogue.Filters(
        **{name: chosen.get(name) or "" for name in ("q", "region", "category", "origin")}
    )
    groups = catalogue.by_region(catalogue.listed(filters))
    template = "sharing/catalogue.html#results" if request.htmx else "sharing/catalogue.html"
    return TemplateResponse(
        request,
        template,
        {"form": form, "groups": groups, "count": sum(len(items) for _region, items in groups)},
    )


def _day(raw: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(raw or "")
    except ValueError:
        return timezone.localdate()


def instrument_view(request: HttpRequest, pk: int) -> TemplateResponse:
    shared = get_object_or_404(
        SharedInstrument.objects.listed().select_related("instrument__owner__region"), pk=pk
    )
    day, mode = _day(request.GET.get("day")), "day" if request.GET.get("view") == "day" else "week"
    first = day if mode == "day" else calendar.week_start(day)
    span = 1 if mode == "day" else 7
    manages = permissions.can_manage_instrument(request.user, shared)
    context = {
        "shared": shared,
        "instrument": shared.instrument,
        "rates": shared.rates.all(),
        "manages": manages,
        "maintenance": shared.maintenance.filter(end__gte=timezone.now()),
        "mode": mode,
        "day": day,
        "days": calendar.days(shared, first, span),
        "weekdays": booking.weekday_names(shared),
        "previous": first - dt.timedelta(days=span),
        "next": first + dt.timedelta(days=span),
        "booking_form": forms.BookingForm() if permissions.can_book(request.user, shared) else None,
        "requests": shared.bookings.filter(status=BookingStatus.REQUESTED).select_related("organization")
        if manages
        else (),
        # The lab writes the actual times, which may differ from the booked ones (early, late, moved).
        "to_record": shared.bookings.filter(status=BookingStatus.APPROVED, usage__isnull=True).select_related(
            "organization"
        )
        if manages
        else (),
    }
    template = "sharing/instrument.html#calendar" if request.htmx else "sharing/instrument.html"
    return TemplateResponse(request, template, context)


@login_required
@require_POST
def book_view(request: HttpRequest, pk: int) -> HttpResponse:
    shared = get_object_or_404(SharedInstrument.objects.listed(), pk=pk)
    if not permissions.can_book(request.user, shared):
        return refuse(request, _("只有已登记所属单位的用户可以预约仪器。"))
    form = forms.BookingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请完整填写预约时间和用途。"))
        return redirect(shared.get_absolute_url())
    data = form.cleaned_data
    slot = booking.Slot(data["start"], data["end"])
    try:
        if data["repeat"] > 1:
            booking.request_series(request.user, shared, slot, data["purpose"], data["repeat"])
        else:
            booking.request(request.user, shared, slot, data["purpose"])
    except booking.BookingRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("预约已提交。"))
    return redirect(f"{shared.get_absolute_url()}?day={timezone.localtime(data['start']).date().isoformat()}")


def _booking(request: HttpRequest, pk: int) -> Booking:
    return get_object_or_404(
        permissions.bookings_for_user(request.user).select_related("shared__instrument"), pk=pk
    )


@login_required
@require_POST
def decide_booking_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _booking(request, pk)
    if not permissions.can_manage_instrument(request.user, item.shared):
        return refuse(request, _("只有仪器所属单位可以审批预约。"))
    try:
        booking.decide(request.user, item, request.POST.get("approve") == "1", request.POST.get("note", ""))
    except booking.BookingRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(item.shared.get_absolute_url())


@login_required
@require_POST
def cancel_booking_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _booking(request, pk)
    if not permissions.can_change_booking(request.user, item):
        return refuse(request, _("您不能取消这条预约。"))
    try:
        booking.cancel(request.user, item)
        messages.success(request, _("预约已取消。"))
    except booking.BookingRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("sharing:bookings")


@login_required
@require_POST
def move_booking_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _booking(request, pk)
    if not permissions.can_change_booking(request.user, item):
        return refuse(request, _("您不能修改这条预约。"))
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        try:
            booking.move(
                request.user, item, booking.Slot(form.cleaned_data["start"], form.cleaned_data["end"])
            )
            messages.success(request, _("已改期。"))
        except booking.BookingRefused as refusal:
            messages.error(request, str(refusal))
    else:
        messages.error(request, _("请填写新的开始和结束时间。"))
    return redirect("sharing:bookings")


@login_required
@require_POST
def record_usage_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _booking(request, pk)
    if not permissions.can_record_usage(request.user, item.shared):
        return refuse(request, _("只有仪器所属单位可以登记使用记录。"))
    form = forms.UsageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请完整填写实际使用时间和操作人员。"))
        return redirect(item.shared.get_absolute_url())
    data = form.cleaned_data
    try:
        made = usage.record(
            request.user,
            item.shared,
            data["start"],
            data["end"],
            data["operator"],
            data["samples"],
            data["sample_note"],
            booking=item,
        )
        messages.success(request, _("已登记使用记录，服务费 %(fee)s 元。") % {"fee": f"{made.fee_yuan:,.2f}"})
    except usage.UsageRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(item.shared.get_absolute_url())


@login_required
def bookings_view(request: HttpRequest) -> TemplateResponse:
    show = request.GET.get("show", "")
    chosen = queues.bookings_view(request.user, show)
    visible = (chosen if chosen is not None else permissions.bookings_for_user(request.user)).select_related(
        "shared__instrument", "organization"
    )
    usages = permissions.usages_for_user(request.user).select_related("shared__instrument", "organization")[
        :100
    ]
    listing = paged(
        request,
        visible,
        lists.BOOKING_COLUMNS,
        title=_("我的预约"),
        default_sort="-start",
        empty=_("尚无预约。"),
    )
    context = {
        "usages": usages,
        "move_form": forms.MoveForm(),
        "show": show if chosen is not None else "",
        "views": queues.BOOKING_VIEWS,
        "rows_template": "sharing/partials/booking_rows.html",
        "table_id": "bookings",
    }
    return respond(request, "sharing/bookings.html", listing, context)


@login_required
def vouchers_view(request: HttpRequest) -> TemplateResponse:
    form = (
        forms.VoucherForm(request.POST or None) if permissions.can_apply_for_voucher(request.user) else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            made = vouchers.apply(
                request.user,
                data["year"],
                data["planned_cost_yuan"],
                data["purpose"],
                data["settlement_mode"],
            )
        except vouchers.VoucherRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("创新券申请已提交，等待科技局审批。"))
            return redirect(made.get_absolute_url())
    show = request.GET.get("show", "")
    chosen = queues.vouchers_view(request.user, show)
    listed = (chosen if chosen is not None else permissions.vouchers_for_user(request.user)).select_related(
        "enterprise"
    )
    listing = paged(
        request,
        listed,
        lists.VOUCHER_COLUMNS,
        title=_("创新券"),
        default_sort="-number",
        empty=_("尚无创新券。"),
    )
    context = {
        "form": form,
        "show": show if chosen is not None else "",
        "views": queues.VOUCHER_VIEWS if permissions.can_decide_voucher(request.user) else {},
        "rows_template": "sharing/partials/voucher_rows.html",
    }
    return respond(request, "sharing/vouchers.html", listing, context)


def _voucher(request: HttpRequest, pk: int):
    return get_object_or_404(permissions.vouchers_for_user(request.user).select_related("enterprise"), pk=pk)


def _claimable(request: HttpRequest, voucher):
    usages = (
        permissions.usages_for_user(request.user)
        .filter(organization=voucher.enterprise)
        .exclude(claims__status__in=[ClaimStatus.SUBMITTED, ClaimStatus.APPROVED])
    )
    if voucher.settlement_mode == "provider_redeems":
        return usages.filter(shared__instrument__owner_id=request.user.organization_id)
    return usages if request.user.organization_id == voucher.enterprise_id else usages.none()


@login_required
def invoice_view(request: HttpRequest, pk: int, claim: int) -> HttpResponse:
    """A claim's invoice, as a download for whoever sees its voucher (kechuang.downloads)."""
    voucher = _voucher(request, pk)
    return attachment_response(get_object_or_404(Claim, voucher=voucher, pk=claim).invoice)


@login_required
def voucher_view(request: HttpRequest, pk: int) -> TemplateResponse:
    voucher = _voucher(request, pk)
    claimable = _claimable(request, voucher).select_related("shared__instrument")
    approved = voucher.status == VoucherStatus.APPROVED
    return TemplateResponse(
        request,
        "sharing/voucher.html",
        {
            "voucher": voucher,
            "ledger": vouchers.ledger(voucher),
            "remaining": vouchers.remaining_yuan(voucher),
            "claims": voucher.claims.select_related("usage__shared__instrument", "payee").prefetch_related(
                "parts"
            ),
            "claim_form": forms.ClaimForm(usages=claimable) if approved and claimable.exists() else None,
            "decision_form": forms.VoucherDecisionForm(
                initial={"deadline": timezone.localdate() + dt.timedelta(days=180)}
            )
            if permissions.can_decide_voucher(request.user) and voucher.status == VoucherStatus.APPLIED
            else None,
            "can_decide_claims": permissions.can_decide_claim(request.user),
        },
    )


@login_required
@require_POST
def decide_voucher_view(request: HttpRequest, pk: int) -> HttpResponse:
    voucher = _voucher(request, pk)
    if not permissions.can_decide_voucher(request.user):
        return refuse(request, _("只有科技局可以审批创新券。"))
    form = forms.VoucherDecisionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        if request.POST.get("approve") == "1":
            if not data.get("deadline"):
                raise vouchers.VoucherRefused(_("批准时须填写使用截止日。"))
            vouchers.approve(request.user, voucher, data["deadline"])
            messages.success(request, _("已批准，各级预算已冻结。"))
        else:
            vouchers.reject(request.user, voucher, data.get("reason", ""))
    except vouchers.VoucherRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(voucher.get_absolute_url())


@login_required
@require_POST
def claim_view(request: HttpRequest, pk: int) -> HttpResponse:
    voucher = _voucher(request, pk)
    form = forms.ClaimForm(request.POST, request.FILES, usages=_claimable(request, voucher))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(voucher.get_absolute_url())
    data = form.cleaned_data
    if not permissions.can_claim(request.user, voucher, data["usage"]):
        return refuse(request, _("您不能为这张创新券申请兑付。"))
    try:
        vouchers.claim(request.user, voucher, data["usage"], data["amount_yuan"], data["invoice"])
        messages.success(request, _("兑付申请已提交，等待科技局审核。"))
    except vouchers.VoucherRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(voucher.get_absolute_url())


@login_required
@require_POST
def decide_claim_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("voucher"), pk=pk)
    if not permissions.can_decide_claim(request.user):
        return refuse(request, _("只有科技局可以审核兑付申请。"))
    try:
        vouchers.decide_claim(
            request.user, claim, request.POST.get("approve") == "1", request.POST.get("reason", "")
        )
        messages.success(request, _("已审核。"))
    except vouchers.VoucherRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(claim.voucher.get_absolute_url())


@login_required
def budgets_view(request: HttpRequest) -> TemplateResponse:
    if not permissions.can_keep_budgets(request.user):
        return refuse(request, _("只有科技局可以查看创新券预算。"))
    budgets = VoucherBudget.objects.select_related("region").order_by("-year", "region", "level")
    return TemplateResponse(request, "sharing/budgets.html", {"budgets": budgets})


def statistics_view(request: HttpRequest) -> TemplateResponse:
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year
    return TemplateResponse(
        request,
        "sharing/statistics.html",
        {
            "year": year,
            "instruments": statistics.by_instrument(year),
            "owners": statistics.by_owner(year),
            "total": statistics.platform_total(year),
        },
    )

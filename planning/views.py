"""Pages of the planning app: the targets dashboard, indicators with drill-down, and the task ledger."""

from __future__ import annotations

import datetime as dt
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kechuang.access import refuse, requires
from kechuang.downloads import attachment_response
from kechuang.listing import paged, respond, sort_rows
from planning import dashboard, export, indicators, ledger, lists, monitor, report_pdf
from planning.forms import (
    CloseOutForm,
    DashboardFilter,
    LedgerFilter,
    ProgressForm,
    ReportedValueForm,
)
from planning.models import Indicator, IndicatorKind, ProgressReport, Task
from planning.permissions import can_close_out, can_report_progress, can_report_value, can_view_plans
from registry.models import Region

viewers_only = requires(can_view_plans, gettext_lazy("目标监测与任务台账仅对科技局和部门联络员开放。"))


def _policy_codes() -> list[str]:
    # Distinct values without the models' default ordering: the database returns a few rows, not thousands.
    codes = set(Indicator.objects.order_by().values_list("policy_code", flat=True).distinct())
    codes |= set(Task.objects.order_by().values_list("policy_code", flat=True).distinct())
    return sorted(codes - {""})


def _dashboard_filters(request: HttpRequest) -> tuple[DashboardFilter, dict[str, str], dict[str, str]]:
    codes = set(Indicator.objects.order_by().values_list("region_id", flat=True).distinct()) | set(
        Task.objects.order_by().values_list("region_id", flat=True).distinct()
    )
    regions = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    filters = DashboardFilter(request.GET or None, regions=list(regions.items()), policies=_policy_codes())
    choice = filters.cleaned_data if filters.is_valid() else {"region": "", "policy": "", "status": ""}
    return filters, regions, choice


@viewers_only
def dashboard_view(request: HttpRequest) -> TemplateResponse:
    filters, regions, choice = _dashboard_filters(request)
    board = dashboard.build(choice["region"], choice["policy"], status=choice.get("status", ""))
    context = {"filters": filters, "board": board, "region_names": regions, "status": choice.get("status")}
    return TemplateResponse(request, "planning/dashboard.html", context)


@viewers_only
def monthly_report(request: HttpRequest) -> FileResponse:
    _filters, regions, choice = _dashboard_filters(request)
    board = dashboard.build(choice["region"], choice["policy"])
    scope = " · ".join(filter(None, [regions.get(choice["region"], _("全部地区")), choice["policy"]]))
    today = timezone.localdate()
    pdf = report_pdf.monthly_report(board, scope, today)
    return FileResponse(pdf, as_attachment=True, filename=f"目标任务月报-{today:%Y-%m}.pdf")


@viewers_only
def indicator_detail(request: HttpRequest, code: str) -> TemplateResponse:
    indicator = get_object_or_404(monitor.indicators_in(), code=code)
    evaluation = monitor.evaluate(indicator)
    form = None
    if monitor.accepts_reports(evaluation) and can_report_value(request.user, indicator):
        form = ReportedValueForm(initial={"year": timezone.localdate().year})
    context = {
        "indicator": indicator,
        "evaluation": evaluation,
        "chart": dashboard.path_chart(evaluation),
        "form": form,
        "description": indicators.describe(indicator.definition_key, indicator.params),
    }
    return TemplateResponse(request, "planning/indicator_detail.html", context)


@login_required
@require_POST
def report_value(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    if not can_report_value(request.user, indicator):
        return refuse(request, _("只能填报本单位负责的指标。"))
    form = ReportedValueForm(request.POST)
    if form.is_valid():
        try:
            monitor.report_value(indicator, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("已填报。"))
    else:
        messages.error(request, _("填报内容有误，请检查年份、数值和数据来源。"))
    return redirect(indicator)


@viewers_only
def drill_down(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code, kind=IndicatorKind.COMPUTED)
    try:
        on = (
            dt.date.fromisoformat(request.GET.get("on", ""))
            if request.GET.get("on")
            else timezone.localdate()
        )
    except ValueError:
        on = timezone.localdate()
    definition = indicators.definition_for(indicator.definition_key)
    value, records = indicators.compute(indicator.definition_key, indicator.region_id, indicator.params, on)
    title = _("%(indicator)s（截至 %(day)s）") % {"indicator": indicator.name, "day": on.isoformat()}
    listing = paged(request, records, definition.columns, title=title, empty=_("统计日没有符合口径的记录。"))
    context = {
        "indicator": indicator,
        "definition": definition,
        "value": value,
        "on": on,
        "description": definition.describe(indicator.params),
    }
    return respond(request, "planning/drill_down.html", listing, context)


def _ledger_rows(request: HttpRequest) -> tuple[LedgerFilter, list[ledger.Row]]:
    filters = LedgerFilter(request.GET or None, policies=_policy_codes())
    choice = filters.cleaned_data if filters.is_valid() else {}
    tasks = ledger.ledger()
    if choice.get("policy"):
        tasks = tasks.filter(policy_code=choice["policy"])
    if choice.get("unit"):
        tasks = ledger.for_unit(tasks, choice["unit"])
    if choice.get("mine"):
        tasks = ledger.tasks_of_user(tasks, request.user)
    found = ledger.rows(tasks, status=choice.get("status", ""))
    return filters, ledger.needing(found, choice.get("attention", ""))


@viewers_only
def ledger_view(request: HttpRequest) -> HttpResponse:
    filters, rows = _ledger_rows(request)
    export_url = reverse("planning:ledger_export") + "?" + request.GET.urlencode()
    listing = paged(
        request,
        rows,
        lists.LEDGER_COLUMNS,
        title=_("任务台账"),
        export_url=export_url,
        empty=_("没有符合条件的任务。"),
        identity=lists.task_id,
    )
    context = {
        "filters": filters,
        "reminders": ledger.reminders(rows),
        "rows_template": "planning/partials/ledger_rows.html",
    }
    return respond(request, "planning/ledger.html", listing, context)


@viewers_only
def ledger_export(request: HttpRequest) -> FileResponse:
    """The ledger in the 台账 layout, filtered and sorted as its page."""
    _filters, rows = _ledger_rows(request)
    rows = sort_rows(rows, lists.LEDGER_COLUMNS, request.GET.get("sort"), identity=lists.task_id)
    filename = f"任务台账-{timezone.localdate().isoformat()}.xlsx"
    return FileResponse(export.ledger_workbook(rows), as_attachment=True, filename=filename)


@viewers_only
def units_view(request: HttpRequest) -> HttpResponse:
    units = lists.units(ledger.rows(ledger.ledger()))
    listing = paged(
        request,
        units,
        lists.UNIT_COLUMNS,
        title=_("按部门查看任务"),
        default_sort="region",
        empty=_("台账中还没有列明单位的任务。"),
        identity=attrgetter("key"),
    )
    return respond(request, "planning/units.html", listing, {})


def _task(pk: int) -> Task:
    return get_object_or_404(Task.objects.select_related("policy", "closed_by"), pk=pk)


def _task_page(
    request: HttpRequest,
    task: Task,
    progress_form: ProgressForm | None = None,
    close_form: CloseOutForm | None = None,
) -> TemplateResponse:
    """The task's page; a refused form comes back bound, so what the user typed stays in it."""
    may_report, may_close = can_report_progress(request.user, task), can_close_out(request.user, task)
    context = {
        "entry": ledger.row(task),
        "progress_form": (progress_form or ProgressForm()) if may_report else None,
        "close_form": (close_form or CloseOutForm()) if may_close else None,
        # A browser never keeps a chosen file across a refusal: say so beside the file field.
        "files_dropped": bool(request.FILES),
    }
    return TemplateResponse(request, "planning/task_detail.html", context)


@viewers_only
def task_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    return _task_page(request, _task(pk))


@login_required
@require_POST
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    if not can_report_progress(request.user, task):
        return refuse(request, _("只能填报本单位牵头或配合的任务。"))
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            ledger.report_progress(task, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("进展已提交。"))
            return redirect(task)
    return _task_page(request, task, progress_form=form)


@login_required
@require_POST
def close_out(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    if not can_close_out(request.user, task):
        return refuse(request, _("只有科技局可以对未销号的任务销号。"))
    form = CloseOutForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            ledger.close_out(task, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("任务已销号。"))
            return redirect(task)
    return _task_page(request, task, close_form=form)


@viewers_only
def closure_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """Uploads are downloads for those who see the task, never pages of the site (kechuang.downloads)."""
    return attachment_response(_task(pk).closure_evidence)


@viewers_only
def report_attachment(request: HttpRequest, pk: int, report: int) -> FileResponse:
    return attachment_response(get_object_or_404(ProgressReport, task_id=pk, pk=report).attachment)

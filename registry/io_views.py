"""Import and export pages: the upload with its dry run and confirmation, and the list export."""

from __future__ import annotations

import tempfile

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kechuang.access import refuse
from registry.io import FORMATS, export_filename, export_records, import_file, may_export
from registry.io.columns import layouts
from registry.io.forms import ImportForm
from registry.io.uploads import UploadRejected, discard, keep, open_kept
from registry.models import ImportJob
from registry.permissions import can_import
from registry.tasks import ASYNC_ROWS, job_report, retry, start_import

TEMPLATE = "registry/io/import.html"
PENDING = "registry_import_pending"
# Exports are built in memory up to this size, then spill to a temporary file.
SPOOL_BYTES = 8 * 2**20


def _refuse(request: HttpRequest) -> HttpResponse:
    return refuse(request, _("只有科技局管理员可以导入数据。"))


def _render(request: HttpRequest, context: dict) -> TemplateResponse:
    if request.htmx:
        return TemplateResponse(request, TEMPLATE + "#result", context)
    return TemplateResponse(
        request, TEMPLATE, {**context, "layouts": layouts().values(), "recent_jobs": _recent_jobs()}
    )


# The import page lists this many of the latest background imports (the workbench links to them).
RECENT_JOBS = 20


def _recent_jobs() -> list[ImportJob]:
    labels = {code: layout.label for code, layout in layouts().items()}
    jobs = list(ImportJob.objects.select_related("user")[:RECENT_JOBS])
    for job in jobs:
        job.kind_label = labels.get(job.kind, job.kind)
    return jobs


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file and see the dry run: row count, first rows and every error by row and column."""
    if not can_import(request.user):
        return _refuse(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "GET" or not form.is_valid():
        return _render(request, {"form": form})
    kind, upload = form.cleaned_data["kind"], form.cleaned_data["file"]
    report = import_file(
        upload, kind, user=request.user, dry_run=True, file_format=form.cleaned_data["format"]
    )
    abandoned = request.session.pop(PENDING, None)
    if abandoned:
        discard(abandoned["file"])
    if report.ok:
        request.session[PENDING] = {
            "file": keep(upload, form.cleaned_data["format"]),
            "kind": kind,
            "name": upload.name,
            "rows": report.rows,
        }
    return _render(request, {"form": form, "report": report, "filename": upload.name})


@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Import the file whose dry run the same user has just seen; it is validated again before writing."""
    if not can_import(request.user):
        return _refuse(request)
    pending = request.session.pop(PENDING, None)
    form = ImportForm(initial={"kind": pending["kind"]} if pending else None)
    try:
        if not pending:
            raise UploadRejected(_("没有待确认的导入，请重新上传。"))
        if pending.get("rows", 0) > ASYNC_ROWS:
            job = start_import(
                pending["file"], pending["kind"], pending["name"], pending["rows"], request.user
            )
            return _render(request, {"form": form, "job": job, "report": job_report(job)})
        with open_kept(pending["file"]) as kept:
            report = import_file(kept, pending["kind"], user=request.user)
    except UploadRejected as error:
        return _render(request, {"form": form, "expired": str(error)})
    discard(pending["file"])
    return _render(request, {"form": form, "report": report, "filename": pending["name"]})


@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background import's progress, polled by the page until it is done, then its result."""
    if not can_import(request.user):
        return _refuse(request)
    job = get_object_or_404(ImportJob, pk=pk)
    context = {"form": ImportForm(initial={"kind": job.kind}), "job": job, "report": job_report(job)}
    if request.htmx:
        return TemplateResponse(request, TEMPLATE + "#job", context)
    return _render(request, context)


@require_POST
def import_job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """A job its worker left behind, run again from the kept upload."""
    if not can_import(request.user):
        return _refuse(request)
    job = get_object_or_404(ImportJob, pk=pk)
    try:
        again = retry(job, request.user)
    except ValueError as error:
        return _render(request, {"form": ImportForm(initial={"kind": job.kind}), "expired": str(error)})
    return redirect("registry:import_job", again.pk)


@require_GET
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """A list as a file, with the list page's filters; xlsx unless `?format=csv|jsonl`."""
    if kind not in layouts():
        raise Http404(_("没有这种资源类型。"))
    if not may_export(kind, request.user):
        return refuse(request, _("只有政府工作人员可以导出这类数据。"))
    file_format = request.GET.get("format", "xlsx")
    if file_format not in FORMATS:
        return HttpResponseBadRequest(_("不支持的导出格式。"))
    params = {name: value for name, value in request.GET.items() if name not in {"format", "page"}}
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    try:
        export_records(out, kind, file_format, user=request.user, params=params)
    except BaseException:  # a bad filter (400) leaves no open file behind
        out.close()
        raise
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=export_filename(kind, file_format),
        content_type=FORMATS[file_format].content_type,
    )

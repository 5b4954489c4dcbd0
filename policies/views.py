"""Policy document pages: the list, the upload, and the review page where staff correct and confirm."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from kechuang.access import requires
from kechuang.downloads import attachment_response
from kechuang.listing import paged, respond
from policies import lists, review
from policies.actions import ACTIONS
from policies.forms import FORMS, SELECTION_FIELD, DocumentForm, UploadForm
from policies.models import DocumentStatus, Extraction, PolicyDocument
from policies.permissions import can_manage_documents, can_see_corrections, visible_documents
from policies.store import DuplicateDocument, StoreError, ingest_upload

bureau_only = requires(can_manage_documents, gettext_lazy("只有科技局管理员可以导入和审核政策文件。"))


def document_list(request: HttpRequest) -> HttpResponse:
    documents = visible_documents(request.user, PolicyDocument.objects.all()).select_related("region")
    status = request.GET.get("status", "")
    if status in DocumentStatus.values:
        documents = documents.filter(status=status)
    documents = lists.search_documents(documents, request.GET.get("q", ""))
    listing = paged(
        request, documents, lists.DOCUMENT_COLUMNS, title=_("政策文件"), empty=_("没有符合条件的政策文件。")
    )
    context = {
        "status": status,
        "statuses": DocumentStatus.choices if can_see_corrections(request.user) else [],
        "can_upload": can_manage_documents(request.user),
        "can_see_units": can_see_corrections(request.user),
        "any_document": visible_documents(request.user, PolicyDocument.objects.all()).exists(),
        "rows_template": "policies/partials/document_rows.html",
    }
    return respond(request, "policies/document_list.html", listing, context)


@bureau_only
def document_upload(request: HttpRequest) -> HttpResponse:
    organization = request.user.organization
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"region": organization.region_id if organization else ""},
    )
    existing = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = ingest_upload(
                upload.name, upload.read(), region=form.cleaned_data["region"], user=request.user
            )
        except DuplicateDocument as error:
            existing = error.existing
            form.add_error("file", error.problems[0])
        except StoreError as error:
            for problem in error.problems:
                form.add_error("file", problem)
        else:
            messages.success(request, _("文件已导入，请核对提取结果后确认。"))
            return redirect(document)
    return TemplateResponse(request, "policies/document_upload.html", {"form": form, "existing": existing})


def document_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    document = get_object_or_404(visible_documents(request.user, PolicyDocument.objects.all()), pk=pk)
    template = "policies/document_detail.html"
    return TemplateResponse(
        request, template + "#review" if request.htmx else template, _review_context(request, document)
    )


def document_source(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded original, as a download for whoever may see the document (kechuang.downloads)."""
    document = get_object_or_404(visible_documents(request.user, PolicyDocument.objects.all()), pk=pk)
    return attachment_response(document.source_file)


@requires(can_see_corrections, gettext_lazy("只有政府工作人员可以查看修改记录。"))
def document_corrections(request: HttpRequest, pk: int) -> TemplateResponse:
    document = get_object_or_404(PolicyDocument, pk=pk)
    return TemplateResponse(
        request,
        "policies/document_corrections.html",
        {
            "document": document,
            "corrections": review.corrections(document),
        },
    )


@bureau_only
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(PolicyDocument, pk=pk)
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            review.save_metadata(form.save(commit=False), request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("文件信息已保存。"))
        return redirect(document)
    return TemplateResponse(request, "policies/document_edit.html", {"document": document, "form": form})


@require_POST
@bureau_only
def document_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(PolicyDocument, pk=pk)
    try:
        review.confirm(document, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("文件已确认。"))
    return redirect(document)


@require_POST
@bureau_only
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    document = get_object_or_404(PolicyDocument, pk=pk)
    if action not in ACTIONS:
        raise Http404
    try:
        outcome = ACTIONS[action].perform(document, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, outcome)
    return redirect(document)


@bureau_only
def item_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    document = get_object_or_404(PolicyDocument, pk=pk)
    form_class, model = _kind(kind)
    try:
        start, end = review.selected_span(
            document, _int(request.GET.get("start")), _int(request.GET.get("end"))
        )
    except ValidationError as error:
        return HttpResponse(error.messages[0], status=400)
    item = model(document=document, start=start, end=end)
    selected = document.text[start:end]
    form = form_class(request.POST or None, instance=item, initial=_prefill(kind, selected))
    if request.method == "POST" and form.is_valid():
        addition = form.save(commit=False)
        return _saved(request, document, lambda: review.add_item(addition, request.user))
    return _item_form(request, document, kind, form, item)


@bureau_only
def item_edit(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    document = get_object_or_404(PolicyDocument, pk=pk)
    form_class, model = _kind(kind)
    item = get_object_or_404(model, document=document, pk=item_pk)
    form = form_class(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        correction = form.save(commit=False)
        return _saved(request, document, lambda: review.save_correction(correction, request.user))
    return _item_form(request, document, kind, form, item)


@require_POST
@bureau_only
def item_delete(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    document = get_object_or_404(PolicyDocument, pk=pk)
    _form_class, model = _kind(kind)
    item = get_object_or_404(model, document=document, pk=item_pk)
    return _saved(request, document, lambda: review.delete_item(item, request.user))


def _saved(request: HttpRequest, document: PolicyDocument, change: Callable[[], object]) -> HttpResponse:
    """Apply a change, then show the whole review again: highlights and panel both move with it."""
    try:
        change()
    except ValidationError as error:
        messages.error(request, error.messages[0])
    if not request.htmx:
        return redirect(document)
    response = TemplateResponse(
        request, "policies/document_detail.html#review", _review_context(request, document)
    )
    return reswap(retarget(response, "#review"), "outerHTML")


def _item_form(
    request: HttpRequest, document: PolicyDocument, kind: str, form: object, item: Extraction
) -> TemplateResponse:
    template = "policies/item_form.html"
    return TemplateResponse(
        request,
        template + "#item_form" if request.htmx else template,
        {
            "document": document,
            "kind": review.KINDS[kind],
            "form": form,
            "item": item,
        },
    )


def _review_context(request: HttpRequest, document: PolicyDocument) -> dict:
    groups = review.grouped_items(document)
    can_edit = can_manage_documents(request.user)
    return {
        "document": document,
        "groups": groups,
        "segments": review.segments(document, groups),
        "can_review": can_edit and not document.is_confirmed,
        "can_act": can_edit and document.is_confirmed,
        "actions": ACTIONS.values(),
        "kinds": review.KINDS.values(),
        "can_see_corrections": can_see_corrections(request.user),
        "is_bureau": can_edit,
    }


def _prefill(kind: str, selected: str) -> dict[str, str]:
    initial = {SELECTION_FIELD[kind]: selected}
    if kind == "unit":
        initial["raw"] = selected
    return initial


def _kind(kind: str) -> tuple[type, type[Extraction]]:
    if kind not in review.KINDS:
        raise Http404
    return FORMS[kind], review.KINDS[kind].model


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1

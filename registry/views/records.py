"""List, detail, create and edit pages for every kind in registry.kinds, one set of views for all."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from kechuang.access import AnyUser, refuse
from kechuang.listing import paged, respond
from kechuang.plugins import record_panels
from registry import permissions
from registry.forms import filter_form
from registry.history import audit_trail
from registry.io.exports import may_export
from registry.kinds import KINDS, ResourceKind
from registry.models import Organization
from registry.templatetags.registry_format import yuan


def _fact(record: models.Model, name: str) -> dict[str, Any]:
    field = record._meta.get_field(name)
    value = getattr(record, name)
    url = ""
    if field.choices:
        text = getattr(record, f"get_{name}_display")()
    elif isinstance(value, bool):
        text = _("是") if value else _("否")
    elif isinstance(value, Decimal):
        text = _("%(amount)s 元") % {"amount": yuan(value)}
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif name == "region" and value is not None:
        text = value.full_name
    else:
        text = "" if value is None else str(value)
        url = value.get_absolute_url() if hasattr(value, "get_absolute_url") else ""
    long = isinstance(field, models.TextField)
    return {"label": field.verbose_name, "text": text, "url": url, "long": long}


def facts(record: models.Model, resource: ResourceKind, user: AnyUser) -> list[dict[str, Any]]:
    private = resource.private_facts if not permissions.can_view_contact(user) else frozenset()
    return [_fact(record, name) for name in resource.facts if name not in private]


def _list_request(resource: ResourceKind, request: HttpRequest) -> tuple[Any, dict[str, str]]:
    """The filter form and the query parameters that passed it: a hand-edited address with a malformed
    value lists as if that filter were absent."""
    filters = filter_form(resource, request.GET)
    filters.is_valid()
    params = {
        name: request.GET[name]
        for name in filters.fields
        if name in request.GET and name not in filters.errors
    }
    return filters, params


def record_list(request: HttpRequest, kind: str) -> HttpResponse:
    resource = KINDS[kind]
    filters, params = _list_request(resource, request)
    queryset = resource.filtered(request.user, params)
    scope_ids = [
        params[name] for name, lookup in resource.filters.items() if lookup.endswith("_id") and name in params
    ]
    export_url = reverse("registry:export", args=[kind]) + "?" + request.GET.urlencode()
    # A searched list counts in a second request (the rows never wait for it), so the total is not asked here.
    listing = paged(
        request,
        resource.list_extras(queryset),
        resource.list_columns,
        title=resource.label,
        count=False,
        export_url=export_url if may_export(kind, request.user) else None,
    )
    context = {
        "kind": kind,
        "resource": resource,
        "filters": filters,
        "scope": Organization.objects.filter(pk__in=scope_ids).first() if scope_ids else None,
        "can_create": permissions.can_create(request.user, resource.model),
        "rows_template": resource.table,
    }
    return respond(request, "registry/list.html", listing, context)


def record_detail(request: HttpRequest, kind: str, pk: int) -> TemplateResponse:
    resource = KINDS[kind]
    record = get_object_or_404(resource.queryset(request.user), pk=pk)
    context = {
        "kind": kind,
        "resource": resource,
        "record": record,
        "facts": facts(record, resource, request.user),
        "can_edit": permissions.can_edit(request.user, record),
        "trail": audit_trail(record) if permissions.can_view_history(request.user, record) else None,
        "relations": "",
        "panels": record_panels(kind, record, request.user),
    }
    if resource.relations:
        extra, context["relations"] = resource.relations
        context.update(extra(record, request.user))
    return TemplateResponse(request, "registry/detail.html", context)


def _save(request: HttpRequest, resource: ResourceKind, record: models.Model | None) -> HttpResponse:
    form = resource.form(request.POST or None, instance=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        messages.success(
            request, _("已保存%(kind)s“%(record)s”。") % {"kind": resource.label, "record": saved}
        )
        return redirect(saved)
    return TemplateResponse(
        request,
        "registry/form.html",
        {
            "kind": resource.code,
            "resource": resource,
            "form": form,
            "record": record,
        },
    )


def record_create(request: HttpRequest, kind: str) -> HttpResponse:
    if not permissions.can_create(request.user, KINDS[kind].model):
        return refuse(request)
    return _save(request, KINDS[kind], None)


def record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    resource = KINDS[kind]
    visible = resource.queryset(request.user)
    record = permissions.editable(request.user, visible).filter(pk=pk).first()
    if record is None:
        get_object_or_404(visible, pk=pk)
        return refuse(request)
    return _save(request, resource, record)


# Suggestions stop at a handful: they help finish a name, they are not a list page.
SUGGESTIONS = 8


def organization_suggest(request: HttpRequest) -> TemplateResponse:
    """Registered organizations matching what is typed in an organization field (public names only)."""
    text = request.GET.get(request.GET.get("field", ""), "").strip()
    newest_first = Organization.objects.order_by("-pk")
    found = KINDS["organization"].search(newest_first, text)[:SUGGESTIONS] if text else []
    return TemplateResponse(request, "registry/partials/organization_options.html", {"organizations": found})

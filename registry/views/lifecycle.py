"""Platform lifecycle actions and the cultivation pool (培育库)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from kechuang.access import refuse
from registry import permissions, services
from registry.forms import ApprovalForm, PoolForm, region_options
from registry.models import Platform
from registry.region_lookups import in_region
from registry.vocabulary import Level, PlatformType

# The pool page lists at most this many platforms; the count table above it covers them all.
POOL_SHOWN = 300


def _lifecycle_action(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    title: str,
    act: Callable[[Platform, dict[str, Any]], Any],
) -> HttpResponse:
    platform = get_object_or_404(Platform.objects.select_related("host"), pk=pk)
    if not permissions.can_manage_lifecycle(request.user, platform):
        return refuse(request)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            act(platform, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("已为“%(platform)s”%(action)s。") % {"platform": platform, "action": title}
            )
            return redirect(platform)
    return TemplateResponse(
        request, "registry/lifecycle_form.html", {"platform": platform, "form": form, "title": title}
    )


def platform_pool(request: HttpRequest, pk: int) -> HttpResponse:
    def act(platform: Platform, data: dict[str, Any]) -> None:
        services.move_to_pool(
            platform, data["target_level"], day=data["date"], note=data["note"], by=request.user
        )

    return _lifecycle_action(request, pk, PoolForm, _("纳入培育库"), act)


def platform_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def act(platform: Platform, data: dict[str, Any]) -> None:
        services.record_approval(
            platform, data["level"], data["date"], data["document"], note=data["note"], by=request.user
        )

    return _lifecycle_action(request, pk, ApprovalForm, _("登记认定"), act)


def cultivation_pool(request: HttpRequest) -> TemplateResponse:
    region = request.GET.get("region", "")
    platform_type = request.GET.get("platform_type", "")
    pool = Platform.objects.cultivation_pool()
    if region:
        pool = pool.filter(in_region(region))
    if platform_type:
        pool = pool.filter(platform_type=platform_type)
    groups = services.pool_groups(pool.select_related("host", "region")[:POOL_SHOWN])
    return TemplateResponse(
        request,
        "registry/cultivation_pool.html",
        {
            "groups": groups,
            "total": pool.count(),
            "shown": POOL_SHOWN,
            "levels": Level.choices,
            "matrix": services.pool_matrix(pool),
            "region": region,
            "platform_type": platform_type,
            "region_options": region_options(counties=False),
            "platform_types": PlatformType.choices,
        },
    )

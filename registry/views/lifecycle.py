"""Platform lifecycle actions and the cultivation pool (培育库)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from kechuang.access import refuse
from registry import lifecycle, permissions, services
from registry.forms import ApplyForm, ApprovalForm, PoolForm, StepForm, region_options
from registry.models import Platform
from registry.region_lookups import in_region
from registry.vocabulary import Level, PlatformType

# The pool page lists at most this many platforms; the count table above it covers them all.
POOL_SHOWN = 300


FORMS: dict[str, type[forms.Form]] = {
    "pool": PoolForm,
    "approve": ApprovalForm,
    "apply": ApplyForm,
    "rectify": StepForm,
    "rectified": StepForm,
    "revoke": StepForm,
}


def platform_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One lifecycle step's form; only a step valid for the platform's stage is offered or recorded, and
    a refused form comes back with what was typed."""
    if step not in lifecycle.STEPS:
        raise Http404
    platform = get_object_or_404(Platform.objects.select_related("host"), pk=pk)
    if not permissions.can_manage_lifecycle(request.user, platform):
        return refuse(request)
    try:
        chosen = lifecycle.require(platform, step)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(platform)
    form = FORMS[step](request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.perform(platform, step, form.cleaned_data, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = _("已为“%(platform)s”%(action)s。") % {"platform": platform, "action": chosen.label}
            messages.success(request, done)
            return redirect(platform)
    context = {"platform": platform, "form": form, "title": chosen.label, "step": chosen}
    return TemplateResponse(request, "registry/lifecycle_form.html", context)


def platform_pool(request: HttpRequest, pk: int) -> HttpResponse:
    return platform_step(request, pk, "pool")


def platform_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return platform_step(request, pk, "approve")


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

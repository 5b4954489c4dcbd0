"""Platform lifecycle actions and the cultivation pool (培育库)."""

from __future__ import annotations

from operator import attrgetter, methodcaller

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kechuang.access import refuse
from kechuang.listing import Column, in_choice_order, paged, respond
from registry import lifecycle, permissions, services
from registry.forms import ApplyForm, ApprovalForm, PoolForm, StepForm, region_options
from registry.models import Platform
from registry.vocabulary import Level, PlatformStage, PlatformType

POOL_COLUMNS = (
    Column(_lazy("平台名称"), attrgetter("name"), key="name"),
    Column(
        _lazy("平台类型"),
        methodcaller("get_platform_type_display"),
        key="type",
        order_by=(in_choice_order("platform_type", PlatformType.choices), "target_level"),
    ),
    Column(
        _lazy("培育目标"),
        methodcaller("get_target_level_display"),
        key="target",
        order_by=(in_choice_order("target_level", Level.choices),),
    ),
    Column(
        _lazy("阶段"),
        methodcaller("get_stage_display"),
        key="stage",
        order_by=(in_choice_order("stage", PlatformStage.choices),),
    ),
    Column(
        _lazy("当前级别"),
        methodcaller("get_level_display"),
        key="level",
        order_by=(in_choice_order("level", Level.choices),),
    ),
    Column(_lazy("依托单位"), attrgetter("host.name"), key="host", order_by=("host__name",)),
    Column(_lazy("地区"), attrgetter("region.name"), key="region", order_by=("region_id",)),
)


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


def cultivation_pool(request: HttpRequest) -> HttpResponse:
    region = request.GET.get("region", "")
    platform_type = request.GET.get("platform_type", "")
    target = request.GET.get("target_level", "")
    pool = services.pool_of(region, platform_type, target)
    listing = paged(request, pool, POOL_COLUMNS, title=_("创新平台培育库"), default_sort="type")
    context = {
        "levels": Level.choices,
        "matrix": services.pool_matrix(services.pool_of(region, platform_type)),
        "region": region,
        "platform_type": platform_type,
        "target_level": target,
        "region_options": region_options(counties=False),
        "platform_types": PlatformType.choices,
        "rows_template": "registry/tables/pool.html",
    }
    return respond(request, "registry/cultivation_pool.html", listing, context)

"""Pages of the policy calculator (政策计算器): an organization's benefits with reasons, "policy finds
the enterprise" runs with progress, the budget forecast, what-if scenarios and the rule editor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from benefits import pages, rule_form, rule_store, scenarios
from benefits.models import BenefitRun
from benefits.tasks import start_run, start_what_if
from kechuang.access import is_bureau, is_staff_member
from kechuang.listing import paged, respond
from registry.models import Organization
from registry.permissions import can_view_annual_data

FINDER = "benefits/finder.html"
WINNER_ROWS = "benefits/partials/winner_rows.html"
WHAT_IF = "benefits/what_if.html"


@login_required
def my_benefits(request: HttpRequest) -> HttpResponse:
    organization = request.user.organization
    if organization is None:
        if is_staff_member(request.user):
            return redirect("benefits:finder")
        raise PermissionDenied(_("您的账号没有关联机构，无法查看政策享受情况。"))
    return _benefits(request, organization)


@login_required
def organization_benefits(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=pk)
    if not can_view_annual_data(request.user, organization):
        raise PermissionDenied(_("只能查看本单位的政策享受情况。"))
    return _benefits(request, organization)


def _benefits(request: HttpRequest, organization: Organization) -> TemplateResponse:
    year = pages.chosen_year(request.GET.get("year"), pages.default_year(organization))
    own = organization.pk == request.user.organization_id
    context = pages.organization_page(organization, year, own)
    return TemplateResponse(request, "benefits/organization.html", context)


@login_required
def finder(request: HttpRequest) -> TemplateResponse:
    _require_staff(request)
    year = pages.chosen_year(request.GET.get("year"), pages.default_year())
    run = BenefitRun.objects.filter(year=year, scenario=None).first()
    return TemplateResponse(
        request,
        FINDER,
        {
            **pages.finder_page(run, year),
            "can_run": is_bureau(request.user),
            "years": pages.year_choices(),
        },
    )


@login_required
@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    _require_bureau(request)
    year = pages.chosen_year(request.POST.get("year"), pages.default_year())
    run = start_run(year, request.user)
    if request.htmx:
        return TemplateResponse(request, FINDER + "#progress", pages.finder_page(run, year))
    return redirect(f"{pages.finder_url()}?year={year}")


@login_required
def run_progress(request: HttpRequest, pk: int) -> TemplateResponse:
    _require_staff(request)
    run = get_object_or_404(BenefitRun, pk=pk)
    if run.scenario_id:
        return TemplateResponse(request, WHAT_IF + "#comparison", pages.what_if_page(run))
    return TemplateResponse(request, FINDER + "#progress", pages.finder_page(run, run.year))


@login_required
def rule_winners(request: HttpRequest, pk: int, rule_id: str) -> TemplateResponse:
    _require_staff(request)
    run = get_object_or_404(BenefitRun, pk=pk)
    return TemplateResponse(request, FINDER + "#winners", pages.winners(run, rule_id))


@login_required
def run_winners_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every winner of a finished run (of one rule with `?rule=`), paged, sortable and exportable."""
    _require_staff(request)
    run = get_object_or_404(BenefitRun, pk=pk, scenario=None)
    rule_id = request.GET.get("rule", "")
    awards = pages.run_awards(run, rule_id)
    title = _("%(year)s 年政策找企业受益名单") % {"year": run.year}
    listing = paged(request, awards, pages.AWARD_COLUMNS, title=title, default_sort="-amount")
    rule_title = awards.values_list("title", flat=True).first() if rule_id else ""
    context = {"run": run, "rule_id": rule_id, "rule_title": rule_title, "rows_template": WINNER_ROWS}
    return respond(request, "benefits/winners.html", listing, context)


@login_required
def forecast(request: HttpRequest) -> TemplateResponse:
    _require_staff(request)
    return TemplateResponse(request, "benefits/forecast.html", pages.forecast_page())


@login_required
def what_if(request: HttpRequest) -> HttpResponse:
    _require_bureau(request)
    form = pages.ScenarioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scenario = scenarios.create_scenario(form.cleaned_data["name"], form.changes(), request.user)
        except scenarios.ScenarioError as error:
            form.add_error(None, str(error))
        else:
            run = start_what_if(form.cleaned_data["year"], scenario, request.user)
            return redirect("benefits:what_if_run", pk=run.pk)
    return TemplateResponse(request, WHAT_IF, {**pages.what_if_start(), "form": form})


@login_required
def what_if_run(request: HttpRequest, pk: int) -> TemplateResponse:
    _require_bureau(request)
    run = get_object_or_404(BenefitRun.objects.exclude(scenario=None), pk=pk)
    context = {**pages.what_if_start(), **pages.what_if_page(run), "form": pages.ScenarioForm()}
    return TemplateResponse(request, WHAT_IF, context)


@login_required
def rule_list(request: HttpRequest) -> TemplateResponse:
    _require_staff(request)
    return TemplateResponse(request, "benefits/rules.html", pages.rule_list_page())


@login_required
def rule_edit(request: HttpRequest, rule_id: str) -> TemplateResponse:
    _require_staff(request)
    if rule_store.shipped_rule(rule_id) is None:
        raise Http404(_("没有这条规则。"))
    officer, expert, form = rule_form.editor_forms(rule_id, request.POST or None)
    context = {
        "rule_id": rule_id,
        "can_edit": is_bureau(request.user),
        "officer_form": officer,
        "form": expert,
        "expert_open": form is expert and request.method == "POST",
    }
    if request.method == "POST":
        if request.POST.get("action") == "save":
            _require_bureau(request)
        if form.is_valid():
            context.update(pages.rule_action(form, rule_id, request.user))
            if context.get("saved"):
                messages.success(request, _("已保存为新版本，页面和全市测算将按新版本计算。"))
                context["officer_form"], context["form"], _sent = rule_form.editor_forms(rule_id)
    context["history"] = rule_store.history(rule_id)
    return TemplateResponse(request, "benefits/rule_edit.html", context)


def _require_staff(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied(_("只有政府工作人员可以查看。"))


def _require_bureau(request: HttpRequest) -> None:
    if not is_bureau(request.user):
        raise PermissionDenied(_("只有科技局管理员可以进行此操作。"))

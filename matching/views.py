"""The matching app's pages. Views only check permission, call the domain modules and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kechuang.access import is_bureau, is_staff_member, own_organization_id, refuse
from kechuang.listing import paged, respond
from matching import experts, lists, loop, notices, permissions
from matching.forms import AcceptForm, DeclineForm, ExpertProfileForm, SubscriptionForm
from matching.models import AgreementDraft, Challenge, ExpertProfile, Kind, MatchCandidate, Subscription
from matching.scoring import FACTOR_LABELS, region_names
from matching.search import KIND_LABELS, search
from registry.models import Person, Region, TechnologyNeed

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    """One's own matching home: notices, the needs to work, an expert's reviews and matched needs."""
    if not request.user.is_authenticated:
        return refuse(request)
    return render(request, "matching/home.html", experts.home_context(request.user))


def challenge_list(request: HttpRequest) -> HttpResponse:
    challenges = Challenge.objects.select_related("publisher").order_by("-pk")
    if not permissions.sees_drafts(request.user):
        challenges = challenges.exclude(status="draft")
    listing = paged(request, challenges, lists.CHALLENGE_COLUMNS, title=_("揭榜挂帅"), empty=_("暂无榜单。"))
    context = {
        "can_publish": permissions.can_publish_challenge(request.user),
        "rows_template": "matching/partials/challenge_rows.html",
    }
    return respond(request, "matching/challenges.html", listing, context)


def search_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    results = (
        search(
            text,
            kind=kind or None,
            limit=PAGE_SIZE,
            public_only=not permissions.sees_drafts(request.user),
            facets=True,
        )
        if text
        else None
    )
    regions = region_names(set(results.facets.get("region", {}))) if results else {}
    # Templates look up `most_common` as a key of a Counter first, so the facets go in as lists.
    facets = {name: counts.most_common(8) for name, counts in results.facets.items()} if results else {}
    return render(
        request,
        "matching/search.html",
        {
            "q": text,
            "kind": kind,
            "results": results,
            "kinds": Kind.choices,
            "kind_labels": KIND_LABELS,
            "region_names": regions,
            "facets": facets,
        },
    )


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = notices.unsubscribe(token)
    return render(
        request,
        "matching/unsubscribed.html",
        {"subscription": subscription},
        status=200 if subscription else 404,
    )


# ---- the closed loop ---------------------------------------------------------------------------------


def my_needs(request: HttpRequest) -> HttpResponse:
    """The needs a user may work: their enterprise's, or every need for the bureau."""
    if not request.user.is_authenticated:
        return refuse(request)
    needs = TechnologyNeed.objects.select_related("enterprise").order_by("-pk")
    if not is_bureau(request.user):
        needs = needs.filter(enterprise_id=own_organization_id(request.user) or 0)
    listing = paged(
        request,
        needs,
        lists.NEED_COLUMNS,
        title=_("需求对接"),
        empty=_("还没有技术需求。发布一项需求后，系统会为它推荐专家、成果、平台、仪器和服务机构。"),
    )
    return respond(request, "matching/needs.html", listing, {})


def need_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(TechnologyNeed.objects.select_related("enterprise"), pk=pk)
    if not permissions.can_work_need(request.user, need):
        return refuse(request, _("只有需求企业和科技局可以查看对接候选。"))
    if request.method == "POST" or not need.match_candidates.exists():
        candidates = loop.propose(need, request.user)
    else:
        candidates = list(need.match_candidates.order_by("rank", "pk"))
    return render(
        request,
        "matching/need_candidates.html",
        {
            "need": need,
            "candidates": candidates,
            "decline_form": DeclineForm(),
            "accept_form": AcceptForm(),
            "kind_labels": KIND_LABELS,
            "factor_labels": FACTOR_LABELS,
        },
    )


def _candidate_for(request: HttpRequest, pk: int) -> MatchCandidate:
    candidate = get_object_or_404(MatchCandidate.objects.select_related("need__enterprise"), pk=pk)
    if not permissions.can_work_need(request.user, candidate.need):
        refuse(request, _("只有需求企业和科技局可以处理对接候选。"))
    return candidate


@require_POST
def candidate_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return refuse(request)
    candidate = _candidate_for(request, pk)
    form = None
    try:
        if action == "contact":
            loop.contact(candidate, request.user)
            messages.success(request, _("已记录联系：%(title)s") % {"title": candidate.title})
        elif action == "decline":
            form = DeclineForm(request.POST)
            if form.is_valid():
                loop.decline(candidate, request.user, form.cleaned_data["reason"], form.cleaned_data["note"])
                messages.success(request, _("已婉拒：%(title)s") % {"title": candidate.title})
        elif action == "accept":
            form = AcceptForm(request.POST)
            if form.is_valid():
                draft = loop.accept(
                    candidate,
                    request.user,
                    form.cleaned_data["contract_type"],
                    form.cleaned_data["amount_yuan"],
                )
                messages.success(request, _("已达成意向，合同草稿已生成。"))
                return redirect("matching:agreement", pk=draft.pk)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    if form is not None and not form.is_valid():
        return render(
            request,
            "matching/candidate_form.html",
            {"candidate": candidate, "form": form, "action": action},
            status=422,
        )
    return redirect("matching:need_candidates", pk=candidate.need_id)


def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_object_or_404(
        AgreementDraft.objects.select_related(
            "need__enterprise", "buyer", "seller", "seller_person", "candidate"
        ),
        pk=pk,
    )
    if not (permissions.can_work_need(request.user, draft.need) or is_staff_member(request.user)):
        return refuse(request, _("只有合同双方和科技局可以查看合同草稿。"))
    return render(
        request,
        "matching/agreement.html",
        {"draft": draft, "history": draft.candidate.history.order_by("history_date")},
    )


def funnel_page(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_funnel(request.user):
        return refuse(request, _("对接漏斗仅向政府工作人员开放。"))
    region = request.GET.get("region", "")
    field_name = request.GET.get("field", "").strip()[:100]
    counts = loop.funnel(region=region if region.isdigit() else "", field=field_name)
    steps = [{"name": str(_(loop.FUNNEL_LABELS[step])), "value": counts[step]} for step in loop.FUNNEL_STEPS]
    cities = Region.objects.filter(level="city").order_by("code")
    fields = TechnologyNeed.objects.order_by("field").values_list("field", flat=True).distinct()[:200]
    return render(
        request,
        "matching/funnel.html",
        {
            "steps": steps,
            "counts": counts,
            "cities": cities,
            "fields": fields,
            "region": region,
            "field": field_name,
        },
    )


# ---- subscriptions and the expert library --------------------------------------------------------------


def subscriptions(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return refuse(request)
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        Subscription.objects.create(
            user=request.user,
            kinds=form.cleaned_data["kinds"],
            keywords=form.cleaned_data["keywords"].strip(),
            region=form.cleaned_data["region"],
        )
        messages.success(request, _("订阅已保存。新信息将出现在“我的对接”并每日汇总推送。"))
        return redirect("matching:subscriptions")
    mine = Subscription.objects.filter(user=request.user, active=True)
    return render(
        request,
        "matching/subscriptions.html",
        {"form": form, "subscriptions": mine, "kind_labels": KIND_LABELS},
    )


def expert_profile(request: HttpRequest) -> HttpResponse:
    person = Person.objects.filter(user_id=request.user.pk).first() if request.user.is_authenticated else None
    if person is None:
        return refuse(request, _("只有关联了专家人才记录的账号可以维护专家档案。"))
    profile = ExpertProfile.objects.filter(person=person).first()
    initial = (
        {
            "stated_fields": profile.stated_fields,
            "statement": profile.statement,
            "available": profile.available,
            "achievements": profile.achievements.all(),
        }
        if profile
        else {"stated_fields": person.fields, "available": True}
    )
    form = ExpertProfileForm(request.POST or None, person=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        experts.save_profile(
            person,
            request.user,
            data["stated_fields"],
            data["statement"],
            data["available"],
            [a.pk for a in data["achievements"]],
        )
        messages.success(request, _("专家档案已提交，待科技局审核。"))
        return redirect("matching:home")
    return render(
        request,
        "matching/expert_profile.html",
        {"form": form, "person": person, "profile": profile, "derived": experts.derived_fields(person)},
    )


def expert_library(request: HttpRequest) -> HttpResponse:
    if not permissions.can_approve_profiles(request.user):
        return refuse(request, _("专家库审核仅向科技局开放。"))
    if request.method == "POST":
        profile = get_object_or_404(ExpertProfile, pk=request.POST.get("profile"))
        experts.review_profile(profile, request.user, approve=request.POST.get("decision") == "approve")
        messages.success(request, _("已处理：%(name)s") % {"name": profile.person})
        return redirect("matching:expert_library")
    profiles = ExpertProfile.objects.select_related("person__organization").order_by("status", "-updated_at")
    listing = paged(request, profiles, lists.PROFILE_COLUMNS, title=_("专家库"), empty=_("暂无专家档案。"))
    context = {"rows_template": "matching/partials/profile_rows.html"}
    return respond(request, "matching/expert_library.html", listing, context)

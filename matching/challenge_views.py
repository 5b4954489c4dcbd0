"""Pages of open challenges (揭榜挂帅): publish, apply, draw reviewers, score, award, milestones."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kechuang.access import refuse
from matching import challenges, permissions
from matching.challenge_forms import ApplicationForm, AwardForm, ChallengeForm, InviteForm, ReviewForm
from matching.models import Challenge, Milestone, Review, ReviewerDraw, ReviewStatus


def _challenge(pk: int) -> Challenge:
    return get_object_or_404(Challenge.objects.select_related("publisher", "region", "winner"), pk=pk)


def challenge_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_publish_challenge(request.user):
        return refuse(request, _("只有科技局和企业用户可以发布榜单。"))
    form = ChallengeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = challenges.create(form.challenge(), form.criteria(), request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("榜单已保存为草稿，确认无误后请发布。"))
            return redirect(challenge)
    return render(request, "matching/challenge_form.html", {"form": form})


def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(pk)
    if not permissions.can_view_challenge(request.user, challenge):
        return refuse(request, _("该榜单尚未发布。"))
    manages = permissions.can_manage_challenge(request.user, challenge)
    draws = bool(permissions.can_draw_reviewers(request.user))
    context = {
        "challenge": challenge,
        "criteria": challenge.criteria.all(),
        "manages": manages,
        "can_apply": permissions.can_apply(request.user, challenge),
        "can_draw": draws,
        "can_award": permissions.can_award(request.user),
        "milestones": challenge.milestones.all(),
        "paid": challenges.paid(challenge),
    }
    if manages or draws:
        context["ranking"] = challenges.ranking(challenge)
        context["draws"] = [(draw, challenges.reproduces(draw)) for draw in challenge.draws.all()]
        context["invite_form"] = InviteForm(challenge=challenge)
        context["award_form"] = AwardForm(challenge=challenge)
    return render(request, "matching/challenge_detail.html", context)


@require_POST
def challenge_publish(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(pk)
    if not permissions.can_manage_challenge(request.user, challenge):
        return refuse(request, _("只有发榜单位和科技局可以发布榜单。"))
    try:
        challenges.publish(challenge)
        messages.success(request, _("榜单已发布。"))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect(challenge)


def challenge_apply(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(pk)
    if not permissions.can_apply(request.user, challenge):
        return refuse(request, _("该榜单当前不接受您的揭榜申请。"))
    form = ApplicationForm(request.POST or None, challenge=challenge)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            challenges.apply(
                challenge,
                request.user,
                data["team_name"],
                form.answers(),
                [o.pk for o in data["co_applicants"]],
                [p.pk for p in data["members"]],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("揭榜申请已提交。"))
            return redirect(challenge)
    return render(request, "matching/challenge_apply.html", {"challenge": challenge, "form": form})


@require_POST
def challenge_draw(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(pk)
    if not permissions.can_draw_reviewers(request.user):
        return refuse(request, _("只有科技局可以抽取评审专家。"))
    try:
        draw = challenges.draw_reviewers(challenge, request.user)
        messages.success(
            request,
            _("已抽取 %(n)d 位评审专家，随机种子 %(seed)d。") % {"n": len(draw.drawn), "seed": draw.seed},
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect(challenge)


@require_POST
def challenge_invite(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(pk)
    if not permissions.can_draw_reviewers(request.user):
        return refuse(request, _("只有科技局可以邀请评审专家。"))
    form = InviteForm(request.POST, challenge=challenge)
    if form.is_valid():
        try:
            challenges.invite(challenge, form.cleaned_data["person"])
            messages.success(request, _("已邀请 %(name)s 评审。") % {"name": form.cleaned_data["person"]})
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
    else:
        messages.error(request, _("请选择要邀请的专家。"))
    return redirect(challenge)


def draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draw = get_object_or_404(ReviewerDraw.objects.select_related("challenge", "drawn_by"), pk=pk)
    if not permissions.can_manage_challenge(request.user, draw.challenge):
        return refuse(request, _("抽取记录仅向发榜单位和科技局开放。"))
    return render(
        request,
        "matching/draw_detail.html",
        {
            "draw": draw,
            "reproduced": challenges.sample(draw.pool, draw.seed, draw.constraints.get("count", 0)),
            "reproduces": challenges.reproduces(draw),
        },
    )


def review(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Review.objects.select_related("application__challenge", "reviewer"), pk=pk)
    if not permissions.can_review(request.user, item):
        return refuse(request, _("只有受邀的评审专家可以评分。"))
    application = item.application
    conflicts = challenges.conflicts(item.reviewer, application)
    form = ReviewForm(request.POST or None, review=item)
    if request.method == "POST" and form.is_valid():
        try:
            challenges.submit_review(item, form.scores(), form.cleaned_data["comment"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("评分已提交。"))
            return redirect("matching:home")
    return render(
        request,
        "matching/review.html",
        {
            "review": item,
            "application": application,
            "form": form,
            "conflicts": conflicts,
            "answers": [
                (c, application.answers.get(str(c.pk), "")) for c in application.challenge.criteria.all()
            ],
            "submitted": item.status == ReviewStatus.SUBMITTED,
        },
        status=422 if form.errors else 200,
    )


@require_POST
def challenge_award(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(pk)
    if not permissions.can_award(request.user):
        return refuse(request, _("只有科技局可以确定揭榜团队。"))
    form = AwardForm(request.POST, challenge=challenge)
    if form.is_valid():
        try:
            challenges.award(challenge, form.cleaned_data["application"], form.milestones())
            messages.success(
                request, _("已确定揭榜团队：%(team)s") % {"team": form.cleaned_data["application"]}
            )
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
    else:
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(challenge)


@require_POST
def milestone_accept(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("challenge"), pk=pk)
    if not permissions.can_award(request.user):
        return refuse(request, _("只有科技局可以验收里程碑。"))
    try:
        challenges.accept_milestone(milestone, request.user)
        messages.success(
            request,
            _("里程碑“%(title)s”已验收，拨付 %(amount)s 元。")
            % {"title": milestone.title, "amount": f"{milestone.payment_yuan:,.2f}"},
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect(milestone.challenge)

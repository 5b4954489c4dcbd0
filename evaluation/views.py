"""Pages of performance evaluation: each checks permission, calls domain code (rounds, reports), renders."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluation import draws, permissions, reports, rounds
from evaluation.conflicts import conflicts, reviewer_pool
from evaluation.models import IndexSystem, Objection, Review, Round, Submission
from evaluation.system_forms import SystemEdit
from evaluation.vocabulary import RoundStatus
from kechuang.access import refuse
from registry.models import Platform

MAX_DRAWN = 20  # a panel larger than this is a typing error, not a panel


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def index(request: HttpRequest) -> TemplateResponse:
    visible = Round.objects.select_related("system", "region")
    if not permissions.can_view_cohort(request.user):
        visible = visible.filter(status__in=permissions.PUBLIC_STATES)
    context = {
        "rounds": visible,
        "systems": IndexSystem.objects.all() if permissions.can_manage(request.user) else (),
        "submissions": permissions.submissions_for_user(request.user).filter(round__status=RoundStatus.OPEN)
        if request.user.is_authenticated and not permissions.can_view_cohort(request.user)
        else (),
        "reviews": permissions.reviews_for_user(request.user).filter(
            submission__round__status=RoundStatus.REVIEWING
        ),
    }
    return TemplateResponse(request, "evaluation/index.html", context)


def system_view(request: HttpRequest, pk: int) -> TemplateResponse:
    system = get_object_or_404(IndexSystem, pk=pk)
    context = {
        "system": system,
        "indicators": system.indicators.all(),
        "grades": system.grade_rules.all(),
        "manages": permissions.can_manage(request.user),
        "versions": IndexSystem.objects.filter(code=system.code).exclude(pk=system.pk),
        "edits": system.edits.select_related("edited_by", "based_on")
        if permissions.can_manage(request.user)
        else (),
    }
    return TemplateResponse(request, "evaluation/system.html", context)


def system_edit_view(request: HttpRequest, pk: int) -> TemplateResponse | HttpResponse:
    system = get_object_or_404(IndexSystem, pk=pk)
    if not permissions.can_manage(request.user):
        return refuse(request, _("只有科技局可以修改指标体系。"))
    edit = SystemEdit(system, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        outcome = edit.save(request.user)
        if outcome is not None:
            if outcome.new_version:
                message = _("%(old)s 已被评价轮次使用并冻结，本次修改已另存为新版本 v%(version)d。")
                messages.success(request, message % {"old": system, "version": outcome.system.version})
            else:
                messages.success(request, _("指标体系已保存。"))
            return redirect(outcome.system)
    return TemplateResponse(request, "evaluation/system_edit.html", {"system": system, "edit": edit})


def round_view(request: HttpRequest, pk: int) -> TemplateResponse | HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("system"), pk=pk)
    if not permissions.can_view_round(request.user, round_):
        return refuse(request, _("评价结果公示前仅科技局和部门可见。"))
    manages = permissions.can_manage(request.user)
    context = {
        "round": round_,
        "manages": manages,
        "submissions": round_.submissions.select_related("platform__host").prefetch_related(
            "reviews__reviewer"
        ),
        "cohort": reports.cohort(round_),
        "objections": Objection.objects.filter(result__submission__round=round_).select_related(
            "result__submission__platform"
        ),
        "can_object": permissions.can_object(request.user, round_),
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, "evaluation/round.html", context)


def _day(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw or "")
    except ValueError:
        return None


ACTIONS = {
    "open": lambda request, r: rounds.open_round(r, by=request.user),
    "review": lambda request, r: rounds.start_review(r),
    "panel": lambda request, r: rounds.assign_panel(r, by=request.user),
    "compute": lambda request, r: rounds.compute_results(r),
    "publicity": lambda request, r: rounds.start_publicity(
        r,
        _day(request.POST.get("start")) or timezone.localdate(),
        _day(request.POST.get("end")) or timezone.localdate(),
    ),
    "publish": lambda request, r: rounds.publish(
        r, by=request.user, document=request.POST.get("document", "")
    ),
}
DONE = {
    "open": _("评价已启动，平台填报表已按资源库数据预填。"),
    "review": _("填报已截止，进入专家评审。"),
    "panel": _("已随机抽取评审专家（自动回避），抽取记录和随机种子见各平台填报页。"),
    "compute": _("已计算得分、排名和等次。"),
    "publicity": _("评价结果已开始公示。"),
    "publish": _("评价结果已发布，奖补、整改任务已进入任务台账。"),
}


@require_POST
def round_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    if not permissions.can_manage(request.user) or action not in ACTIONS:
        return refuse(request, _("只有科技局可以组织评价。"))
    try:
        outcome = ACTIONS[action](request, round_)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, DONE[action])
        if action == "panel":
            for reasons in outcome.values():
                messages.warning(request, "；".join(reasons))
    return redirect(round_)


def submission_view(request: HttpRequest, pk: int) -> TemplateResponse | HttpResponse:
    submission = get_object_or_404(
        Submission.objects.select_related("round__system", "platform__host"), pk=pk
    )
    if not permissions.can_view_submission(request.user, submission):
        return refuse(request, _("只能查看本单位平台的评价填报。"))
    editable = permissions.can_edit_submission(request.user, submission)
    if request.method == "POST":
        if not editable:
            return refuse(request, _("当前不能修改该填报。"))
        values = {key[6:]: v for key, v in request.POST.items() if key.startswith("value-")}
        notes = {key[5:]: v for key, v in request.POST.items() if key.startswith("note-")}
        try:
            rounds.save_values(submission, values, notes, note=request.POST.get("note"))
            if "submit" in request.POST:
                rounds.submit(submission, by=request.user)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("填报已提交。") if "submit" in request.POST else _("填报已保存。"))
            return redirect(submission)
    context = {
        "submission": submission,
        "values": submission.values.select_related("indicator"),
        "editable": editable,
        "pool": [(person, conflicts(person, submission.platform)) for person in reviewer_pool()[:50]]
        if permissions.can_manage(request.user)
        else (),
        "reviews": submission.reviews.select_related("reviewer")
        if permissions.can_view_cohort(request.user)
        else (),
        "draws": draws.rows(submission.draws.select_related("drawn_by"))
        if permissions.can_view_cohort(request.user)
        else (),
        "wanted": max(submission.round.reviewers_per_submission - submission.reviews.count(), 1),
    }
    return TemplateResponse(request, "evaluation/submission.html", context)


@require_POST
def assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=pk)
    if not permissions.can_manage(request.user):
        return refuse(request, _("只有科技局可以指派评审专家。"))
    person = get_object_or_404(reviewer_pool(), pk=request.POST.get("person") or 0)
    try:
        rounds.assign_reviewer(submission, person, by=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("已指派 %(name)s 评审。") % {"name": person.name})
    return redirect(submission)


@require_POST
def draw_view(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("round", "platform"), pk=pk)
    if not permissions.can_manage(request.user):
        return refuse(request, _("只有科技局可以抽取评审专家。"))
    try:
        wanted = int(request.POST.get("wanted", ""))
    except ValueError:
        wanted = 0
    if not 1 <= wanted <= MAX_DRAWN:
        messages.error(request, _("抽取人数应为 1 至 %(n)d 人。") % {"n": MAX_DRAWN})
        return redirect(submission)
    try:
        log = draws.draw_reviewers(submission, wanted, by=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("已随机抽取 %(n)d 位评审专家（随机种子 %(seed)d）。") % {"n": len(log.drawn), "seed": log.seed},
        )
    return redirect(submission)


def review_view(request: HttpRequest, pk: int) -> TemplateResponse | HttpResponse:
    review = get_object_or_404(
        Review.objects.select_related("submission__platform", "submission__round"), pk=pk
    )
    if not permissions.reviews_for_user(request.user).filter(pk=review.pk).exists():
        return refuse(request, _("只能评审指派给您的平台。"))
    if request.method == "POST":
        if not permissions.can_review(request.user, review):
            return refuse(request, _("当前不在专家评审阶段。"))
        scores = {key[6:]: v for key, v in request.POST.items() if key.startswith("score-")}
        try:
            rounds.record_review(review, scores, request.POST.get("comment", ""))
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("评分已提交。"))
            return redirect("evaluation:index")
    context = {
        "review": review,
        "submission": review.submission,
        "values": review.submission.values.select_related("indicator"),
        "criteria": rounds.expert_indicators(review.submission.round),
        "editable": permissions.can_review(request.user, review),
    }
    return TemplateResponse(request, "evaluation/review.html", context)


@require_POST
def object_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    if not permissions.can_object(request.user, round_):
        return refuse(request, _("只能在公示期内提出异议。"))
    result = get_object_or_404(
        permissions.results_for_user(request.user),
        submission__round=round_,
        pk=request.POST.get("result") or 0,
    )
    try:
        rounds.file_objection(result, request.POST.get("text", ""), by=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("异议已提交，科技局将核实处理。"))
    return redirect(round_)


@require_POST
def handle_view(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("result__submission__round"), pk=pk)
    if not permissions.can_manage(request.user):
        return refuse(request, _("只有科技局可以处理异议。"))
    code, corrected = request.POST.get("indicator", ""), request.POST.get("value", "")
    try:
        rounds.handle_objection(
            objection,
            request.POST.get("decision") == "upheld",
            request.POST.get("response", ""),
            by=request.user,
            corrections={code: corrected} if code and corrected else None,
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("异议已处理。"))
    return redirect(objection.result.submission.round)


def platform_view(request: HttpRequest, pk: int) -> TemplateResponse | HttpResponse:
    platform = get_object_or_404(Platform.objects.select_related("host"), pk=pk)
    results = permissions.results_for_user(request.user).filter(submission__platform=platform)
    if not results.exists() and not permissions.can_view_cohort(request.user):
        return refuse(request, _("暂无可查看的评价结果。"))
    sheets = [reports.score_sheet(result) for result in results.order_by("-submission__round__year")]
    return TemplateResponse(request, "evaluation/platform.html", {"platform": platform, "sheets": sheets})


def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    if not permissions.can_view_cohort(request.user):
        return refuse(request, _("只有科技局和部门可以导出评价结果。"))
    response = HttpResponse(
        reports.export_xlsx(round_),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="evaluation-{round_.year}-{round_.pk}.xlsx"'
    return response


@require_POST
def create_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage(request.user):
        return refuse(request, _("只有科技局可以组织评价。"))
    system = get_object_or_404(IndexSystem, pk=request.POST.get("system") or 0)
    try:
        year = int(request.POST.get("year") or timezone.localdate().year - 1)
        round_ = rounds.create_round(
            system, year, system.region_id, by=request.user, deadline=_day(request.POST.get("deadline"))
        )
    except (ValueError, ValidationError) as error:
        _errors(request, error if isinstance(error, ValidationError) else ValidationError(_("请输入年度。")))
        return redirect("evaluation:index")
    messages.success(request, _("评价轮次已创建。"))
    return redirect(round_)

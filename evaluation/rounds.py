"""A yearly round from opening to publication. Views, the API and commands call these; each checks the
round's state, writes in one transaction and leaves stored data untouched on bad input (ValidationError
with a Chinese message).

open → submissions pre-filled from the data → experts assigned (conflicts refused) and scoring → results
(scores, ranks, grades by the frozen index system) → 公示 with objections → publication, whose
consequences (evaluation.consequences) follow.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from evaluation import conflicts, draws, scoring, sources, systems
from evaluation.models import (
    IndexSystem,
    Objection,
    Result,
    Review,
    Round,
    Submission,
    SubmissionValue,
)
from evaluation.vocabulary import Method, ObjectionStatus, ReviewStatus, RoundStatus, SubmissionStatus
from registry.models import Person, Platform
from registry.region_lookups import in_region
from registry.vocabulary import PlatformStage

# Platforms a round evaluates: approved ones, and those rectifying after an earlier round.
EVALUATED_STAGES = (PlatformStage.APPROVED, PlatformStage.RECTIFYING)


def _require(round_: Round, *states: str) -> None:
    if round_.status not in states:
        raise ValidationError(
            _("评价轮次当前为“%(state)s”，不能进行此操作。") % {"state": round_.get_status_display()}
        )


def cohort_platforms(system: IndexSystem, region: str) -> list[Platform]:
    platforms = Platform.objects.filter(
        in_region(region, "region"), platform_type__in=system.platform_types, stage__in=EVALUATED_STAGES
    )
    return list(platforms.select_related("host").order_by("name", "pk"))


def create_round(
    system: IndexSystem,
    year: int,
    region: str,
    *,
    by: User | None,
    title: str = "",
    deadline: dt.date | None = None,
) -> Round:
    if Round.objects.filter(system=system, year=year, region_id=region).exists():
        raise ValidationError(_("该指标体系本年度的评价轮次已存在。"))
    return Round.objects.create(
        system=system,
        year=year,
        region_id=region,
        title=title
        or _("%(year)d年度%(name)s") % {"year": year, "name": system.name.removesuffix("指标体系")},
        submission_deadline=deadline,
        created_by=by,
    )


@transaction.atomic
def open_round(round_: Round, *, by: User | None) -> Round:
    """Freeze the index system and give every platform of the cohort its pre-filled form."""
    _require(round_, RoundStatus.DRAFT)
    system = systems.freeze(round_.system)
    platforms = cohort_platforms(system, round_.region_id)
    if not platforms:
        raise ValidationError(_("本地区没有适用该指标体系的已认定平台。"))
    indicators = list(system.indicators.order_by("order", "id"))
    keys = [i.source for i in indicators if i.source]
    for platform in platforms:
        submission = Submission.objects.create(round=round_, platform=platform)
        found = sources.prefill(platform, round_.year, keys)
        SubmissionValue.objects.bulk_create(
            [_prefilled_value(submission, indicator, found.get(indicator.source)) for indicator in indicators]
        )
    round_.status, round_.opened_at = RoundStatus.OPEN, timezone.now()
    round_.save()
    return round_


def _prefilled_value(
    submission: Submission, indicator: Any, found: sources.Prefill | None
) -> SubmissionValue:
    if indicator.method == Method.EXPERT:
        return SubmissionValue(submission=submission, indicator=indicator, source_label=_("专家评分"))
    if found is None:
        return SubmissionValue(submission=submission, indicator=indicator, source_label=_("平台填报"))
    return SubmissionValue(
        submission=submission,
        indicator=indicator,
        value=found.value,
        prefilled=found.value,
        source_label=found.source,
        evidence=found.evidence,
    )


def _decimal(raw: Any, label: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError({label: _("请输入数字。")}) from None
    if not value.is_finite() or value < 0:
        raise ValidationError({label: _("请输入不小于0的数字。")})
    return value


@transaction.atomic
def save_values(
    submission: Submission, values: Mapping[str, Any], evidence: Mapping[str, str], *, note: str | None = None
) -> Submission:
    """The platform's own figures and their explanations (by indicator code); a value that differs from
    the data needs one, and keeps the pre-filled value beside it, so reviewers see both."""
    _require(submission.round, RoundStatus.OPEN)
    if submission.status != SubmissionStatus.DRAFT:
        raise ValidationError(_("已提交的填报不能修改。"))
    errors: dict[str, list[str]] = {}
    for item in submission.values.select_related("indicator"):
        code = item.indicator.code
        if item.indicator.method == Method.EXPERT or code not in values:
            continue
        try:
            item.value = _decimal(values[code], code)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if code in evidence:
            item.explanation = evidence[code].strip()
        if item.changed and not item.explanation:
            errors[code] = [_("与系统数据不一致，请说明理由并提供佐证。")]
        item.save()
    if errors:
        raise ValidationError(errors)
    if note is not None:
        submission.note = note
        submission.save()
    return submission


@transaction.atomic
def submit(submission: Submission, *, by: User | None) -> Submission:
    _require(submission.round, RoundStatus.OPEN)
    missing = [
        v.indicator.name
        for v in submission.values.select_related("indicator")
        if v.indicator.method != Method.EXPERT and v.value is None and not v.indicator.is_bonus
    ]
    if missing:
        raise ValidationError(_("以下指标尚未填报：%(names)s") % {"names": "、".join(missing)})
    submission.status, submission.submitted_at, submission.submitted_by = (
        SubmissionStatus.SUBMITTED,
        timezone.now(),
        by,
    )
    submission.save()
    return submission


@transaction.atomic
def start_review(round_: Round) -> Round:
    """Close the forms; a platform that did not submit is evaluated on what it has (the data)."""
    _require(round_, RoundStatus.OPEN)
    round_.status = RoundStatus.REVIEWING
    round_.save()
    return round_


@transaction.atomic
def assign_reviewer(submission: Submission, person: Person, *, by: User | None) -> Review:
    """Invite an expert to score a submission; refused with the reasons when they are in conflict."""
    _require(submission.round, RoundStatus.OPEN, RoundStatus.REVIEWING)
    if not conflicts.reviewer_pool().filter(pk=person.pk).exists():
        raise ValidationError(_("%(name)s 不在评审专家库中。") % {"name": person.name})
    reasons = conflicts.conflicts(person, submission.platform)
    if reasons:
        raise ValidationError(
            _("%(name)s 须回避：%(reasons)s") % {"name": person.name, "reasons": "；".join(reasons)}
        )
    review, _created = Review.objects.get_or_create(
        submission=submission, reviewer=person, defaults={"assigned_by": by}
    )
    return review


@transaction.atomic
def assign_panel(
    round_: Round, *, by: User | None, seeds: random.Random | None = None
) -> dict[int, list[str]]:
    """Give each submission the round's number of experts by a logged random draw from the pool,
    leaving out those in conflict (evaluation.draws); returns the submissions left short, with why.
    `seeds` gives each draw's seed where a run must come out the same every time (the demo)."""
    short: dict[int, list[str]] = {}
    for submission in round_.submissions.select_related("platform").order_by("pk"):
        wanted = round_.reviewers_per_submission - submission.reviews.count()
        if wanted <= 0:
            continue
        seed = seeds.getrandbits(draws.SEED_BITS) if seeds else None
        if len(draws.draw_reviewers(submission, wanted, by=by, seed=seed).drawn) < wanted:
            short[submission.pk] = [_("无冲突的专家不足 %(n)d 位") % {"n": round_.reviewers_per_submission}]
    return short


def expert_indicators(round_: Round) -> list[Any]:
    return list(round_.system.indicators.filter(method=Method.EXPERT).order_by("order", "id"))


@transaction.atomic
def record_review(review: Review, scores: Mapping[str, Any], comment: str) -> Review:
    """An expert's scores (0–100) of every expert-scored indicator; conflicts are checked again."""
    _require(review.submission.round, RoundStatus.REVIEWING)
    reasons = conflicts.conflicts(review.reviewer, review.submission.platform)
    if reasons:
        raise ValidationError(_("须回避：%(reasons)s") % {"reasons": "；".join(reasons)})
    cleaned, errors = {}, {}
    for indicator in expert_indicators(review.submission.round):
        try:
            value = _decimal(scores.get(indicator.code), indicator.code)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if value is None:
            errors[indicator.code] = [_("请评分。")]
        elif value > 100:
            errors[indicator.code] = [_("评分为0–100分。")]
        else:
            cleaned[indicator.code] = str(value)
    if errors:
        raise ValidationError(errors)
    review.scores, review.comment = cleaned, comment.strip()
    review.status, review.submitted_at = ReviewStatus.SUBMITTED, timezone.now()
    review.save()
    return review


def _entry(submission: Submission) -> scoring.Entry:
    values = {v.indicator.code: v.value for v in submission.values.select_related("indicator")}
    expert: dict[str, Decimal | None] = {}
    done = [r for r in submission.reviews.all() if r.status == ReviewStatus.SUBMITTED]
    for code in {code for review in done for code in review.scores}:
        marks = [Decimal(review.scores[code]) for review in done if code in review.scores]
        expert[code] = sum(marks, Decimal(0)) / len(marks) if marks else None
    return scoring.Entry(submission.pk, values, expert)


@transaction.atomic
def compute_results(round_: Round) -> list[Result]:
    """Score, rank and grade every submission by the round's frozen index system."""
    _require(round_, RoundStatus.REVIEWING, RoundStatus.SCORED, RoundStatus.PUBLICIZING)
    pending = Review.objects.filter(submission__round=round_, status=ReviewStatus.ASSIGNED).count()
    if pending:
        raise ValidationError(_("还有 %(n)d 份专家评审未完成。") % {"n": pending})
    spec = systems.spec_of(round_.system)
    submissions = list(round_.submissions.prefetch_related("reviews").select_related("platform"))
    names = {i.code: i.name for i in spec.indicators}
    results = []
    for scored in scoring.score_cohort(spec, [_entry(s) for s in submissions]):
        entry = next(s for s in submissions if s.pk == scored.key)
        values = {v.indicator.code: v.value for v in entry.values.select_related("indicator")}
        breakdown = [
            {
                "code": i.code,
                "name": names[i.code],
                "weight": str(i.weight),
                "bonus": i.is_bonus,
                "value": None if values.get(i.code) is None else str(values[i.code]),
                "points": str(scored.points[i.code]),
            }
            for i in spec.indicators
        ]
        result, _created = Result.objects.update_or_create(
            submission=entry,
            defaults={
                "score": scored.score,
                "breakdown": breakdown,
                "rank": scored.rank,
                "cohort": scored.cohort,
                "grade": scored.grade,
            },
        )
        results.append(result)
    if round_.status == RoundStatus.REVIEWING:
        round_.status = RoundStatus.SCORED
        round_.save()
    return results


@transaction.atomic
def start_publicity(round_: Round, start: dt.date, end: dt.date) -> Round:
    """公示: the results are public from `start` to `end`; anyone logged in may object meanwhile."""
    _require(round_, RoundStatus.SCORED)
    if end < start:
        raise ValidationError({"publicity_end": [_("公示结束日期不能早于开始日期。")]})
    round_.status, round_.publicity_start, round_.publicity_end = RoundStatus.PUBLICIZING, start, end
    round_.save()
    return round_


def in_publicity(round_: Round, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        round_.status == RoundStatus.PUBLICIZING
        and round_.publicity_start is not None
        and round_.publicity_start <= today <= round_.publicity_end
    )


def file_objection(result: Result, text: str, *, by: User | None) -> Objection:
    if not in_publicity(result.submission.round):
        raise ValidationError(_("只能在公示期内提出异议。"))
    if not text.strip():
        raise ValidationError({"text": [_("请写明异议内容和理由。")]})
    return Objection.objects.create(result=result, text=text.strip(), filed_by=by)


@transaction.atomic
def handle_objection(
    objection: Objection,
    upheld: bool,
    response: str,
    *,
    by: User | None,
    corrections: Mapping[str, Any] | None = None,
) -> Objection:
    """The bureau's answer. An upheld objection may correct the submission's values (by indicator code);
    the whole round is then scored again, since a correction may move every rank."""
    round_ = objection.result.submission.round
    _require(round_, RoundStatus.PUBLICIZING)
    if objection.status != ObjectionStatus.OPEN:
        raise ValidationError(_("该异议已处理。"))
    if not response.strip():
        raise ValidationError({"response": [_("请填写处理意见。")]})
    if corrections and not upheld:
        raise ValidationError(_("异议不成立时不能更正数据。"))
    if corrections:
        submission = objection.result.submission
        for item in submission.values.select_related("indicator").filter(
            indicator__code__in=list(corrections)
        ):
            item.value = _decimal(corrections[item.indicator.code], item.indicator.code)
            correction = _("异议更正：%(r)s") % {"r": response.strip()}
            item.explanation = f"{item.explanation}\n{correction}" if item.explanation else correction
            item.save()
        compute_results(round_)
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.REJECTED
    objection.response, objection.handled_by, objection.handled_at = response.strip(), by, timezone.now()
    objection.save()
    return objection


@transaction.atomic
def publish(round_: Round, *, by: User | None, document: str, day: dt.date | None = None) -> Round:
    """Publish after the 公示 period with every objection answered; the consequences follow."""
    from evaluation import consequences

    _require(round_, RoundStatus.PUBLICIZING)
    day = day or timezone.localdate()
    if round_.publicity_end and day < round_.publicity_end:
        raise ValidationError(
            _("公示期至 %(end)s 结束，期满后才能发布。") % {"end": round_.publicity_end.isoformat()}
        )
    if Objection.objects.filter(result__submission__round=round_, status=ObjectionStatus.OPEN).exists():
        raise ValidationError(_("还有未处理的公示异议。"))
    if not document.strip():
        raise ValidationError({"document": [_("请填写发布文号。")]})
    round_.status, round_.published_on, round_.document = RoundStatus.PUBLISHED, day, document.strip()
    round_.save()
    consequences.apply(round_, by=by)
    return round_

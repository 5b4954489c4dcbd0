"""Open challenges (揭榜挂帅): publication with weighted judging criteria, applications in the shape of the
criteria, conflicts of interest derived from the data, reviewers drawn at random under constraints with
the seed logged, weighted scores, the award and milestones whose payments are released on acceptance."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import (
    AgreementDraft,
    AgreementStatus,
    ApplicationStatus,
    Challenge,
    ChallengeApplication,
    ChallengeStatus,
    Criterion,
    ExpertProfile,
    Milestone,
    MilestoneStatus,
    ProfileStatus,
    Review,
    ReviewerDraw,
    ReviewStatus,
)
from matching.text import STOPWORDS, words
from registry.models import Person

CONFLICT_YEARS = 3
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    weight: Decimal
    guidance: str = ""


def validate_criteria(criteria: list[CriterionSpec]) -> None:
    if not criteria:
        raise ValidationError(_("请至少设置一项评审指标。"))
    names = [criterion.name.strip() for criterion in criteria]
    if any(not name for name in names) or len(set(names)) != len(names):
        raise ValidationError(_("评审指标名称不能为空，也不能重复。"))
    if any(criterion.weight <= 0 for criterion in criteria):
        raise ValidationError(_("每项评审指标的权重都必须大于 0。"))
    total = sum((criterion.weight for criterion in criteria), Decimal("0"))
    if total != HUNDRED:
        raise ValidationError(
            _("评审指标权重合计须为 100%%，当前为 %(total)s%%。") % {"total": format(total.normalize(), "f")}
        )


def create(challenge: Challenge, criteria: list[CriterionSpec], user: User) -> Challenge:
    """Store a challenge (a draft) with its criteria: everything validated first, one transaction."""
    validate_criteria(criteria)
    challenge.created_by = user
    challenge.full_clean(exclude=["winner"])
    with transaction.atomic():
        challenge.save()
        Criterion.objects.bulk_create(
            Criterion(challenge=challenge, name=c.name.strip(), weight=c.weight, guidance=c.guidance, order=n)
            for n, c in enumerate(criteria)
        )
    return challenge


def publish(challenge: Challenge, today: dt.date | None = None) -> Challenge:
    today = today or timezone.localdate()
    if challenge.status != ChallengeStatus.DRAFT:
        raise ValidationError(_("只有草稿状态的榜单可以发布。"))
    if challenge.deadline <= today:
        raise ValidationError(_("揭榜截止日期必须晚于今天。"))
    challenge.status, challenge.published_at = ChallengeStatus.PUBLISHED, timezone.now()
    challenge.save()
    return challenge


def apply(
    challenge: Challenge,
    user: User,
    team_name: str,
    answers: dict[str, str],
    co_applicant_ids: list[int],
    member_ids: list[int],
) -> ChallengeApplication:
    """An application answers every criterion of the challenge."""
    if challenge.status != ChallengeStatus.PUBLISHED:
        raise ValidationError(_("该榜单当前不接受揭榜申请。"))
    criteria = list(challenge.criteria.all())
    missing = [c.name for c in criteria if not (answers.get(str(c.pk)) or "").strip()]
    if not team_name.strip():
        raise ValidationError({"team_name": _("请填写团队名称。")})
    if missing:
        raise ValidationError(_("请按评审指标填写：%(names)s") % {"names": "、".join(missing)})
    with transaction.atomic():
        application = ChallengeApplication.objects.create(
            challenge=challenge,
            team_name=team_name.strip(),
            applicant_id=user.organization_id,
            answers={str(c.pk): answers[str(c.pk)].strip() for c in criteria},
            submitted_by=user,
        )
        application.co_applicants.set([pk for pk in co_applicant_ids if pk != user.organization_id])
        application.members.set(member_ids)
    return application


# ---- conflicts of interest ------------------------------------------------------------------------


def conflicts(person: Person, application: ChallengeApplication, today: dt.date | None = None) -> list[str]:
    """Why a person may not review an application, from the data (nothing when they may):
    same organization as an applicant, a team member, a technology agreement with an applicant or
    an achievement shared with one within CONFLICT_YEARS years."""
    today = today or timezone.localdate()
    since = today.replace(year=today.year - CONFLICT_YEARS)
    reasons = []
    parties = {application.applicant_id, *application.co_applicants.values_list("pk", flat=True)}
    if person.organization_id in parties:
        reasons.append(_("与申请单位为同一单位"))
    members = set(application.members.values_list("pk", flat=True))
    if person.pk in members:
        reasons.append(_("本人是申请团队成员（共同申请人）"))
    own = Q(seller_person=person) | (
        Q(seller_id=person.organization_id) if person.organization_id else Q(pk=None)
    )
    agreements = AgreementDraft.objects.exclude(status=AgreementStatus.CANCELLED).filter(
        created_at__date__gte=since
    )
    if agreements.filter(own, buyer_id__in=parties).exists() or (
        person.organization_id
        and agreements.filter(buyer_id=person.organization_id, seller_id__in=parties).exists()
    ):
        reasons.append(_("近%(years)d年与申请单位有技术合同往来") % {"years": CONFLICT_YEARS})
    profile = ExpertProfile.objects.filter(person=person).first()
    if profile is not None:
        recent = profile.achievements.filter(Q(published__gte=since) | Q(published__isnull=True))
        shared = recent.filter(Q(owner_id__in=parties) | Q(contributors__person_id__in=members)).distinct()
        if shared.exists():
            reasons.append(
                _("近%(years)d年与申请方共同完成科技成果：%(titles)s")
                % {"years": CONFLICT_YEARS, "titles": "、".join(a.title for a in shared[:3])}
            )
    return reasons


def conflicts_with_challenge(person: Person, challenge: Challenge) -> dict[int, list[str]]:
    """Conflicts of a person with each application of a challenge (only those with any)."""
    found = {}
    for application in challenge.applications.all():
        reasons = conflicts(person, application)
        if reasons:
            found[application.pk] = reasons
    return found


# ---- the reviewer draw -----------------------------------------------------------------------------


def _field_words(text: str) -> set[str]:
    return {word for word in words(text) if len(word) > 1 and word not in STOPWORDS}


def eligible_reviewers(challenge: Challenge, year: int) -> tuple[list[int], list[dict[str, Any]]]:
    """The pool a draw samples from, ordered by key, and everyone left out with the reason."""
    wanted = _field_words(challenge.field)
    approved = ExpertProfile.objects.filter(status=ProfileStatus.APPROVED, available=True)
    people = (
        Person.objects.filter(pk__in=approved.values("person_id"))
        .select_related("expert_profile")
        .order_by("pk")
    )
    pool, excluded = [], []
    for person in people:
        fields = _field_words(f"{person.fields} {person.expert_profile.stated_fields}")
        if wanted and not wanted & fields:
            continue
        load = (
            Review.objects.filter(reviewer=person, invited_at__year=year)
            .values("application__challenge")
            .distinct()
        )
        if load.count() >= challenge.max_reviews_per_year:
            excluded.append(
                {
                    "person": person.pk,
                    "name": person.name,
                    "reason": _("本年度评审已满 %(n)d 次") % {"n": challenge.max_reviews_per_year},
                }
            )
            continue
        clash = conflicts_with_challenge(person, challenge)
        if clash:
            excluded.append(
                {
                    "person": person.pk,
                    "name": person.name,
                    "reason": "；".join(sorted({r for reasons in clash.values() for r in reasons})),
                }
            )
            continue
        pool.append(person.pk)
    return pool, excluded


def sample(pool: list[int], seed: int, count: int) -> list[int]:
    """The draw itself: the same pool and seed always give the same reviewers."""
    return sorted(random.Random(seed).sample(pool, min(count, len(pool))))


def draw_reviewers(challenge: Challenge, user: User, seed: int | None = None) -> ReviewerDraw:
    if challenge.status not in {ChallengeStatus.PUBLISHED, ChallengeStatus.REVIEWING}:
        raise ValidationError(_("只有已发布的榜单可以抽取评审专家。"))
    applications = list(challenge.applications.all())
    if not applications:
        raise ValidationError(_("还没有揭榜申请，无需抽取评审专家。"))
    seed = secrets.randbits(48) if seed is None else seed
    year = timezone.localdate().year
    pool, excluded = eligible_reviewers(challenge, year)
    if len(pool) < challenge.reviewers_per_challenge:
        raise ValidationError(
            _("符合条件的专家只有 %(n)d 位，少于所需的 %(need)d 位。")
            % {"n": len(pool), "need": challenge.reviewers_per_challenge}
        )
    drawn = sample(pool, seed, challenge.reviewers_per_challenge)
    with transaction.atomic():
        record = ReviewerDraw.objects.create(
            challenge=challenge,
            seed=seed,
            pool=pool,
            excluded=excluded,
            drawn=drawn,
            drawn_by=user,
            constraints={
                "field": challenge.field,
                "count": challenge.reviewers_per_challenge,
                "max_reviews_per_year": challenge.max_reviews_per_year,
                "year": year,
                "conflict_years": CONFLICT_YEARS,
            },
        )
        for person_id in drawn:
            for application in applications:
                Review.objects.get_or_create(
                    application=application, reviewer_id=person_id, defaults={"draw": record}
                )
        challenge.status = ChallengeStatus.REVIEWING
        challenge.save()
    return record


def reproduces(draw: ReviewerDraw) -> bool:
    """Whether the logged pool and seed give the logged reviewers again."""
    return sample(draw.pool, draw.seed, draw.constraints.get("count", len(draw.drawn))) == draw.drawn


def invite(challenge: Challenge, person: Person) -> list[Review]:
    """Invite one reviewer by hand; refused when the data show a conflict of interest."""
    clash = conflicts_with_challenge(person, challenge)
    if clash:
        reasons = sorted({reason for found in clash.values() for reason in found})
        raise ValidationError(
            _("%(name)s 存在利益冲突，不能邀请：%(reasons)s")
            % {"name": person.name, "reasons": "；".join(reasons)}
        )
    with transaction.atomic():
        return [
            Review.objects.get_or_create(application=application, reviewer=person)[0]
            for application in challenge.applications.all()
        ]


def submit_review(review: Review, scores: dict[str, Any], comment: str = "") -> Review:
    """Scores 0–100 for every criterion; refused if a conflict has appeared since the invitation."""
    clash = conflicts(review.reviewer, review.application)
    if clash:
        raise ValidationError(_("存在利益冲突，不能评审：%(reasons)s") % {"reasons": "；".join(clash)})
    if review.application.challenge.status != ChallengeStatus.REVIEWING:
        raise ValidationError(_("该榜单不在评审阶段。"))
    clean = {}
    for criterion in review.application.challenge.criteria.all():
        try:
            value = Decimal(str(scores.get(str(criterion.pk), "")).strip())
        except ArithmeticError:
            value = None
        if value is None or not value.is_finite() or not Decimal("0") <= value <= HUNDRED:
            raise ValidationError(_("“%(name)s”的得分须是 0 到 100 之间的数。") % {"name": criterion.name})
        clean[str(criterion.pk)] = str(value)
    review.scores, review.comment = clean, comment.strip()
    review.status, review.submitted_at = ReviewStatus.SUBMITTED, timezone.now()
    review.save()
    return review


def weighted_score(review: Review, criteria: list[Criterion]) -> Decimal:
    return sum(
        (criterion.weight * Decimal(review.scores[str(criterion.pk)]) / HUNDRED for criterion in criteria),
        Decimal("0"),
    ).quantize(Decimal("0.01"))


def ranking(challenge: Challenge) -> list[tuple[ChallengeApplication, Decimal | None, int]]:
    """Applications with their mean weighted score over submitted reviews, best first."""
    criteria = list(challenge.criteria.all())
    rows = []
    for application in challenge.applications.prefetch_related("reviews"):
        done = [r for r in application.reviews.all() if r.status == ReviewStatus.SUBMITTED]
        mean = (
            (sum((weighted_score(r, criteria) for r in done), Decimal("0")) / len(done)).quantize(
                Decimal("0.01")
            )
            if done
            else None
        )
        rows.append((application, mean, len(done)))
    rows.sort(key=lambda row: (row[1] is None, -(row[1] or 0), row[0].pk))
    return rows


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    due: dt.date
    payment_yuan: Decimal


def award(
    challenge: Challenge, application: ChallengeApplication, milestones: list[MilestoneSpec]
) -> Challenge:
    if challenge.status != ChallengeStatus.REVIEWING:
        raise ValidationError(_("只有评审中的榜单可以确定揭榜团队。"))
    if application.challenge_id != challenge.pk:
        raise ValidationError(_("该申请不属于本榜单。"))
    if not application.reviews.filter(status=ReviewStatus.SUBMITTED).exists():
        raise ValidationError(_("该申请还没有评审得分。"))
    if not milestones:
        raise ValidationError(_("请至少设置一个里程碑。"))
    total = sum((m.payment_yuan for m in milestones), Decimal("0"))
    if any(m.payment_yuan <= 0 for m in milestones) or total > challenge.budget_yuan:
        raise ValidationError(_("里程碑拨付金额须大于 0，合计不能超过榜单金额。"))
    with transaction.atomic():
        challenge.applications.exclude(pk=application.pk).update(status=ApplicationStatus.NOT_AWARDED)
        application.status = ApplicationStatus.AWARDED
        application.save()
        challenge.status, challenge.winner = ChallengeStatus.AWARDED, application
        challenge.save()
        for spec in milestones:
            Milestone.objects.create(
                challenge=challenge, title=spec.title, due=spec.due, payment_yuan=spec.payment_yuan
            )
    return challenge


def accept_milestone(milestone: Milestone, user: User) -> Milestone:
    """Accepting a milestone releases its payment."""
    if milestone.status != MilestoneStatus.PENDING:
        raise ValidationError(_("该里程碑已验收。"))
    milestone.status, milestone.accepted_at, milestone.accepted_by = (
        MilestoneStatus.ACCEPTED,
        timezone.now(),
        user,
    )
    milestone.save()
    return milestone


def paid(challenge: Challenge) -> Decimal:
    return sum(
        (m.payment_yuan for m in challenge.milestones.filter(status=MilestoneStatus.ACCEPTED)), Decimal("0")
    )

"""Who may see and do what in performance evaluation; pages, forms and the API all ask here.

- the bureau keeps index systems and runs rounds: opens them, assigns experts, computes results, starts
  公示, answers objections and publishes;
- department officers see every round, submission and result;
- a platform's host (its organization's users) fills in and submits its own form while the round is
  open, and sees its own score sheet once results exist;
- an expert sees and scores only the submissions they were assigned (and no other expert's scores);
- results are public during 公示 and after publication; anyone logged in may object during 公示.
"""

from __future__ import annotations

from django.db.models import QuerySet

from evaluation.models import Result, Review, Round, Submission
from evaluation.vocabulary import RoundStatus, SubmissionStatus
from kechuang.access import AnyUser, is_bureau, is_staff_member, own_organization_id

PUBLIC_STATES = (RoundStatus.PUBLICIZING, RoundStatus.PUBLISHED)


def can_manage(user: AnyUser) -> bool:
    return is_bureau(user)


def can_view_cohort(user: AnyUser) -> bool:
    return is_staff_member(user)


def submissions_for_user(user: AnyUser) -> QuerySet[Submission]:
    submissions = Submission.objects.select_related("round", "platform__host")
    if is_staff_member(user):
        return submissions
    organization_id = own_organization_id(user)
    if organization_id is None:
        return submissions.none()
    return submissions.filter(platform__host_id=organization_id)


def can_view_submission(user: AnyUser, submission: Submission) -> bool:
    if submissions_for_user(user).filter(pk=submission.pk).exists():
        return True
    return reviews_for_user(user).filter(submission=submission).exists()


def can_edit_submission(user: AnyUser, submission: Submission) -> bool:
    if submission.round.status != RoundStatus.OPEN or submission.status != SubmissionStatus.DRAFT:
        return False
    organization_id = own_organization_id(user)
    return is_bureau(user) or (organization_id is not None and submission.platform.host_id == organization_id)


def reviews_for_user(user: AnyUser) -> QuerySet[Review]:
    """An expert's own assignments (through the registry person their login is)."""
    if not user.is_authenticated:
        return Review.objects.none()
    return Review.objects.filter(reviewer__user=user).select_related(
        "submission__platform", "submission__round"
    )


def can_review(user: AnyUser, review: Review) -> bool:
    return (
        review.submission.round.status == RoundStatus.REVIEWING
        and reviews_for_user(user).filter(pk=review.pk).exists()
    )


def results_for_user(user: AnyUser) -> QuerySet[Result]:
    """What a user may read: all for staff, the host's own once computed, all during 公示 and after."""
    results = Result.objects.select_related("submission__platform__host", "submission__round")
    if is_staff_member(user):
        return results
    public = results.filter(submission__round__status__in=PUBLIC_STATES)
    organization_id = own_organization_id(user)
    if organization_id is None:
        return public
    return public | results.filter(submission__platform__host_id=organization_id)


def can_view_round(user: AnyUser, round_: Round) -> bool:
    return is_staff_member(user) or round_.status in PUBLIC_STATES


def can_object(user: AnyUser, round_: Round) -> bool:
    return user.is_authenticated and round_.status == RoundStatus.PUBLICIZING

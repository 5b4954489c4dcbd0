"""Who may do what in the matching app, built on kechuang.access. Pages, forms and the API all ask these.

- everyone searches public records; government staff also find policy drafts and unpublished challenges;
- a need's own enterprise (and the bureau) works its candidates: contact, accept, decline;
- the bureau tunes match weights, keeps the synonym vocabulary, rebuilds the index, approves expert
  profiles, draws reviewers, awards challenges and accepts milestones;
- the bureau or an enterprise publishes a challenge; any organization's user applies to a published one;
- an expert keeps their own profile and scores only the reviews they were invited to, never with a conflict.
"""

from __future__ import annotations

from typing import Any

from kechuang.access import AnyUser, is_bureau, is_staff_member, own_organization_id


def sees_drafts(user: AnyUser) -> bool:
    return is_staff_member(user)


def can_work_need(user: AnyUser, need: Any) -> bool:
    """Contact, accept or decline a need's candidates."""
    return is_bureau(user) or (
        own_organization_id(user) is not None and own_organization_id(user) == need.enterprise_id
    )


def can_tune(user: AnyUser) -> bool:
    return is_bureau(user)


def can_view_funnel(user: AnyUser) -> bool:
    return is_staff_member(user)


def can_view_challenge(user: AnyUser, challenge: Any) -> bool:
    return challenge.status != "draft" or can_manage_challenge(user, challenge)


def can_publish_challenge(user: AnyUser) -> bool:
    return is_bureau(user) or own_organization_id(user) is not None


def can_manage_challenge(user: AnyUser, challenge: Any) -> bool:
    return is_bureau(user) or (
        own_organization_id(user) is not None and own_organization_id(user) == challenge.publisher_id
    )


def can_apply(user: AnyUser, challenge: Any) -> bool:
    return (
        challenge.status == "published"
        and own_organization_id(user) is not None
        and own_organization_id(user) != challenge.publisher_id
    )


def can_draw_reviewers(user: AnyUser) -> bool:
    return is_bureau(user)


def can_award(user: AnyUser) -> bool:
    return is_bureau(user)


def can_review(user: AnyUser, review: Any) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person is not None and review.reviewer_id == person.pk


def can_keep_profile(user: AnyUser, person: Any) -> bool:
    return is_bureau(user) or (user.is_authenticated and person.user_id == user.pk)


def can_approve_profiles(user: AnyUser) -> bool:
    return is_bureau(user)

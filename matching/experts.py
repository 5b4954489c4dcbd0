"""The expert and talent library: fields an expert states and fields derived from their achievements,
agreements and reviews; the profile the expert keeps and the bureau approves; the expert's home."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from matching.models import (
    AgreementDraft,
    CandidateStatus,
    ExpertProfile,
    Kind,
    MatchCandidate,
    Notice,
    ProfileStatus,
    Review,
)
from matching.text import STOPWORDS, words
from registry.models import Person, TechnologyNeed


def derived_fields(person: Person, limit: int = 8) -> list[tuple[str, int]]:
    """Field words with how often the expert's record supports them: stated fields, the fields of
    achievements they contributed to, of needs they were accepted for and of challenges they reviewed."""
    counts: Counter = Counter()
    profile = getattr(person, "expert_profile", None)
    texts = [person.fields]
    if profile is not None:
        texts.append(profile.stated_fields)
        texts.extend(profile.achievements.values_list("field", flat=True))
    texts.extend(AgreementDraft.objects.filter(seller_person=person).values_list("need__field", flat=True))
    texts.extend(
        Review.objects.filter(reviewer=person).values_list("application__challenge__field", flat=True)
    )
    for text in texts:
        for word in words(text or ""):
            if len(word) > 1 and word not in STOPWORDS:
                counts[word] += 1
    return counts.most_common(limit)


def save_profile(
    person: Person,
    user: User,
    stated_fields: str,
    statement: str,
    available: bool,
    achievement_ids: list[int],
) -> ExpertProfile:
    """The expert's own edit: it goes back to the bureau for approval."""
    with transaction.atomic():
        profile, _created = ExpertProfile.objects.get_or_create(person=person)
        profile.stated_fields, profile.statement, profile.available = stated_fields, statement, available
        profile.status = ProfileStatus.PENDING
        profile.save()
        profile.achievements.set(achievement_ids)
    return profile


def review_profile(profile: ExpertProfile, user: User, approve: bool) -> ExpertProfile:
    profile.status = ProfileStatus.APPROVED if approve else ProfileStatus.REJECTED
    profile.reviewed_by, profile.reviewed_at = user, timezone.now()
    profile.save()
    return profile


def home_context(user: User) -> dict[str, Any]:
    person = Person.objects.filter(user=user).select_related("organization").first()
    context: dict[str, Any] = {
        "notices": Notice.objects.filter(user=user).order_by("-pk")[:30],
        "person": person,
        "needs": TechnologyNeed.objects.filter(enterprise_id=user.organization_id).order_by("-pk")[:50]
        if user.organization_id
        else [],
    }
    if person is not None:
        context["reviews"] = (
            Review.objects.filter(reviewer=person)
            .select_related("application__challenge")
            .order_by("status", "-pk")
        )
        context["matched_needs"] = (
            MatchCandidate.objects.filter(kind=Kind.PERSON, object_id=person.pk)
            .exclude(status=CandidateStatus.DECLINED)
            .select_related("need__enterprise")
        )
        context["profile"] = ExpertProfile.objects.filter(person=person).first()
        context["derived_fields"] = derived_fields(person)
    return context

"""Conflicts of interest (利益冲突回避) of an expert with a platform under evaluation, from the data:

- the expert works for the platform's host or one of its partners (同一单位);
- recent cooperation (近 CONFLICT_YEARS 年合作): a registered technology contract between the expert's
  organization and the host or a partner (transfer), a technology agreement the expert or their
  organization made with one of them (matching), or an achievement the expert contributed to that one of
  them owns (matching's expert profile).

Reviewers are drawn from the registry's experts; where the matching app keeps an expert library, only
its approved, available experts.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.models import Person, Platform
from registry.vocabulary import PersonCategory

CONFLICT_YEARS = 3


def parties(platform: Platform) -> set[int]:
    return {platform.host_id, *platform.partners.values_list("pk", flat=True)}


def conflicts(person: Person, platform: Platform, today: dt.date | None = None) -> list[str]:
    """Why `person` may not review `platform` (nothing when they may)."""
    today = today or timezone.localdate()
    since = today.replace(year=today.year - CONFLICT_YEARS)
    reasons: list[str] = []
    own = person.organization_id
    involved = parties(platform)
    if own == platform.host_id:
        reasons.append(_("与被评平台依托单位为同一单位"))
    elif own in involved:
        reasons.append(_("与被评平台共建单位为同一单位"))
    years = {"years": CONFLICT_YEARS}
    if own and apps.is_installed("transfer"):
        from transfer.models import Contract

        others = involved - {own}
        contracts = Contract.objects.registered().filter(registered__gte=since)
        if contracts.filter(
            Q(seller_id=own, buyer_id__in=others) | Q(buyer_id=own, seller_id__in=others)
        ).exists():
            reasons.append(_("近%(years)d年所在单位与被评平台有登记的技术合同") % years)
    if apps.is_installed("matching"):
        reasons.extend(_matching_conflicts(person, involved, since))
    return reasons


def _matching_conflicts(person: Person, involved: set[int], since: dt.date) -> list[str]:
    from matching.models import AgreementDraft, AgreementStatus, ExpertProfile

    reasons = []
    years = {"years": CONFLICT_YEARS}
    own = person.organization_id
    seller = Q(seller_person=person) | (Q(seller_id=own) if own else Q(pk=None))
    agreements = AgreementDraft.objects.exclude(status=AgreementStatus.CANCELLED).filter(
        created_at__date__gte=since
    )
    others = involved - {own}
    if agreements.filter(seller, buyer_id__in=others).exists() or (
        own and agreements.filter(buyer_id=own, seller_id__in=others).exists()
    ):
        reasons.append(_("近%(years)d年与被评平台单位有技术合作协议") % years)
    profile = ExpertProfile.objects.filter(person=person).first()
    if profile is not None:
        shared = profile.achievements.filter(owner_id__in=involved).filter(
            Q(published__gte=since) | Q(published__isnull=True)
        )
        if shared.exists():
            titles = "、".join(achievement.title for achievement in shared[:3])
            reasons.append(
                _("近%(years)d年参与被评平台单位的科技成果：%(titles)s") % {**years, "titles": titles}
            )
    return reasons


def reviewer_pool() -> QuerySet[Person]:
    """The experts a round may invite: the matching library's approved, available experts where it is
    installed and holds any, else the registry's experts."""
    experts = Person.objects.filter(category=PersonCategory.EXPERT).select_related("organization")
    if apps.is_installed("matching"):
        from matching.models import ExpertProfile, ProfileStatus

        library = ExpertProfile.objects.filter(status=ProfileStatus.APPROVED, available=True)
        if library.exists():
            return experts.filter(pk__in=library.values("person_id"))
    return experts

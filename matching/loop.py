"""The closed loop of a need: candidates proposed, contacted, accepted (which opens an agreement draft)
or declined with a typed reason, then the draft registered as a technology contract. Every step is dated
and attributed in the records' history (simple-history).

The technology-contract app reads `open_drafts()` and calls `mark_registered()`; the funnel counts
needs → matched → contacted → agreed → registered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import (
    AgreementDraft,
    AgreementStatus,
    CandidateStatus,
    DeclineReason,
    Kind,
    MatchCandidate,
)
from matching.scoring import match_need
from registry.models import Organization, Person, TechnologyNeed
from registry.region_lookups import in_region

PROPOSED = 10


def propose(need: TechnologyNeed, user: User | None = None, limit: int = PROPOSED) -> list[MatchCandidate]:
    """Record the best candidates of a need; candidates already worked keep their status and history."""
    found = match_need(need, limit=limit)
    with transaction.atomic():
        existing = {
            (c.kind, c.object_id): c for c in MatchCandidate.objects.select_for_update().filter(need=need)
        }
        for rank, candidate in enumerate(found, start=1):
            reasons = [reason.as_json() for reason in candidate.reasons]
            organization_id = (
                candidate.id if candidate.kind == Kind.ORGANIZATION else candidate.organization_id
            )
            row = existing.get((candidate.kind, candidate.id))
            if row is None:
                row = MatchCandidate(need=need, kind=candidate.kind, object_id=candidate.id, updated_by=user)
            if row.pk and (row.rank, row.reasons) == (rank, reasons):
                continue
            row.title, row.rank, row.score, row.reasons = candidate.title, rank, candidate.score, reasons
            row.organization_id = organization_id
            row.save()
    return list(MatchCandidate.objects.filter(need=need).order_by("rank", "pk"))


def _move(candidate: MatchCandidate, user: User, status: str, allowed: set[str]) -> None:
    if candidate.status not in allowed:
        raise ValidationError(
            _("该候选当前状态为“%(status)s”，不能执行此操作。") % {"status": candidate.get_status_display()}
        )
    candidate.status = status
    candidate.updated_by = user


def contact(candidate: MatchCandidate, user: User) -> MatchCandidate:
    with transaction.atomic():
        _move(candidate, user, CandidateStatus.CONTACTED, {CandidateStatus.PROPOSED})
        candidate.contacted_at = timezone.now()
        candidate.save()
    return candidate


def decline(candidate: MatchCandidate, user: User, reason: str, note: str = "") -> MatchCandidate:
    """A decline needs a typed reason, and a note when the reason is 'other'."""
    note = note.strip()
    errors = {}
    if reason not in DeclineReason.values:
        errors["reason"] = _("请选择婉拒原因。")
    elif reason == DeclineReason.OTHER and not note:
        errors["note"] = _("选择“其他原因”时请写明原因。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _move(
            candidate, user, CandidateStatus.DECLINED, {CandidateStatus.PROPOSED, CandidateStatus.CONTACTED}
        )
        candidate.decline_reason, candidate.decline_note = reason, note
        candidate.decided_at = timezone.now()
        candidate.save()
    return candidate


def accept(
    candidate: MatchCandidate,
    user: User,
    contract_type: str = "development",
    amount_yuan: Decimal | None = None,
) -> AgreementDraft:
    """Accepting a candidate opens the draft of a technology agreement between the need's enterprise and
    the candidate's organization (or the expert)."""
    seller, seller_person = _seller(candidate)
    with transaction.atomic():
        _move(
            candidate, user, CandidateStatus.ACCEPTED, {CandidateStatus.PROPOSED, CandidateStatus.CONTACTED}
        )
        now = timezone.now()
        candidate.decided_at = now
        candidate.contacted_at = candidate.contacted_at or now
        candidate.save()
        need = candidate.need
        draft = AgreementDraft(
            candidate=candidate,
            need=need,
            buyer_id=need.enterprise_id,
            seller=seller,
            seller_person=seller_person,
            title=_("%(need)s 技术合同（草稿）") % {"need": need.title},
            contract_type=contract_type,
            amount_yuan=amount_yuan,
            created_by=user,
        )
        draft.full_clean()
        draft.save()
    return draft


def _seller(candidate: MatchCandidate) -> tuple[Organization | None, Person | None]:
    if candidate.kind == Kind.PERSON:
        person = Person.objects.select_related("organization").filter(pk=candidate.object_id).first()
        return (person.organization if person else None), person
    if candidate.organization_id:
        return Organization.objects.filter(pk=candidate.organization_id).first(), None
    return None, None


def open_drafts() -> QuerySet[AgreementDraft]:
    """Agreement drafts not yet registered: what the technology-contract app offers to register."""
    return AgreementDraft.objects.filter(status=AgreementStatus.DRAFT).select_related(
        "buyer", "seller", "need"
    )


def mark_registered(draft: AgreementDraft, registration_no: str, registered_on: dt.date) -> AgreementDraft:
    """Called when the contract of a draft is registered (技术合同登记): the funnel's last step."""
    if not registration_no.strip():
        raise ValidationError({"registration_no": _("请填写登记编号。")})
    with transaction.atomic():
        draft.status = AgreementStatus.REGISTERED
        draft.registration_no = registration_no.strip()
        draft.registered_on = registered_on
        draft.save()
    return draft


FUNNEL_STEPS = ("needs", "matched", "contacted", "agreed", "registered")
FUNNEL_LABELS = {
    "needs": "技术需求",
    "matched": "已匹配",
    "contacted": "已联系",
    "agreed": "达成意向",
    "registered": "合同登记",
}


def funnel(region: str = "", field: str = "") -> dict[str, int]:
    """How many needs reached each step, for needs of enterprises in a region and of a field."""
    needs = TechnologyNeed.objects.all()
    if region:
        needs = needs.filter(in_region(region, "enterprise__region"))
    if field:
        needs = needs.filter(field=field)
    candidates = MatchCandidate.objects.filter(need=OuterRef("pk"))
    drafts = AgreementDraft.objects.filter(need=OuterRef("pk")).exclude(status=AgreementStatus.CANCELLED)
    annotated = needs.annotate(
        matched=Exists(candidates),
        contacted=Exists(
            candidates.exclude(status=CandidateStatus.PROPOSED).exclude(
                status=CandidateStatus.DECLINED, contacted_at__isnull=True
            )
        ),
        agreed=Exists(drafts),
        registered=Exists(drafts.filter(status=AgreementStatus.REGISTERED)),
    )
    counts: dict[str, Any] = {"needs": annotated.count()}
    for step in FUNNEL_STEPS[1:]:
        counts[step] = annotated.filter(**{step: True}).count()
    return counts

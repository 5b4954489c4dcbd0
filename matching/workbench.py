"""Matching's workbench items (kechuang/workbench.py): an expert's profile, the reviews assigned to them
and the needs they were matched to; an enterprise's own technology needs; expert profiles waiting for the
bureau's approval."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kechuang.access import AnyUser, is_staff_member, own_organization_id
from kechuang.workbench import MINE, TODO, Item
from matching import permissions
from matching.models import (
    CandidateStatus,
    ExpertProfile,
    Kind,
    MatchCandidate,
    ProfileStatus,
    Review,
    ReviewStatus,
)
from registry.models import Person, TechnologyNeed
from registry.vocabulary import NeedStatus


def items(user: AnyUser) -> Iterator[Item]:
    if not user.is_authenticated:
        return
    if permissions.can_approve_profiles(user):
        yield Item(
            TODO,
            _("待审核的专家档案"),
            reverse("matching:expert_library"),
            count=ExpertProfile.objects.filter(status=ProfileStatus.PENDING).count(),
            order=60,
            key="matching.profiles_waiting",
        )
    person = Person.objects.filter(user_id=user.pk).first()
    if person is not None:
        yield from _expert(person)
    organization_id = own_organization_id(user)
    if organization_id is not None and not is_staff_member(user):
        needs = TechnologyNeed.objects.filter(
            enterprise_id=organization_id, status__in=[NeedStatus.OPEN, NeedStatus.MATCHING]
        )
        yield Item(
            MINE,
            _("本单位的技术需求"),
            reverse("matching:needs"),
            count=needs.count(),
            detail=_("征集中或对接中，可查看推荐的对接候选"),
            order=30,
            key="matching.own_needs",
        )


def _expert(person: Person) -> Iterator[Item]:
    home = reverse("matching:home")
    pending = list(
        Review.objects.filter(reviewer=person, status=ReviewStatus.INVITED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    yield Item(
        TODO,
        _("待评审"),
        # One review waiting: straight to its scoring form.
        reverse("matching:review", args=[pending[0]]) if len(pending) == 1 else home + "#expert-reviews",
        count=len(pending),
        detail=_("揭榜挂帅申请的评分"),
        urgent=True,
        order=10,
        key="matching.reviews",
    )
    matched = MatchCandidate.objects.filter(kind=Kind.PERSON, object_id=person.pk).exclude(
        status=CandidateStatus.DECLINED
    )
    yield Item(
        MINE,
        _("与我匹配的技术需求"),
        home + "#expert-needs",
        count=matched.count(),
        order=20,
        key="matching.matched_needs",
    )
    profile = ExpertProfile.objects.filter(person=person).first()
    yield Item(
        MINE,
        _("我的专家档案"),
        reverse("matching:expert_profile"),
        detail=profile.get_status_display() if profile else _("尚未建立，点此填写"),
        order=5,
        key="matching.profile",
    )

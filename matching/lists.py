"""The columns of the challenge list, the expert library and the need list: what their pages sort by and
what their exports write (kechuang.listing)."""

from __future__ import annotations

from operator import attrgetter, methodcaller

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kechuang.listing import Column, in_choice_order
from matching.models import ChallengeStatus, ExpertProfile, ProfileStatus

CHALLENGE_COLUMNS = (
    Column(_("榜单名称"), attrgetter("title"), key="title"),
    Column(_("发榜单位"), attrgetter("publisher.name"), key="publisher", order_by=("publisher__name",)),
    Column(_("技术领域"), attrgetter("field"), key="field"),
    Column(_("榜单金额（元）"), attrgetter("budget_yuan"), key="budget", order_by=("budget_yuan",)),
    Column(_("揭榜截止日期"), attrgetter("deadline"), key="deadline"),
    Column(
        _("状态"),
        methodcaller("get_status_display"),
        key="status",
        order_by=(in_choice_order("status", ChallengeStatus.choices),),
    ),
)


def _organization(profile: ExpertProfile) -> str:
    organization = profile.person.organization
    return organization.name if organization else ""


PROFILE_COLUMNS = (
    Column(_("专家"), attrgetter("person.name"), key="name", order_by=("person__name",)),
    Column(_("所在单位"), _organization, key="organization", order_by=("person__organization__name",)),
    Column(_("自述专业领域"), attrgetter("stated_fields"), key="fields", order_by=("stated_fields",)),
    Column(_("更新时间"), lambda profile: profile.updated_at.date(), key="updated", order_by=("updated_at",)),
    Column(
        _("入库状态"),
        methodcaller("get_status_display"),
        key="status",
        order_by=(in_choice_order("status", ProfileStatus.choices),),
    ),
    Column("", exported=False),
)


def _candidates_link(need: object) -> str:
    return reverse("matching:need_candidates", args=[need.pk])


NEED_COLUMNS = (
    Column(_("需求名称"), attrgetter("title"), key="title", link=_candidates_link),
    Column(_("需求企业"), attrgetter("enterprise.name"), key="enterprise", order_by=("enterprise__name",)),
    Column(_("技术领域"), attrgetter("field"), key="field"),
)

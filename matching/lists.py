"""The challenge list's columns: what its page sorts by and what its export writes (kechuang.listing)."""

from __future__ import annotations

from operator import attrgetter, methodcaller

from django.utils.translation import gettext_lazy as _

from kechuang.listing import Column, in_choice_order
from matching.models import ChallengeStatus

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

"""The voucher list's columns: what its page sorts by and what its export writes (kechuang.listing)."""

from __future__ import annotations

from operator import attrgetter, methodcaller

from django.utils.translation import gettext_lazy as _

from kechuang.listing import Column, in_choice_order
from sharing.vocabulary import SettlementMode, VoucherStatus

VOUCHER_COLUMNS = (
    Column(_("编号"), attrgetter("pk"), key="number", order_by=("pk",)),
    Column(_("申领企业"), attrgetter("enterprise.name"), key="enterprise", order_by=("enterprise__name",)),
    Column(_("年度"), attrgetter("year"), key="year"),
    Column(
        _("预计服务费（元）"), attrgetter("planned_cost_yuan"), key="cost", order_by=("planned_cost_yuan",)
    ),
    Column(
        _("兑付方式"),
        methodcaller("get_settlement_mode_display"),
        key="mode",
        order_by=(in_choice_order("settlement_mode", SettlementMode.choices),),
    ),
    Column(
        _("状态"),
        methodcaller("get_status_display"),
        key="status",
        order_by=(in_choice_order("status", VoucherStatus.choices),),
    ),
    Column(_("使用截止日"), attrgetter("deadline"), key="deadline"),
)

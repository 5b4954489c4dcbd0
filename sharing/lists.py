"""The voucher and booking lists' columns: what their pages sort by and what their exports write
(kechuang.listing)."""

from __future__ import annotations

from operator import attrgetter, methodcaller

from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from kechuang.listing import Column, in_choice_order
from sharing.models import Booking
from sharing.vocabulary import BookingStatus, SettlementMode, VoucherStatus

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


def _time(booking: Booking) -> str:
    start, end = localtime(booking.start), localtime(booking.end)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


def _booker(booking: Booking) -> str:
    return booking.organization.name if booking.organization_id else str(booking.requester)


BOOKING_COLUMNS = (
    Column(
        _("仪器"),
        attrgetter("shared.instrument.name"),
        key="instrument",
        order_by=("shared__instrument__name",),
    ),
    Column(_("时间"), _time, key="start"),
    Column(_("预约单位"), _booker, key="organization", order_by=("organization__name",)),
    Column(_("用途"), attrgetter("purpose")),
    Column(
        _("状态"),
        methodcaller("get_status_display"),
        key="status",
        order_by=(in_choice_order("status", BookingStatus.choices),),
    ),
    Column("", exported=False),
)

"""Sharing's workbench items (kechuang/workbench.py): vouchers and claims waiting for the bureau;
bookings to approve and usage to record for an instrument's owner; a user's coming bookings and vouchers."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kechuang.access import AnyUser, is_bureau, is_staff_member, own_organization_id
from kechuang.workbench import MINE, TODO, Item
from sharing import permissions, queues
from sharing.vocabulary import VoucherStatus


def _bookings(show: str) -> str:
    return reverse("sharing:bookings") + f"?show={show}"


def _vouchers(show: str) -> str:
    return reverse("sharing:vouchers") + f"?show={show}"


def items(user: AnyUser) -> Iterator[Item]:
    if not user.is_authenticated:
        return
    if is_bureau(user):
        yield Item(
            TODO,
            _("待审批的创新券"),
            _vouchers("waiting"),
            count=queues.vouchers_waiting().count(),
            order=50,
            key="sharing.vouchers_waiting",
        )
        yield Item(
            TODO,
            _("待审核的创新券兑付"),
            _vouchers("claims"),
            count=queues.vouchers_with_claims_waiting().count(),
            order=51,
            key="sharing.claims_waiting",
        )
        return
    if own_organization_id(user) is None:
        return
    if permissions.managed_instruments(user).exists():
        yield Item(
            TODO,
            _("待审批的仪器预约"),
            _bookings("waiting"),
            count=queues.bookings_waiting(user).count(),
            urgent=True,
            order=20,
            key="sharing.bookings_waiting",
        )
        yield Item(
            TODO,
            _("待登记的使用记录"),
            _bookings("usage_due"),
            count=queues.usages_due(user).count(),
            detail=_("已结束、尚未登记上机记录的预约"),
            order=21,
            key="sharing.usages_due",
        )
    if is_staff_member(user):
        return
    yield Item(
        MINE,
        _("我的仪器预约"),
        _bookings("upcoming"),
        count=queues.upcoming_bookings(user).count(),
        detail=_("待审批或已批准、尚未结束"),
        order=40,
        key="sharing.upcoming_bookings",
    )
    if permissions.can_apply_for_voucher(user):
        vouchers = permissions.vouchers_for_user(user).filter(enterprise_id=own_organization_id(user))
        yield Item(
            MINE,
            _("我的创新券"),
            reverse("sharing:vouchers"),
            count=vouchers.filter(status=VoucherStatus.APPROVED).count(),
            detail=_("已发放、可用于兑付"),
            order=41,
            key="sharing.vouchers",
        )

"""Usage records (上机记录) and their fees: the rate for the user's kind times the hours used."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from registry.models import Organization
from sharing import permissions
from sharing.models import Booking, Rate, SharedInstrument, Usage
from sharing.vocabulary import BookingStatus

FEN = Decimal("0.01")


class UsageRefused(Exception):
    """A usage record cannot be written; the message says why, in Chinese."""


def fee_for(shared: SharedInstrument, user_kind: str, start: dt.datetime, end: dt.datetime) -> Decimal:
    rate = (
        Rate.objects.filter(shared=shared, user_kind=user_kind)
        .values_list("yuan_per_hour", flat=True)
        .first()
    )
    if rate is None:
        return Decimal("0.00")
    hours = Decimal((end - start).total_seconds()) / 3600
    return (rate * hours).quantize(FEN, ROUND_HALF_UP)


def record(
    user: User,
    shared: SharedInstrument,
    start: dt.datetime,
    end: dt.datetime,
    operator: str,
    samples: int = 0,
    sample_note: str = "",
    booking: Booking | None = None,
    organization: Organization | None = None,
    user_kind: str | None = None,
) -> Usage:
    """Write what happened on the instrument; with a booking, the usage is that booking's."""
    if not permissions.can_record_usage(user, shared):
        raise UsageRefused(_("只有仪器所属单位可以登记使用记录。"))
    if end <= start:
        raise UsageRefused(_("结束时间必须晚于开始时间。"))
    if not operator.strip():
        raise UsageRefused(_("请填写操作人员。"))
    if booking is not None:
        if booking.shared_id != shared.pk:
            raise UsageRefused(_("预约不属于这台仪器。"))
        if booking.status != BookingStatus.APPROVED:
            raise UsageRefused(_("只有已批准的预约可以登记使用。"))
        organization, user_kind = booking.organization, booking.user_kind
    if user_kind is None:
        raise UsageRefused(_("请选择用户类别。"))
    with transaction.atomic():
        if booking is not None and Usage.objects.select_for_update().filter(booking=booking).exists():
            raise UsageRefused(_("这条预约已登记过使用记录。"))
        return Usage.objects.create(
            shared=shared,
            booking=booking,
            organization=organization,
            user_kind=user_kind,
            start=start,
            end=end,
            operator=operator.strip(),
            samples=samples,
            sample_note=sample_note.strip(),
            fee_yuan=fee_for(shared, user_kind, start, end),
            recorded_by=user,
        )

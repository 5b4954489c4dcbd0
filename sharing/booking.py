"""Booking an instrument: the rules a request must meet, approval, cancellation, recurring series and
moving one booking of a series.

The rules are checked here so that a refusal can say why; overlap is checked here too, for the same
reason, but the guarantee is the database's (migration 0002): two requests racing for one slot both
pass the check, and the second insert fails with an IntegrityError, which becomes the same refusal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from sharing import permissions
from sharing.models import Booking, MaintenanceWindow, Series, SharedInstrument, Training
from sharing.vocabulary import ACTIVE_BOOKING_STATES, BookingStatus, RunningStatus, UserKind

MAX_SERIES = 52


class BookingRefused(Exception):
    """A booking cannot be made or changed; the message says why, in Chinese."""


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime


def user_kind_for(user: User, shared: SharedInstrument) -> str:
    """Which rate applies: the owner's own people, enterprises, or anyone else."""
    organization = user.organization
    if organization is None:
        return UserKind.EXTERNAL
    if organization.pk == shared.instrument.owner_id:
        return UserKind.INTERNAL
    return UserKind.ENTERPRISE if organization.kind == "enterprise" else UserKind.EXTERNAL


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def _when(moment: dt.datetime) -> str:
    return _local(moment).strftime("%Y-%m-%d %H:%M")


def rule_problems(
    user: User, shared: SharedInstrument, slot: Slot, now: dt.datetime | None = None
) -> list[str]:
    """Every reason the instrument's rules refuse this slot for this user (empty when it may be booked)."""
    now = now or timezone.now()
    problems: list[str] = []
    if slot.end <= slot.start:
        return [_("结束时间必须晚于开始时间。")]
    if (
        shared.instrument.status in ("maintenance", "retired")
        or shared.running_status != RunningStatus.NORMAL
    ):
        problems.append(
            _("该仪器当前不可预约（%(status)s）。")
            % {
                "status": shared.get_running_status_display()
                if shared.running_status != RunningStatus.NORMAL
                else shared.instrument.get_status_display()
            }
        )
    minutes = (slot.end - slot.start).total_seconds() / 60
    if minutes < shared.min_minutes:
        problems.append(_("每次至少预约 %(minutes)s 分钟。") % {"minutes": shared.min_minutes})
    if minutes > shared.max_minutes:
        problems.append(_("每次最多预约 %(minutes)s 分钟。") % {"minutes": shared.max_minutes})
    if slot.start < now + dt.timedelta(hours=shared.lead_time_hours):
        problems.append(_("须至少提前 %(hours)s 小时预约。") % {"hours": shared.lead_time_hours})
    start, end = _local(slot.start), _local(slot.end)
    open_days = {int(day) for day in shared.open_weekdays if day.isdigit()}
    if start.date() != end.date() or start.isoweekday() not in open_days:
        problems.append(_("预约须在同一开放日内（开放日：%(days)s）。") % {"days": weekday_names(shared)})
    elif start.time() < shared.opens_at or end.time() > shared.closes_at:
        problems.append(
            _("预约须在开放时间 %(opens)s–%(closes)s 内。")
            % {"opens": shared.opens_at.strftime("%H:%M"), "closes": shared.closes_at.strftime("%H:%M")}
        )
    window = MaintenanceWindow.objects.filter(shared=shared, start__lt=slot.end, end__gt=slot.start).first()
    if window is not None:
        problems.append(
            _("与维护时段 %(start)s–%(end)s 冲突。")
            % {"start": _when(window.start), "end": _when(window.end)}
        )
    if shared.requires_training and not is_trained(user, shared, start.date()):
        problems.append(_("该仪器须经上机培训，您尚无有效的培训记录。"))
    return problems


def weekday_names(shared: SharedInstrument) -> str:
    names = [_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日")]
    return "、".join(
        names[int(day) - 1] for day in shared.open_weekdays if day.isdigit() and 1 <= int(day) <= 7
    )


def is_trained(user: User, shared: SharedInstrument, on: dt.date) -> bool:
    trainings = Training.objects.filter(shared=shared, person=user, trained_on__lte=on)
    return trainings.filter(expires__isnull=True).exists() or trainings.filter(expires__gte=on).exists()


def conflicting(shared: SharedInstrument, slot: Slot, excluding: int | None = None) -> Booking | None:
    bookings = Booking.objects.filter(
        shared=shared, status__in=ACTIVE_BOOKING_STATES, start__lt=slot.end, end__gt=slot.start
    )
    if excluding is not None:
        bookings = bookings.exclude(pk=excluding)
    return bookings.first()


def _taken(shared: SharedInstrument, slot: Slot, excluding: int | None = None) -> BookingRefused:
    other = conflicting(shared, slot, excluding)
    if other is None:  # the winner of a race has not committed yet, or was already cancelled
        return BookingRefused(_("该时段刚被他人预约，请另选时间。"))
    return BookingRefused(
        _("该时段已被预约（%(start)s–%(end)s），请另选时间。")
        % {"start": _when(other.start), "end": _local(other.end).strftime("%H:%M")}
    )


def request(
    user: User, shared: SharedInstrument, slot: Slot, purpose: str, now: dt.datetime | None = None
) -> Booking:
    """Book one slot; approved at once when the instrument needs no approval or the owner books it."""
    if not permissions.can_book(user, shared):
        raise BookingRefused(_("只有已登记所属单位的用户可以预约仪器。"))
    purpose = purpose.strip()
    if not purpose:
        raise BookingRefused(_("请填写用途。"))
    problems = rule_problems(user, shared, slot, now)
    if problems:
        raise BookingRefused(" ".join(problems))
    return _insert(user, shared, slot, purpose, None)


def _insert(user: User, shared: SharedInstrument, slot: Slot, purpose: str, series: Series | None) -> Booking:
    kind = user_kind_for(user, shared)
    approved = not shared.requires_approval or kind == UserKind.INTERNAL
    booking = Booking(
        shared=shared,
        requester=user,
        organization=user.organization,
        user_kind=kind,
        start=slot.start,
        end=slot.end,
        purpose=purpose,
        series=series,
        status=BookingStatus.APPROVED if approved else BookingStatus.REQUESTED,
    )
    try:
        with transaction.atomic():
            _lock(shared)
            if conflicting(shared, slot) is not None:
                raise _taken(shared, slot)
            booking.save()
    except IntegrityError:
        raise _taken(shared, slot) from None
    return booking


def _lock(shared: SharedInstrument) -> None:
    """Writers of one instrument's bookings take turns. The exclusion constraint alone would still refuse
    every overlap, but PostgreSQL may then report two colliding inserts as a deadlock instead of saying
    which slot was taken; with the row lock the loser sees the winner's booking. (SQLite's write
    transactions already take turns.)"""
    list(SharedInstrument.objects.select_for_update().filter(pk=shared.pk).values_list("pk", flat=True))


def request_series(
    user: User,
    shared: SharedInstrument,
    first: Slot,
    purpose: str,
    count: int,
    every_days: int = 7,
    now: dt.datetime | None = None,
) -> list[Booking]:
    """Book the same slot `count` times, `every_days` apart: all of them or, if one is refused, none."""
    if not 1 <= count <= MAX_SERIES:
        raise BookingRefused(_("周期预约的次数须在 1 到 %(max)s 之间。") % {"max": MAX_SERIES})
    if not permissions.can_book(user, shared):
        raise BookingRefused(_("只有已登记所属单位的用户可以预约仪器。"))
    slots = [
        Slot(first.start + dt.timedelta(days=every_days * n), first.end + dt.timedelta(days=every_days * n))
        for n in range(count)
    ]
    for slot in slots:
        problems = rule_problems(user, shared, slot, now)
        if problems:
            raise BookingRefused(
                _("%(day)s：") % {"day": _local(slot.start).date().isoformat()} + " ".join(problems)
            )
    with transaction.atomic():
        series = Series.objects.create(shared=shared, requester=user, every_days=every_days, count=count)
        bookings = []
        for slot in slots:
            try:
                bookings.append(_insert(user, shared, slot, purpose.strip(), series))
            except BookingRefused as refusal:
                raise BookingRefused(
                    _("%(day)s：") % {"day": _local(slot.start).date().isoformat()} + str(refusal)
                ) from None
    return bookings


def move(user: User, booking: Booking, slot: Slot, now: dt.datetime | None = None) -> Booking:
    """Move one booking (one instance of a series, too) to another slot; it needs approval again."""
    if not permissions.can_change_booking(user, booking):
        raise BookingRefused(_("您不能修改这条预约。"))
    if booking.status not in ACTIVE_BOOKING_STATES:
        raise BookingRefused(_("已取消或已拒绝的预约不能修改。"))
    problems = rule_problems(booking.requester, booking.shared, slot, now)
    if problems:
        raise BookingRefused(" ".join(problems))
    booking.start, booking.end = slot.start, slot.end
    if booking.shared.requires_approval and booking.user_kind != UserKind.INTERNAL:
        booking.status = BookingStatus.REQUESTED
    try:
        with transaction.atomic():
            _lock(booking.shared)
            booking.save()
    except IntegrityError:
        booking.refresh_from_db()
        raise _taken(booking.shared, slot, excluding=booking.pk) from None
    return booking


def decide(user: User, booking: Booking, approve: bool, note: str = "") -> Booking:
    if not permissions.can_manage_instrument(user, booking.shared):
        raise BookingRefused(_("只有仪器所属单位可以审批预约。"))
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != BookingStatus.REQUESTED:
            raise BookingRefused(
                _("这条预约已处理（%(status)s）。") % {"status": booking.get_status_display()}
            )
        booking.status = BookingStatus.APPROVED if approve else BookingStatus.REJECTED
        booking.decided_by, booking.note = user, note.strip()
        booking.save()
    return booking


def cancel(user: User, booking: Booking, now: dt.datetime | None = None, note: str = "") -> Booking:
    """The requester cancels up to the instrument's notice before the start; the owner at any time."""
    now = now or timezone.now()
    if not permissions.can_change_booking(user, booking):
        raise BookingRefused(_("您不能取消这条预约。"))
    owner = permissions.can_manage_instrument(user, booking.shared)
    notice = dt.timedelta(hours=booking.shared.cancel_notice_hours)
    if not owner and booking.start - now < notice:
        raise BookingRefused(
            _("开始前 %(hours)s 小时内不能自行取消，请联系仪器管理员。")
            % {"hours": booking.shared.cancel_notice_hours}
        )
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in ACTIVE_BOOKING_STATES:
            raise BookingRefused(_("这条预约已取消或已拒绝。"))
        if hasattr(booking, "usage"):
            raise BookingRefused(_("这条预约已有使用记录，不能取消。"))
        booking.status, booking.note = BookingStatus.CANCELLED, note.strip()
        booking.save()
    return booking

"""What waits for whom in sharing: bookings to approve and usage to record for an instrument's owner,
vouchers and claims for the bureau, a user's coming bookings. The workbench counts these and the
bookings and voucher lists filter by the same names, so a count and its list always agree."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kechuang.access import AnyUser, own_organization_id
from sharing import permissions
from sharing.models import Booking, Voucher
from sharing.vocabulary import ACTIVE_BOOKING_STATES, BookingStatus, ClaimStatus, VoucherStatus

# The bookings list's `show` filter: name → label.
BOOKING_VIEWS = {
    "waiting": _("待审批的预约"),
    "usage_due": _("待登记使用记录"),
    "upcoming": _("本单位即将进行的预约"),
}
# The voucher list's `show` filter.
VOUCHER_VIEWS = {"waiting": _("待审批的创新券"), "claims": _("有待审核兑付的创新券")}


def managed_bookings(user: AnyUser) -> QuerySet[Booking]:
    """Bookings of the instruments the user manages (the bureau manages all)."""
    return Booking.objects.filter(shared__in=permissions.managed_instruments(user))


def bookings_waiting(user: AnyUser) -> QuerySet[Booking]:
    return managed_bookings(user).filter(status=BookingStatus.REQUESTED)


def usages_due(user: AnyUser) -> QuerySet[Booking]:
    """Approved bookings that have ended without a usage record (上机记录)."""
    return managed_bookings(user).filter(
        status=BookingStatus.APPROVED, end__lte=timezone.now(), usage__isnull=True
    )


def upcoming_bookings(user: AnyUser) -> QuerySet[Booking]:
    return Booking.objects.filter(
        organization_id=own_organization_id(user) or 0,
        status__in=ACTIVE_BOOKING_STATES,
        end__gte=timezone.now(),
    )


def bookings_view(user: AnyUser, show: str) -> QuerySet[Booking] | None:
    """The bookings of a named view, or None for the plain list."""
    return {"waiting": bookings_waiting, "usage_due": usages_due, "upcoming": upcoming_bookings}.get(
        show, lambda user: None
    )(user)


def vouchers_waiting() -> QuerySet[Voucher]:
    return Voucher.objects.filter(status=VoucherStatus.APPLIED)


def vouchers_with_claims_waiting() -> QuerySet[Voucher]:
    return Voucher.objects.filter(claims__status=ClaimStatus.SUBMITTED).distinct()


def vouchers_view(user: AnyUser, show: str) -> QuerySet[Voucher] | None:
    visible = permissions.vouchers_for_user(user)
    if show == "waiting":
        return visible.filter(pk__in=vouchers_waiting().values("pk"))
    if show == "claims":
        return visible.filter(pk__in=vouchers_with_claims_waiting().values("pk"))
    return None

"""Who may do what with shared instruments and innovation vouchers; pages, forms and the API all ask here.

- anyone sees the catalogue and an instrument's busy slots (not who booked them);
- a user with an organization books; the requester (or a colleague) moves or cancels their booking;
- the instrument's owner (its organization's users) and the bureau approve bookings and record usage;
- enterprise users apply for vouchers for their own enterprise; only the bureau approves vouchers,
  keeps budgets and approves claims;
- a claim is made by the enterprise (firm reimbursed) or by the provider that served it (provider
  redeems), or entered by the bureau from a paper claim.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kechuang.access import AnyUser, is_bureau, is_staff_member, own_organization_id
from sharing.models import Booking, Claim, SharedInstrument, Usage, Voucher
from sharing.vocabulary import SettlementMode


def can_manage_instrument(user: AnyUser, shared: SharedInstrument) -> bool:
    organization_id = own_organization_id(user)
    return is_bureau(user) or (organization_id is not None and organization_id == shared.instrument.owner_id)


def managed_instruments(user: AnyUser) -> QuerySet[SharedInstrument]:
    if is_bureau(user):
        return SharedInstrument.objects.all()
    return SharedInstrument.objects.filter(instrument__owner_id=own_organization_id(user) or 0)


def can_book(user: AnyUser, shared: SharedInstrument) -> bool:
    return own_organization_id(user) is not None


def bookings_for_user(user: AnyUser) -> QuerySet[Booking]:
    """The bookings a user may see in full: their organization's and those of instruments they manage."""
    if is_bureau(user):
        return Booking.objects.all()
    organization_id = own_organization_id(user)
    if organization_id is None:
        return Booking.objects.none()
    return Booking.objects.filter(
        Q(organization_id=organization_id) | Q(shared__instrument__owner_id=organization_id)
    )


def can_change_booking(user: AnyUser, booking: Booking) -> bool:
    if can_manage_instrument(user, booking.shared):
        return True
    organization_id = own_organization_id(user)
    return booking.requester_id == user.pk or (
        organization_id is not None and booking.organization_id == organization_id
    )


def can_record_usage(user: AnyUser, shared: SharedInstrument) -> bool:
    return can_manage_instrument(user, shared)


def usages_for_user(user: AnyUser) -> QuerySet[Usage]:
    if is_staff_member(user):
        return Usage.objects.all()
    organization_id = own_organization_id(user)
    if organization_id is None:
        return Usage.objects.none()
    return Usage.objects.filter(
        Q(organization_id=organization_id) | Q(shared__instrument__owner_id=organization_id)
    )


def can_apply_for_voucher(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.organization_id and user.organization.kind == "enterprise")


def vouchers_for_user(user: AnyUser) -> QuerySet[Voucher]:
    """Staff see every voucher; an enterprise its own; a provider those with claims it made or serves."""
    if is_staff_member(user):
        return Voucher.objects.all()
    organization_id = own_organization_id(user)
    if organization_id is None:
        return Voucher.objects.none()
    return Voucher.objects.filter(
        Q(enterprise_id=organization_id) | Q(claims__usage__shared__instrument__owner_id=organization_id)
    ).distinct()


def can_decide_voucher(user: AnyUser) -> bool:
    return is_bureau(user)


def can_keep_budgets(user: AnyUser) -> bool:
    return is_bureau(user)


def can_claim(user: AnyUser, voucher: Voucher, usage: Usage) -> bool:
    """Who settles: the enterprise when it is reimbursed, the provider that served it when it redeems;
    the bureau may file a claim for either (claims that arrive on paper, imported claims)."""
    if is_bureau(user):
        return True
    organization_id = own_organization_id(user)
    if organization_id is None:
        return False
    if voucher.settlement_mode == SettlementMode.PROVIDER_REDEEMS:
        return organization_id == usage.shared.instrument.owner_id
    return organization_id == voucher.enterprise_id


def can_view_claim(user: AnyUser, claim: Claim) -> bool:
    return vouchers_for_user(user).filter(pk=claim.voucher_id).exists()


def can_decide_claim(user: AnyUser) -> bool:
    return is_bureau(user)

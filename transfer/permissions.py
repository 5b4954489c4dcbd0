"""Who may see and do what with technology contracts; pages, forms and the API all ask here.

- the bureau and department officers see every contract and the statistics;
- a registration office's staff (users of its host unit) register the contracts filed with it, and the
  bureau may act for any office;
- a party's own users see their contracts; the seller's users draft, edit a draft, upload material and
  record money received;
- nobody else sees a contract (registered contracts hold trade terms, so they are not public).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kechuang.access import AnyUser, is_bureau, is_staff_member, own_organization_id
from matching.models import AgreementDraft
from transfer.acts import OFFICE, SELLER, Act
from transfer.models import Contract, TransferAgency
from transfer.vocabulary import ContractStatus

EDITABLE = (ContractStatus.DRAFT, ContractStatus.AWAITING_MATERIAL)


def contracts_for_user(user: AnyUser) -> QuerySet[Contract]:
    contracts = Contract.objects.select_related("office", "seller_region", "buyer_region")
    if is_staff_member(user):
        return contracts
    organization_id = own_organization_id(user)
    if organization_id is None:
        return contracts.none()
    return contracts.filter(
        Q(seller_id=organization_id) | Q(buyer_id=organization_id) | Q(office__host_id=organization_id)
    )


def is_registrar(user: AnyUser, contract: Contract) -> bool:
    """Staff of the office the contract is filed with, or the bureau."""
    if is_bureau(user):
        return True
    organization_id = own_organization_id(user)
    return bool(organization_id and contract.office_id and contract.office.host_id == organization_id)


def can_view_statistics(user: AnyUser) -> bool:
    return is_staff_member(user)


def can_draft(user: AnyUser) -> bool:
    """Any organization's user may file a contract it sells; the bureau may file for anyone."""
    return is_bureau(user) or own_organization_id(user) is not None


def is_seller_side(user: AnyUser, contract: Contract) -> bool:
    organization_id = own_organization_id(user)
    return bool(organization_id and contract.seller_id == organization_id)


def can_edit(user: AnyUser, contract: Contract) -> bool:
    return contract.status in EDITABLE and (is_seller_side(user, contract) or is_bureau(user))


def can_submit(user: AnyUser, contract: Contract) -> bool:
    return contract.status == ContractStatus.DRAFT and (is_seller_side(user, contract) or is_bureau(user))


def can_record_payment(user: AnyUser, contract: Contract) -> bool:
    return contract.status == ContractStatus.REGISTERED and (
        is_seller_side(user, contract) or is_registrar(user, contract)
    )


def can_object(user: AnyUser, contract: Contract) -> bool:
    """Anyone who can see a registered contract may object to it; the office records outsiders' objections."""
    return (
        contract.status == ContractStatus.REGISTERED
        and contracts_for_user(user).filter(pk=contract.pk).exists()
    )


def can_act(user: AnyUser, contract: Contract, act: Act) -> bool:
    """An act offered on the contract's page: in a status it applies to, by the side it belongs to."""
    if contract.status not in act.statuses:
        return False
    if act.by == SELLER:
        return is_seller_side(user, contract) or is_bureau(user)
    if act.by == OFFICE:
        return is_registrar(user, contract)
    return can_object(user, contract)


def can_draft_from_agreement(user: AnyUser, agreement: AgreementDraft) -> bool:
    """The agreement's parties and the bureau turn it into a contract draft."""
    organization_id = own_organization_id(user)
    return is_bureau(user) or (
        organization_id is not None and organization_id in (agreement.buyer_id, agreement.seller_id)
    )


def agencies_for_user(user: AnyUser) -> QuerySet[TransferAgency]:
    """Agencies on the city's record are public; the contracts they helped register are not (see
    contracts_for_user)."""
    return TransferAgency.objects.select_related("organization")

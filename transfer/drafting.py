"""A seller's draft of a technology contract: typed on the form, or carried over from a matched need's
agreement (matching.AgreementDraft) so that nobody types the parties, title, type and amount again.

A party known to the registry is stored as the certificate states it (name, USCC, kind, region) from its
registry record; the office is the registration office of the seller's city (the seller registers where
it is located). Every save is attributed in the contract's history.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from kechuang.downloads import check_attachment
from matching.models import AgreementDraft
from registry.models import Organization, Region
from transfer.models import Attachment, Contract, RegistrationOffice
from transfer.registration import RegistrationError
from transfer.vocabulary import ContractStatus

# What the draft form edits; the parties' details and the office follow from the organizations chosen.
DRAFT_FIELDS = (
    "title",
    "contract_type",
    "field",
    "signed",
    "valid_from",
    "valid_until",
    "amount_yuan",
    "technical_amount_yuan",
    "agency",
    "broker",
)


def office_for(region: Region | None) -> RegistrationOffice | None:
    """The office of the seller's city (or, failing that, its province)."""
    if region is None:
        return None
    for prefix in (region.code[:4], region.code[:2]):
        found = RegistrationOffice.objects.filter(region__code__startswith=prefix).order_by("region").first()
        if found:
            return found
    return None


def _parties(contract: Contract, seller: Organization, buyer: Organization) -> None:
    contract.seller = seller
    contract.seller_name, contract.seller_uscc = seller.name, seller.uscc
    contract.seller_kind, contract.seller_region = seller.kind, seller.region
    contract.buyer = buyer
    contract.buyer_name, contract.buyer_uscc = buyer.name, buyer.uscc
    contract.buyer_kind, contract.buyer_region = buyer.kind, buyer.region
    contract.office = office_for(seller.region)


def _saved(contract: Contract, by: User | None, reason: str) -> Contract:
    try:
        contract.full_clean()
    except ValidationError as invalid:
        raise RegistrationError("；".join(invalid.messages)) from invalid
    if contract.technical_amount_yuan > contract.amount_yuan:
        raise RegistrationError(_("技术交易额不能大于成交额。"))
    contract._change_reason = reason
    contract._history_user = by
    contract.save()
    return contract


def save_draft(
    contract: Contract | None, seller: Organization, buyer: Organization, data: dict[str, Any], by: User
) -> Contract:
    """A new draft, or the changes to one the seller may still edit (a draft, or awaiting material)."""
    if seller.pk == buyer.pk:
        raise RegistrationError(_("买方和卖方不能是同一家单位。"))
    with transaction.atomic():
        if contract is None:
            contract = Contract(created_by=by)
        else:
            contract = Contract.objects.select_for_update().get(pk=contract.pk)
            if contract.status not in (ContractStatus.DRAFT, ContractStatus.AWAITING_MATERIAL):
                raise RegistrationError(_("合同已提交登记，只能由登记机构办理变更登记。"))
        for name in DRAFT_FIELDS:
            setattr(contract, name, data.get(name))
        contract.field = contract.field or ""
        _parties(contract, seller, buyer)
        return _saved(contract, by, _("填报合同") if contract.pk is None else _("修改合同"))


def draft_from_agreement(agreement: AgreementDraft, by: User, today: dt.date) -> Contract:
    """The contract draft of a matched need's agreement, once: a second call finds the first draft."""
    existing = Contract.objects.filter(agreement=agreement).first()
    if existing:
        return existing
    seller = agreement.seller
    if seller is None:
        raise RegistrationError(_("对接协议尚无受托方（卖方）单位，无法转为技术合同。"))
    amount = agreement.amount_yuan or Decimal(0)
    with transaction.atomic():
        contract = Contract(
            title=agreement.title,
            contract_type=agreement.contract_type,
            field=agreement.need.field[:100],
            signed=today,
            amount_yuan=amount,
            # All of it is technology until the seller says which part is not (equipment, materials).
            technical_amount_yuan=amount,
            need=agreement.need,
            agreement=agreement,
            created_by=by,
        )
        _parties(contract, seller, agreement.buyer)
        return _saved(contract, by, _("由对接协议转为合同草稿"))


def attach(contract: Contract, kind: str, upload: UploadedFile, by: User) -> Attachment:
    """Registration material, checked for type and size; only while the seller may still edit."""
    if contract.status not in (ContractStatus.DRAFT, ContractStatus.AWAITING_MATERIAL):
        raise RegistrationError(_("合同已提交登记，不能再上传材料；需补正时登记机构会通知。"))
    try:
        check_attachment(upload)
    except ValidationError as invalid:
        raise RegistrationError("；".join(invalid.messages)) from invalid
    attachment = Attachment(
        contract=contract, kind=kind, file=upload, name=upload.name[:200], size=upload.size, uploaded_by=by
    )
    attachment._history_user = by
    attachment.save()
    return attachment

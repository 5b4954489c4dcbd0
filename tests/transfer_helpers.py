"""Contracts, offices and parties for the transfer app's tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from registry.models import Organization
from tests.factories import OrganizationFactory
from transfer.models import Attachment, Contract, RegistrationOffice
from transfer.vocabulary import AttachmentKind

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def weihai_university() -> Organization:
    return OrganizationFactory(name="威海理工大学", kind="university", region_id="371002")


def weihai_enterprise(**extra: object) -> Organization:
    return OrganizationFactory(name="威海蓝海复合材料有限公司", region_id="371002", **extra)


def office(host: Organization | None = None, region: str = "371000") -> RegistrationOffice:
    found, _created = RegistrationOffice.objects.get_or_create(
        name=f"技术合同登记处{region}", defaults={"region_id": region, "host": host}
    )
    return found


def draft(
    seller: Organization,
    buyer: Organization,
    amount: str = "4000000",
    technical: str | None = None,
    *,
    contract_type: str = "development",
    signed: dt.date = dt.date(2025, 1, 2),
    filed_with: RegistrationOffice | None = None,
    with_text: bool = True,
) -> Contract:
    contract = Contract.objects.create(
        title="高性能碳纤维复合材料开发",
        contract_type=contract_type,
        field="新材料",
        seller=seller,
        seller_name=seller.name,
        seller_uscc=seller.uscc,
        seller_kind=seller.kind,
        seller_region_id=seller.region_id,
        buyer=buyer,
        buyer_name=buyer.name,
        buyer_uscc=buyer.uscc,
        buyer_kind=buyer.kind,
        buyer_region_id=buyer.region_id,
        signed=signed,
        amount_yuan=Decimal(amount),
        technical_amount_yuan=Decimal(technical or amount),
        office=filed_with,
    )
    if with_text:
        Attachment.objects.create(
            contract=contract,
            kind=AttachmentKind.CONTRACT_TEXT,
            name="合同.pdf",
            size=len(PDF),
            file=SimpleUploadedFile("合同.pdf", PDF, content_type="application/pdf"),
        )
    return contract

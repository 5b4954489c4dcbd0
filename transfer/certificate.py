"""The registration certificate (技术合同登记证明) of a registered contract, as data and as a PDF.

The certificate states the registration number, the office, the parties, the type and both amounts the
2026 rules name: 成交额 (the whole contract) and 技术交易额 (the part that is technology, on which tax
relief and subsidies are computed). A contract that is not (or no longer) registered has none.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from transfer.models import Contract
from transfer.registration import RegistrationError
from transfer.vocabulary import ContractStatus

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
TITLE = ParagraphStyle("certificate-title", fontName=FONT, fontSize=18, leading=26, alignment=1)
CELL = ParagraphStyle("certificate-cell", fontName=FONT, fontSize=11, leading=16)


@dataclass(frozen=True)
class Certificate:
    registration_no: str
    office: str
    title: str
    contract_type: str
    seller: str
    seller_uscc: str
    buyer: str
    buyer_uscc: str
    signed: dt.date
    registered: dt.date
    amount_yuan: Decimal
    technical_amount_yuan: Decimal

    def lines(self) -> list[tuple[str, str]]:
        return [
            (_("登记号"), self.registration_no),
            (_("登记机构"), self.office),
            (_("项目名称"), self.title),
            (_("合同类型"), self.contract_type),
            (_("卖方"), f"{self.seller}（{self.seller_uscc}）"),
            (_("买方"), f"{self.buyer}（{self.buyer_uscc}）" if self.buyer_uscc else self.buyer),
            (_("签订日期"), self.signed.isoformat()),
            (_("登记日期"), self.registered.isoformat()),
            (_("成交额（元）"), f"{self.amount_yuan:,.2f}"),
            (_("技术交易额（元）"), f"{self.technical_amount_yuan:,.2f}"),
        ]


def certificate(contract: Contract) -> Certificate:
    if contract.status != ContractStatus.REGISTERED or not contract.registration_no:
        raise RegistrationError(_("只有已登记的合同才有登记证明。"))
    return Certificate(
        registration_no=contract.registration_no,
        office=contract.office.name if contract.office_id else "",
        title=contract.title,
        contract_type=contract.get_contract_type_display(),
        seller=contract.seller_name,
        seller_uscc=contract.seller_uscc,
        buyer=contract.buyer_name,
        buyer_uscc=contract.buyer_uscc,
        signed=contract.signed,
        registered=contract.registered,
        amount_yuan=contract.amount_yuan,
        technical_amount_yuan=contract.technical_amount_yuan,
    )


def certificate_pdf(contract: Contract) -> bytes:
    found = certificate(contract)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=found.registration_no)
    # Reportlab reads a paragraph as markup: the names and titles people typed are escaped, so that a
    # `<b>` or `&` in them prints as written instead of failing the certificate.
    rows = [[Paragraph(escape(text), CELL) for text in line] for line in found.lines()]
    document.build(
        [
            Paragraph(_("技术合同登记证明"), TITLE),
            Spacer(1, 8 * mm),
            Table(rows, colWidths=[40 * mm, 120 * mm]),
        ]
    )
    return buffer.getvalue()

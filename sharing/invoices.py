"""Invoices attached to voucher claims: a PDF or a photo of the paper invoice, checked by content."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# What the file must start with, by the extension it may carry.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


class InvoiceRejected(ValueError):
    """The file is not an invoice the platform accepts; the message says why, in Chinese."""


def check_invoice(upload: UploadedFile) -> None:
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size is None or upload.size == 0:
        raise InvoiceRejected(_("发票文件是空的。"))
    if upload.size > limit:
        raise InvoiceRejected(
            _("发票文件太大（%(size)s MB），上限为 %(limit)s MB。")
            % {"size": f"{upload.size / 2**20:.1f}", "limit": f"{limit / 2**20:.0f}"}
        )
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in SIGNATURES:
        raise InvoiceRejected(_("发票只能上传 PDF、JPG 或 PNG 文件。"))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise InvoiceRejected(_("文件内容与扩展名不符，请上传真实的发票 PDF 或图片。"))

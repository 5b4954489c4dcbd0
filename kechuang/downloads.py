"""Uploaded files (progress-report attachments, close-out evidence, invoices, policy sources): checked on the
way in, served on the way out only through views that ask the owning app's permissions.

Nothing under MEDIA_ROOT is served by URL: an .html or .svg file served inline from the product's own origin
would run its script as whoever opens it. Every download is `Content-Disposition: attachment` with a type
from the allow-list below (never the browser's guess: `X-Content-Type-Options: nosniff`) and a sandboxing
content security policy, in DEBUG and production alike.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc, .xls, .ppt (the Office 97–2003 container)
# Extension → (content type served, signatures the file must start with; empty: plain text).
ATTACHMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".ofd": ("application/ofd", ZIP),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    ".doc": ("application/msword", OLE),
    ".xls": ("application/vnd.ms-excel", OLE),
    ".txt": ("text/plain; charset=utf-8", ()),
}
ACCEPTED = "、".join(sorted({suffix.lstrip(".") for suffix in ATTACHMENT_TYPES} - {"jpeg"}))
ATTACHMENT_HELP = gettext_lazy("可上传 PDF、OFD、Word、Excel、PPT、JPG、PNG 或文本文件，不超过 10 MB。")


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower()


def check_attachment(upload: UploadedFile) -> UploadedFile:
    """A form field's validator: the upload's size, extension and first bytes agree with the allow-list."""
    limit = settings.MAX_ATTACHMENT_BYTES
    if not upload.size:
        raise ValidationError(_("附件是空文件。"))
    if upload.size > limit:
        raise ValidationError(
            _("附件太大（%(size)s MB），上限为 %(limit)s MB。")
            % {"size": f"{upload.size / 2**20:.1f}", "limit": f"{limit / 2**20:.0f}"}
        )
    suffix = _suffix(upload.name or "")
    if suffix not in ATTACHMENT_TYPES:
        raise ValidationError(
            _("不接受“%(suffix)s”类型的附件；可上传：%(accepted)s。")
            % {"suffix": suffix or _("无扩展名"), "accepted": ACCEPTED}
        )
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    signatures = ATTACHMENT_TYPES[suffix][1]
    if signatures and not head.startswith(signatures):
        raise ValidationError(_("附件内容与扩展名“%(suffix)s”不符。") % {"suffix": suffix})
    if not signatures and (b"\x00" in head or head.lstrip()[:1] == b"<"):
        raise ValidationError(_("文本附件只能是纯文字。"))
    return upload


def attachment_response(file: FieldFile) -> FileResponse:
    """The stored file as a download; the caller has checked that the user may see its record."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    suffix = _suffix(file.name)
    content_type = ATTACHMENT_TYPES.get(suffix, ("application/octet-stream", ()))[0]
    response = FileResponse(
        handle, as_attachment=True, filename=PurePath(file.name).name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response

"""Uploaded import files: checked for size and type before any parser sees them, and kept between the
dry run and the confirmed import in the media storage under a random name (so that any web worker can
pick up the second step)."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import IO

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.io.formats import FORMATS, UploadRejected, format_of

KEPT_NAME = re.compile(rf"^imports/[0-9a-f]{{32}}\.({'|'.join(FORMATS)})$")
SNIFF_BYTES = 64 * 1024
ABANDONED_AFTER = dt.timedelta(days=1)


__all__ = ["UploadRejected", "check_upload", "discard", "keep", "open_kept"]


def check_upload(upload: UploadedFile) -> str:
    """The upload's format, after checking its size, its extension and that its content matches it."""
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise UploadRejected(
            _("文件太大（%(size)s MB），上限为 %(limit)s MB。")
            % {"size": f"{(upload.size or 0) / 2**20:.1f}", "limit": f"{limit / 2**20:.0f}"}
        )
    file_format = format_of(upload.name or "")
    if file_format not in FORMATS:
        raise UploadRejected(_("只能上传 .xlsx、.csv 或 .jsonl 文件。"))
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    FORMATS[file_format].check(upload, head)
    return file_format


def keep(upload: UploadedFile, file_format: str) -> str:
    """Store the upload until the import is confirmed; returns the name it is kept under."""
    _sweep()
    return default_storage.save(f"imports/{secrets.token_hex(16)}.{file_format}", upload)


def _sweep() -> None:
    """Remove uploads whose dry run nobody confirmed within a day."""
    if not default_storage.exists("imports"):
        return
    cutoff = timezone.now() - ABANDONED_AFTER
    for name in default_storage.listdir("imports")[1]:
        path = f"imports/{name}"
        if KEPT_NAME.match(path) and default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


def open_kept(name: str) -> IO[bytes]:
    if not KEPT_NAME.match(name) or not default_storage.exists(name):
        raise UploadRejected(_("上传的文件已失效，请重新上传。"))
    return default_storage.open(name, "rb")


def discard(name: str) -> None:
    if KEPT_NAME.match(name):
        default_storage.delete(name)

"""Uploaded import files: checked for size and type before any parser sees them, and kept between the
dry run and the confirmed import in the media storage under a random name (so that any web worker can
pick up the second step)."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import zipfile
from typing import IO

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.io.readers import FORMATS, ZIP_MAGIC, decode_text, format_of

KEPT_NAME = re.compile(r"^imports/[0-9a-f]{32}\.(xlsx|csv|jsonl)$")
SNIFF_BYTES = 64 * 1024
ABANDONED_AFTER = dt.timedelta(days=1)


class UploadRejected(ValueError):
    """The file is not one the importer may open; the message says why, in Chinese."""


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
    if file_format == "xlsx":
        if not head.startswith(ZIP_MAGIC) or not _is_workbook(upload):
            raise UploadRejected(
                _("文件内容不是 Excel 工作簿（.xlsx）；旧版 .xls 请在 Excel 中另存为 .xlsx。")
            )
    elif head.startswith(ZIP_MAGIC) or b"\x00" in head:
        raise UploadRejected(_("文件内容不是文本；Excel 工作簿请保存为 .xlsx 后上传。"))
    elif file_format == "jsonl" and not _starts_with_json_object(head):
        raise UploadRejected(_("文件内容不是 JSON Lines（每行一个 JSON 对象）。"))
    return file_format


def _is_workbook(upload: IO[bytes]) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def _starts_with_json_object(head: bytes) -> bool:
    try:
        text = decode_text(head)
    except UnicodeDecodeError:
        return False
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


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

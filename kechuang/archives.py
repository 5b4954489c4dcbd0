"""Zip containers (.docx, .xlsx) from uploads are measured before anything opens them.

A zip member states its expanded size in the archive's directory, and Python's zipfile never hands out more
than that size (it stops there and reports a damaged member), so summing the directory is an honest bound on
what a reader can be made to expand. A 1 MB .docx whose document.xml expands to 300 MB is refused here in
milliseconds, before python-docx or openpyxl parse it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

MB = 1024 * 1024


class ArchiveTooLarge(ValueError):
    """The archive expands beyond its limits; the message says so in the product's language."""


@dataclass(frozen=True)
class ArchiveLimits:
    total_bytes: int
    member_bytes: int
    members: int = 5_000


# Word: policy documents' XML is a few MB; images beside it stay well inside the total.
DOCX_LIMITS = ArchiveLimits(total_bytes=100 * MB, member_bytes=20 * MB)
# Excel: a 100,000-row registry sheet expands to about 60 MB of XML.
XLSX_LIMITS = ArchiveLimits(total_bytes=300 * MB, member_bytes=200 * MB)


def _megabytes(size: int) -> str:
    return f"{size / MB:.0f} MB"


def check_archive(source: IO[bytes] | str, limits: ArchiveLimits, *, kind: str) -> None:
    """Raise ArchiveTooLarge when the zip at `source` would expand past `limits`. A damaged archive passes:
    the format's reader reports it in its own words. A file object is left at its start."""
    from django.utils.translation import gettext as _

    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    finally:
        if not isinstance(source, str):
            source.seek(0)
    if len(infos) > limits.members:
        raise ArchiveTooLarge(
            _("%(kind)s文件包含 %(count)s 个部件，超过上限 %(limit)s 个，已拒绝，未保存任何内容。")
            % {"kind": kind, "count": len(infos), "limit": limits.members}
        )
    largest = max((info.file_size for info in infos), default=0)
    total = sum(info.file_size for info in infos)
    if largest > limits.member_bytes:
        size, limit = largest, limits.member_bytes
    elif total > limits.total_bytes:
        size, limit = total, limits.total_bytes
    else:
        return
    raise ArchiveTooLarge(
        _(
            "%(kind)s文件解压后达 %(size)s（上限 %(limit)s），可能是压缩炸弹或夹带了过大的内容，"
            "已拒绝，未保存任何内容。请删去多余内容后重新上传。"
        )
        % {"kind": kind, "size": _megabytes(size), "limit": _megabytes(limit)}
    )

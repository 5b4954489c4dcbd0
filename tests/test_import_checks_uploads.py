"""Uploads are checked for size and type, by extension and by content, before any parser opens them."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registry.io.uploads import UploadRejected, check_upload


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["name", "uscc", "kind", "region"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("机构.xlsx", xlsx_bytes(), "xlsx"),
        ("organizations.csv", "名称,统一社会信用代码\n".encode("gbk"), "csv"),
        ("organizations.jsonl", b'{"name": "a"}\n', "jsonl"),
    ],
)
def test_matching_content_is_accepted(name, content, expected) -> None:
    assert check_upload(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("organizations.xls", b"\xd0\xcf\x11\xe0", "只能上传"),
        ("organizations.xlsx", b"name,uscc\n", "不是 Excel 工作簿"),
        ("organizations.xlsx", b"PK\x03\x04 not really a zip", "不是 Excel 工作簿"),
        ("organizations.csv", xlsx_bytes(), "不是文本"),
        ("organizations.jsonl", b"name,uscc\n", "不是 JSON Lines"),
        ("organizations.jsonl", b"[1, 2]\n", "不是 JSON Lines"),
    ],
)
def test_wrong_type_is_refused(name, content, message) -> None:
    with pytest.raises(UploadRejected, match=message):
        check_upload(SimpleUploadedFile(name, content))


def test_too_large_is_refused(settings) -> None:
    settings.MAX_UPLOAD_BYTES = 100

    with pytest.raises(UploadRejected, match="文件太大"):
        check_upload(SimpleUploadedFile("organizations.csv", b"name\n" + b"x\n" * 100))

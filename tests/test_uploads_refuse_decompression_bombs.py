"""A .docx or .xlsx that is small compressed and huge expanded is refused at once, in Chinese, writing
nothing; so is a policy text far longer than any policy."""

import io
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from policies.models import Clause, PolicyDocument
from registry.io.uploads import UploadRejected, check_upload
from registry.models import Organization

EXPANDED = 300 * 1024 * 1024
CHUNK = b"<w:p><w:r><w:t>" + "科技创新".encode() * 4000 + b"</w:t></w:r></w:p>"


def bomb(valid: bytes, member: str) -> bytes:
    """`valid` with `member` replaced by 300 MB of repetitive XML: about 1 MB on disk."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            if info.filename != member:
                zf.writestr(info, source.read(info))
                continue
            with zf.open(member, "w", force_zip64=True) as target:
                target.write(source.read(info)[:200])
                for _ in range(EXPANDED // len(CHUNK)):
                    target.write(CHUNK)
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    document = docx.Document()
    document.add_paragraph("一、总体要求")
    buffer = io.BytesIO()
    document.save(buffer)
    return bomb(buffer.getvalue(), "word/document.xml")


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["name", "uscc", "kind", "region"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return bomb(buffer.getvalue(), "xl/worksheets/sheet1.xml")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _nothing_written(media: Path) -> bool:
    stored = [path for path in media.rglob("*") if path.is_file()] if media.exists() else []
    return not stored and not PolicyDocument.objects.exists() and not Clause.objects.exists()


@pytest.mark.django_db
def test_a_docx_bomb_is_refused_quickly_and_nothing_is_stored(client, bureau_admin, docx_bomb, media) -> None:
    assert len(docx_bomb) < 3 * 1024 * 1024
    client.force_login(bureau_admin)
    started = time.monotonic()
    response = client.post(
        reverse("policies:document_upload"),
        {"file": SimpleUploadedFile("政策.docx", docx_bomb), "region": "370300"},
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    page = response.content.decode()
    assert "Word 文件解压后达" in page and "已拒绝，未保存任何内容" in page
    assert elapsed < 5
    assert _nothing_written(media)


@pytest.mark.django_db
def test_a_docx_bomb_is_refused_by_the_ingest_command(tmp_path, docx_bomb, capsys) -> None:
    path = tmp_path / "政策.docx"
    path.write_bytes(docx_bomb)
    with pytest.raises(SystemExit):
        call_command("ingest", str(path), "--json", stdout=io.StringIO())
    assert "Word 文件解压后达 300 MB（上限 20 MB）" in capsys.readouterr().err


@pytest.mark.django_db
def test_a_text_longer_than_any_policy_is_refused(client, bureau_admin, media) -> None:
    client.force_login(bureau_admin)
    text = "一、总体要求\n" + "科技创新政策。" * 100_000
    response = client.post(
        reverse("policies:document_upload"),
        {"file": SimpleUploadedFile("政策.txt", text.encode()), "region": "370300"},
    )
    assert "文件的文字超过 50 万字" in response.content.decode()
    assert _nothing_written(media)


def test_an_xlsx_bomb_is_refused_on_upload(xlsx_bomb) -> None:
    started = time.monotonic()
    with pytest.raises(UploadRejected, match="Excel 文件解压后达"):
        check_upload(SimpleUploadedFile("机构.xlsx", xlsx_bomb))
    assert time.monotonic() - started < 2


@pytest.mark.django_db
def test_an_xlsx_bomb_is_refused_by_the_import_command(tmp_path, xlsx_bomb) -> None:
    path = tmp_path / "organizations.xlsx"
    path.write_bytes(xlsx_bomb)
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(path), stdout=io.StringIO(), stderr=errors)
    assert "Excel 文件解压后达" in errors.getvalue()
    assert not Organization.objects.exists()

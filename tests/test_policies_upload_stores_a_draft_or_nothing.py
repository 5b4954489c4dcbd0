"""An upload the parser reads becomes a draft with its source file; one it cannot read shows the
parser's Chinese message and leaves nothing behind."""

import io

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from policies.models import Clause, DocumentStatus, MoneyProvision, PolicyDocument, ResponsibleUnit

POLICY = (
    "关于支持科技创新平台建设的若干措施\n"
    "一、支持平台建设。对新认定的省级技术创新中心，给予不超过50万元补助。（责任单位：市科技局（牵头），市财政局）\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, name: str, content: bytes):
    return client.post(
        reverse("policies:document_upload"), {"file": SimpleUploadedFile(name, content), "region": "370300"}
    )


def blank_pdf() -> bytes:
    """A page with no text layer, as a scanner produces."""
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_readable_upload_becomes_a_draft_with_its_extractions(client, bureau_admin, media):
    client.force_login(bureau_admin)

    response = upload(client, "措施.txt", POLICY.encode())

    document = PolicyDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert (document.status, document.created_by, document.region_id) == (
        DocumentStatus.DRAFT,
        bureau_admin,
        "370300",
    )
    assert document.code.startswith("upload-")
    assert (media / document.source_file.name).read_bytes() == POLICY.encode()
    assert MoneyProvision.objects.get(document=document).amount_yuan == 500000
    assert ResponsibleUnit.objects.filter(document=document, role="lead").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("扫描件.pdf", blank_pdf(), "没有文字层（可能是扫描件）"),
        ("损坏.docx", b"PK\x03\x04not really a zip archive", "Word 文件已损坏"),
        ("空白.txt", b" \n\n ", "文件是空的"),
    ],
)
def test_an_unreadable_upload_shows_why_and_stores_nothing(
    client, bureau_admin, media, name, content, message
):
    client.force_login(bureau_admin)

    response = upload(client, name, content)

    assert response.status_code == 200 and message in response.content.decode()
    assert not PolicyDocument.objects.exists() and not Clause.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))

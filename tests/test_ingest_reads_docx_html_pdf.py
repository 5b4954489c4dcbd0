"""Word, web-page and PDF files are read through their text layer; unreadable files get a clear error."""

import io

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from policies.ingest import IngestError, parse_bytes

LINES = [
    "某市科学技术局关于支持企业研发的通知",
    "一、支持措施",
    "1.对新认定的企业，给予20万元奖励。（责任单位：市科技局）",
]


def _pdf(lines: list[str]) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 12)
    for index, line in enumerate(lines):
        page.drawString(50, 800 - 20 * index, line)
    if not lines:
        page.rect(50, 500, 200, 200, fill=1)  # a page with only a picture, like a scan
    page.save()
    return buffer.getvalue()


def _assert_sample(document) -> None:
    assert document.title == LINES[0]
    clause = document.clauses[-1]
    assert clause.path == "一.1"
    assert clause.lead_units == ["市科学技术局"]
    assert [(m.kind, m.amount_yuan) for m in document.money] == [("fixed", 200_000)]


def test_docx_paragraphs_and_tables_are_read():
    word = docx.Document()
    for line in LINES:
        word.add_paragraph(line)
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "2025年目标值"
    table.cell(1, 0).text, table.cell(1, 1).text = "高新技术企业", "300"
    buffer = io.BytesIO()
    word.save(buffer)
    document = parse_bytes(buffer.getvalue(), "通知.docx")
    _assert_sample(document)
    assert "高新技术企业\t300" in document.text


def test_html_drops_scripts_navigation_and_page_furniture():
    page = (
        "<html><head><script>var x = '一、脚本';</script></head><body>"
        "<nav>首页 政策文件 返回列表</nav>"
        + "".join(f"<p>{line}</p>" for line in LINES)
        + "<div>打印 关闭</div><div>浏览次数：128</div><div>字号：大 中 小</div></body></html>"
    )
    document = parse_bytes(page.encode("gb18030"), "notice.html")
    _assert_sample(document)
    assert "脚本" not in document.text and "浏览次数" not in document.text and "打印" not in document.text


def test_pdf_text_layer_is_read():
    _assert_sample(parse_bytes(_pdf(LINES), "notice.pdf"))


def test_scanned_pdf_without_text_is_refused():
    with pytest.raises(IngestError, match="该PDF没有文字层（可能是扫描件），请上传含文字的PDF或Word文件"):
        parse_bytes(_pdf([]), "scan.pdf")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "文件是空的"),
        (b"   \n ", "blank.docx", "文件是空的"),
        (b"not a zip", "broken.docx", "Word 文件已损坏"),
        (b"%PDF-1.4 garbage", "broken.pdf", "PDF 文件已损坏"),
        (b"\x00\x01\x02binary", "data.txt", "这不是文本文件"),
        (b"hello", "sheet.xlsx", "不支持的文件类型"),
    ],
)
def test_empty_or_malformed_files_are_refused_with_a_chinese_message(data, name, message):
    with pytest.raises(IngestError, match=message):
        parse_bytes(data, name)


def test_gb18030_text_is_decoded():
    document = parse_bytes("\n".join(LINES).encode("gb18030"), "notice.txt")
    _assert_sample(document)

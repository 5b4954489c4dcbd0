"""Turning an uploaded file (.txt, .docx, .pdf, .html) into plain text. Every failure is an IngestError
with a message a bureau clerk can act on."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path


class IngestError(ValueError):
    """A document that cannot be read; the message is shown to the user as is."""


SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


def read_bytes(data: bytes, filename: str) -> str:
    """The document's text layer, lines separated by newlines."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(f"不支持的文件类型“{suffix or filename}”，请上传 .txt、.docx、.pdf 或 .html 文件")
    if not data.strip():
        raise IngestError("文件是空的，请检查后重新上传")
    readers = {
        ".txt": _read_txt, ".docx": _read_docx, ".pdf": _read_pdf, ".html": _read_html, ".htm": _read_html
    }
    text = readers[suffix](data)
    if not text.strip():
        raise IngestError("文件中没有可读取的文字，请检查后重新上传")
    return text


def _decode(data: bytes) -> str:
    # Government sites still publish GB18030 (a superset of GBK and GB2312) beside UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError("无法识别文本文件的编码，请另存为 UTF-8 后重新上传")


def _read_txt(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise IngestError("这不是文本文件（含有二进制内容），请上传 .txt、.docx、.pdf 或 .html 文件")
    return _decode(data)


def _read_docx(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError("Word 文件已损坏或不是 .docx 格式（旧版 .doc 请先另存为 .docx）") from exc
    lines: list[str] = []
    body = document.element.body
    # Walk the body in order so that tables stay where they stand between paragraphs.
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if not row.tag.endswith("}tr"):
                    continue
                cells = [_cell_text(cell) for cell in row if cell.tag.endswith("}tc")]
                lines.append("\t".join(cell or "-" for cell in cells))
    return "\n".join(lines)


def _cell_text(cell: object) -> str:
    return "".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t")).strip()  # type: ignore[attr-defined]


def _read_pdf(data: bytes) -> str:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PDFSyntaxError, PdfminerException, ValueError, KeyError) as exc:
        raise IngestError("PDF 文件已损坏或无法打开，请检查后重新上传") from exc
    if not "".join(pages).strip():
        raise IngestError("该PDF没有文字层（可能是扫描件），请上传含文字的PDF或Word文件")
    return "\n\n".join(pages)


class _TextExtractor(HTMLParser):
    """Visible text of a web page, one block element per line, without scripts, styles or site navigation.
    A table row is one line with its cells separated by tabs (as the .docx reader gives them), even when the
    cells hold paragraphs, as pages saved from Word do."""

    SKIPPED = {"script", "style", "nav", "header", "footer", "noscript", "iframe", "form", "button", "select"}
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
              "title", "dd", "dt"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.in_cell = 0
        self.cells_in_row = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in {"td", "th"}:
            self.parts.append("\t" if self.cells_in_row else "")
            self.cells_in_row += 1
            self.in_cell += 1
        elif tag in self.BLOCKS:
            if tag == "tr":
                self.cells_in_row = 0
            self.parts.append(" " if self.in_cell and tag != "tr" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in {"td", "th"}:
            self.in_cell = max(0, self.in_cell - 1)
        elif tag in self.BLOCKS:
            self.parts.append(" " if self.in_cell and tag != "tr" else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append(" " if self.in_cell else "\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def _read_html(data: bytes) -> str:
    extractor = _TextExtractor()
    extractor.feed(_decode(data))
    extractor.close()
    return "".join(extractor.parts)

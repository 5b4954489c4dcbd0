"""Turning an uploaded file (.txt, .docx, .pdf, .html) into plain text. Every failure is an IngestError
with a message a bureau clerk can act on."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any


class IngestError(ValueError):
    """A document that cannot be read; the message is shown to the user as is."""


SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
# The longest real policy read so far (a provincial 条例 with its annexes) has about 60,000 characters; a text
# far beyond that is a bomb or not a policy, and its review page would be hundreds of megabytes.
MAX_TEXT_CHARACTERS = 500_000
MAX_PDF_PAGES = 500


def read_bytes(data: bytes, filename: str) -> str:
    """The document's text layer, lines separated by newlines."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(f"不支持的文件类型“{suffix or filename}”，请上传 .txt、.docx、.pdf 或 .html 文件")
    if not data.strip():
        raise IngestError("文件是空的，请检查后重新上传")
    readers = {
        ".txt": _read_txt,
        ".docx": _read_docx,
        ".pdf": _read_pdf,
        ".html": _read_html,
        ".htm": _read_html,
    }
    text = readers[suffix](data)
    if len(text) > MAX_TEXT_CHARACTERS:
        raise IngestError(
            f"文件的文字超过 {MAX_TEXT_CHARACTERS // 10_000} 万字（{len(text) // 10_000} 万字），"
            "不像是一份政策文件，已拒绝，未保存任何内容。请拆分后重新上传"
        )
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

    from kechuang.archives import DOCX_LIMITS, ArchiveTooLarge, check_archive

    try:
        check_archive(io.BytesIO(data), DOCX_LIMITS, kind="Word ")
    except ArchiveTooLarge as error:
        raise IngestError(str(error)) from error
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
    return "".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t")).strip()


def _read_pdf(data: bytes) -> str:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise IngestError(
                    f"PDF 共 {len(pdf.pages)} 页，超过 {MAX_PDF_PAGES} 页的上限，请拆分后重新上传"
                )
            pages = []
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                if sum(map(len, pages)) > MAX_TEXT_CHARACTERS:
                    break  # read_bytes refuses it; the rest of the pages need not be read
    except IngestError:
        raise
    except (PDFSyntaxError, PdfminerException, ValueError, KeyError) as exc:
        raise IngestError("PDF 文件已损坏或无法打开，请检查后重新上传") from exc
    if not "".join(pages).strip():
        raise IngestError("该PDF没有文字层（可能是扫描件），请上传含文字的PDF或Word文件")
    return "\n\n".join(pages)


# Elements that are never the document: scripts, styles and site navigation around the text.
_SKIPPED = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "noscript",
    "iframe",
    "form",
    "button",
    "select",
    "template",
    "canvas",
    "object",
    "svg",
}
_BLOCKS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tbody",
    "thead",
    "section",
    "article",
    "title",
    "dd",
    "dt",
    "dl",
    "blockquote",
    "pre",
    "center",
    "main",
    "aside",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|hide|d-none|sr-only|visually-hidden)(?:\s|$)", re.IGNORECASE)
# A table cell holding this much text, or paragraphs of its own, lays out the page (gov.cn puts the whole
# document in one cell); a data cell (a task table's 责任单位 column) holds a phrase or two.
_LAYOUT_CELL_CHARACTERS = 300
_LAYOUT_CELL_BLOCKS = 3


def _hidden(element: Any) -> bool:
    """Copies a saved page keeps out of sight (a print version, a mobile duplicate) are not its text."""
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
        or bool(_HIDDEN_CLASS.search(element.get("class") or ""))
    )


def _is_layout_cell(cell: Any) -> bool:
    blocks = sum(
        1 for node in cell.iterdescendants() if isinstance(node.tag, str) and node.tag in _BLOCKS | {"br"}
    )
    return (
        any(isinstance(node.tag, str) and node.tag == "table" for node in cell.iterdescendants())
        or blocks >= _LAYOUT_CELL_BLOCKS
        or len(cell.text_content()) > _LAYOUT_CELL_CHARACTERS
    )


class _PageText:
    """Visible text of a web page, one block element per line. A data-table row is one line with its cells
    separated by tabs (as the .docx reader gives them), even when the cells hold a paragraph each, as pages
    saved from Word do; a cell that lays out the page is read as blocks of its own."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def block(self) -> None:
        self.parts.append("\n")

    def walk(self, element: Any, inline: bool = False) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIPPED or _hidden(element):
            self._text(element.tail, inline)
            return
        if tag == "tr" and not inline:
            self._row(element)
        elif tag == "br":
            self.parts.append(" " if inline else "\n")
        else:
            is_block = tag in _BLOCKS
            if is_block:
                self.parts.append(" " if inline else "\n")
            self._text(element.text, inline)
            for child in element:
                self.walk(child, inline)
            if is_block:
                self.parts.append(" " if inline else "\n")
        self._text(element.tail, inline)

    def _row(self, row: Any) -> None:
        cells = [
            cell
            for cell in row
            if isinstance(cell.tag, str) and cell.tag in {"td", "th"} and not _hidden(cell)
        ]
        if any(_is_layout_cell(cell) for cell in cells):
            for cell in cells:
                self.walk_children(cell)
            return
        self.block()
        for index, cell in enumerate(cells):
            if index:
                self.parts.append("\t")
            self.walk_children(cell, inline=True)
        self.block()

    def walk_children(self, element: Any, inline: bool = False) -> None:
        self._text(element.text, inline)
        for child in element:
            self.walk(child, inline)
        if not inline:
            self.block()

    def _text(self, text: str | None, inline: bool) -> None:
        if text:
            self.parts.append(text.replace("\n", " ").replace("\r", " "))


def _read_html(data: bytes) -> str:
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(_decode(data))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise IngestError("网页文件无法读取，请另存为 .html 后重新上传") from exc
    page = _PageText()
    page.walk(root)
    return "".join(page.parts)

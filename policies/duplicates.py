"""Is this policy already loaded? The same 文号 (however its brackets and spaces are typed) or the same
normalised text means the same document, whatever file it came in."""

from __future__ import annotations

import re
import unicodedata

from policies.ingest.schema import ParsedDocument
from policies.models import PolicyDocument

# 鲁科字〔2025〕18号, 鲁科字[2025]18号, 鲁科字（2025）18号 and 鲁科字 〔2025〕 18 号 are one number.
_BRACKETS = re.compile(r"[〔〕\[\]［］【】()（）{}「」]")


def number_key(doc_number: str) -> str:
    """The 文号 with width, spaces and bracket spelling folded away; empty when there is none."""
    folded = unicodedata.normalize("NFKC", doc_number or "")
    return _BRACKETS.sub("", "".join(folded.split()))


def text_key(text: str) -> str:
    """The text with width and whitespace folded, so a re-saved copy with other line breaks matches."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def existing_copy(parsed: ParsedDocument) -> PolicyDocument | None:
    """The stored document with the same 文号, or else with the same text; None when it is new."""
    wanted_number = number_key(parsed.doc_number)
    if wanted_number:
        numbered = PolicyDocument.objects.exclude(doc_number="").only("id", "doc_number", "title")
        for document in numbered.iterator():
            if number_key(document.doc_number) == wanted_number:
                return document
    wanted_text = text_key(parsed.text)
    # The title is read from the text, so the same text has the same title: look there first, then
    # (a reviewer may have corrected the title) everywhere.
    documents = PolicyDocument.objects.only("id", "text", "title")
    for candidates in (documents.filter(title=parsed.title), documents.exclude(title=parsed.title)):
        for document in candidates.iterator():
            if text_key(document.text) == wanted_text:
                return document
    return None

"""Reading Chinese policy documents into clauses, responsible units, money and targets."""

from .pipeline import MAX_UPLOAD_BYTES, parse_bytes, parse_file, parse_text
from .readers import IngestError
from .schema import ParsedDocument

__all__ = ["MAX_UPLOAD_BYTES", "IngestError", "ParsedDocument", "parse_bytes", "parse_file", "parse_text"]

"""What the ingestion pipeline produces. Every item carries `start`/`end`: character offsets into
`ParsedDocument.text` (the normalised text), so the review page can highlight it in place.

`ParsedDocument.contract()` gives contract 2 in docs/interfaces.md (`kechuang ingest FILE --json`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field


class Located(BaseModel):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ParsedUnit(Located):
    name: str  # normalised through the unit dictionary, e.g. 市工业和信息化局
    raw: str  # as written in the text
    role: Literal["lead", "cooperating"]


class ParsedClause(Located):
    path: str  # the document's own numbering joined with dots: 二.(一).3
    heading: str
    text: str
    units: list[ParsedUnit] = []

    @property
    def lead_units(self) -> list[str]:
        return _unique(unit.name for unit in self.units if unit.role == "lead")

    @property
    def cooperating_units(self) -> list[str]:
        return _unique(unit.name for unit in self.units if unit.role == "cooperating")


class ParsedMoney(Located):
    clause_path: str
    text: str
    amount_yuan: Decimal | None  # None for a pure ratio (按增量5%)
    kind: Literal["cap", "fixed", "ratio"]
    ratio: Decimal | None = None  # 0.05 for 5%, 1 for 1:1
    per_unit: str | None = None  # 平方米 for 每平方米100元
    beneficiary: str = ""


class ParsedTarget(Located):
    clause_path: str | None  # None: a goal the document states before its first clause (its preamble)
    text: str
    indicator: str
    value: Decimal
    unit: str
    year: int | None
    comparator: Literal[">=", ">", "=", "<=", "<"]


class ParsedDate(Located):
    clause_path: str | None
    text: str
    date: dt.date
    kind: Literal["deadline", "issued", "effective_from", "effective_until"]


class ParsedDocument(BaseModel):
    title: str
    doc_number: str = ""
    issuer: str = ""
    issued_date: dt.date | None = None
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    text: str
    clauses: list[ParsedClause] = []
    money: list[ParsedMoney] = []
    targets: list[ParsedTarget] = []
    dates: list[ParsedDate] = []

    def contract(self) -> dict[str, Any]:
        """The JSON object of contract 2 in docs/interfaces.md, extended with each money provision's
        `per_unit` and
        with `dates` (deadlines, issue date and effective window, each with its clause path)."""

        def iso(day: dt.date | None) -> str | None:
            return day.isoformat() if day else None

        def number(value: Decimal | None) -> int | float | None:
            if value is None:
                return None
            return int(value) if value == value.to_integral_value() else float(value)

        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "issued_date": iso(self.issued_date),
            "effective_from": iso(self.effective_from),
            "effective_until": iso(self.effective_until),
            "clauses": [
                {
                    "path": c.path,
                    "heading": c.heading,
                    "text": c.text,
                    "lead_units": c.lead_units,
                    "cooperating_units": c.cooperating_units,
                }
                for c in self.clauses
            ],
            "money": [
                {
                    "clause_path": m.clause_path,
                    "text": m.text,
                    "amount_yuan": number(m.amount_yuan),
                    "kind": m.kind,
                    "ratio": number(m.ratio),
                    "per_unit": m.per_unit,
                    "beneficiary": m.beneficiary,
                }
                for m in self.money
            ],
            "targets": [
                {
                    "clause_path": t.clause_path,
                    "text": t.text,
                    "indicator": t.indicator,
                    "value": number(t.value),
                    "unit": t.unit,
                    "year": t.year,
                    "comparator": t.comparator,
                }
                for t in self.targets
            ],
            "dates": [
                {"clause_path": d.clause_path, "text": d.text, "date": iso(d.date), "kind": d.kind}
                for d in self.dates
            ],
        }


def _unique(names: Any) -> list[str]:
    return list(dict.fromkeys(names))

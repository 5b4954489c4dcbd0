"""GB/T 2260 containment by code alone, without the database: a region contains every code that
shares its prefix. Plain Python so that the DB-free calculator can use it too."""

from __future__ import annotations

NATIONAL_CODE = "000000"


def region_prefix(code: str) -> str:
    """The adcode digits that every region inside `code` shares: 370000 → 37, 370300 → 3703."""
    if code == NATIONAL_CODE:
        return ""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def region_contains(outer: str, inner: str | None) -> bool:
    return inner is not None and inner.startswith(region_prefix(outer))

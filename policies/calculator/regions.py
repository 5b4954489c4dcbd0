"""GB/T 2260 containment without the database: a region contains every code that shares its prefix."""

from __future__ import annotations


def region_prefix(code: str) -> str:
    """The adcode digits every region inside `code` shares (the logic of registry.models.region_prefix)."""
    if code == "000000":
        return ""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def region_contains(outer: str, inner: str | None) -> bool:
    return inner is not None and inner.startswith(region_prefix(outer))

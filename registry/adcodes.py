"""GB/T 2260 containment by code alone, without the database: a region contains every code that
shares its prefix. Plain Python so that the DB-free calculator can use it too."""

from __future__ import annotations

from functools import cache
from pathlib import Path

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


# Every code of the division table (provinces, cities, counties), as `kechuang load_regions` loads it,
# kept beside the code so that the DB-free calculator can check a region without the database.
# tests/test_region_codes_file_matches_table.py keeps it equal to the table.
REGION_CODES_FILE = Path(__file__).resolve().parent / "data" / "region_codes.txt"


@cache
def _known_codes() -> frozenset[str]:
    return frozenset(REGION_CODES_FILE.read_text(encoding="ascii").split()) | {NATIONAL_CODE}


def is_known_region(code: str) -> bool:
    return code in _known_codes()

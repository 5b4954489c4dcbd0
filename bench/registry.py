"""Registry benchmark (issue 3, point 11): list pages and list API at 100,000 organizations and 20,000
platforms, and the import rate of a 100,000-row organization file, on SQLite and on PostgreSQL.

    .venv/bin/python -m bench.registry [--database sqlite|postgres] [--orgs N] [--platforms N] [--requests N]

Without --database it runs SQLite, then PostgreSQL, each in its own process on a scratch database.
Requests go through Django's test client in the same process, so the figures are the application's
(ORM, templates, serialization), not the network's. Goals: p95 < 100 ms per list, import > 10,000 rows/s.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import (
    machine,
    percentile,
    record_run,
    run_each_database,
    scratch_database,
    setup_django,
    size_parser,
)

NAME = "registry"
GOAL_P95_MS = 100
GOAL_IMPORT_ROWS_PER_SECOND = 10_000
WARM_UP = 3
# The filtered lists ask for enterprises in Zibo (a city of the seed policies, counties included).
FILTERED = {"kind": "enterprise", "region": "370300"}
# A substring in about one name in fifteen, so the search has a full page of hits and a real count.
SEARCHED = {"q": "精密"}
# A name fragment only a handful of organizations share: the list has to look at every row to fill a page.
RARE = {"q": "华鑫精密"}
# A fragment of most names: the worst case for an index, which hands back nearly every row to sort.
COMMON = {"q": "有限公司"}
VARIANTS = {
    "all": {},
    "filtered": FILTERED,
    "searched": SEARCHED,
    "rare search": RARE,
    "common search": COMMON,
}
SEED_PROVINCES = {"370000", "520000"}

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
ENTERPRISE_SUFFIXES = ["科技有限公司", "有限公司", "股份有限公司", "技术有限公司", "集团有限公司"]
OTHER_KINDS = {
    "university": "学院",
    "research_institute": "研究院",
    "hospital": "医院",
    "financial_institution": "银行支行",
    "service_agency": "科技服务中心",
    "government_department": "局",
    "other": "协会",
}


def populate(organizations: int, platforms: int, rng: random.Random) -> dict[str, float]:
    """Fill the registry fast: bulk inserts, no history rows (this is data at rest, not edits)."""
    from registry.models import Organization, Platform, Region
    from registry.region_lookups import in_any_region
    from registry.regions import load_regions
    from registry.validators import make_uscc
    from registry.vocabulary import Level, PlatformStage, PlatformType

    started = time.perf_counter()
    load_regions()
    counties = list(
        Region.objects.filter(in_any_region(SEED_PROVINCES, "code"), level="county").select_related("parent")
    )
    batch = []
    for serial in range(organizations):
        county = rng.choice(counties)
        city = (county.parent.name if county.parent else county.name).removesuffix("市")
        industry = rng.choice(INDUSTRIES)
        brand = "".join(rng.sample(BRAND, 2))
        kind = "enterprise" if rng.random() < 0.85 else rng.choice(list(OTHER_KINDS))
        if kind == "enterprise":
            name = f"{city}{brand}{industry}{rng.choice(ENTERPRISE_SUFFIXES)}"
        else:
            name = f"{city}{brand}{industry}{OTHER_KINDS[kind]}"
        batch.append(
            Organization(
                name=name,
                uscc=make_uscc("91", county.code, serial),
                kind=kind,
                region_id=county.code,
                industry=industry,
                address=f"{county.name}{rng.randint(1, 999)}号",
                founded=dt.date(1990, 1, 1) + dt.timedelta(days=rng.randint(0, 12_000)),
                above_designated_size=rng.random() < 0.3,
            )
        )
    Organization.objects.bulk_create(batch, batch_size=1000)
    organizations_done = time.perf_counter()

    hosts = list(Organization.objects.values_list("pk", "region_id", "name"))
    levels = [Level.COUNTY, Level.MUNICIPAL, Level.PROVINCIAL, Level.NATIONAL]
    batch = []
    for _ in range(platforms):
        host, region, host_name = rng.choice(hosts)
        platform_type = rng.choice(PlatformType.choices)
        stage = rng.choice(PlatformStage.values)
        batch.append(
            Platform(
                name=f"{host_name.split('有限')[0]}{platform_type[1]}",
                platform_type=platform_type[0],
                stage=stage,
                level=rng.choice(levels) if stage == PlatformStage.APPROVED else "",
                host_id=host,
                region_id=region,
                field=rng.choice(INDUSTRIES),
            )
        )
    Platform.objects.bulk_create(batch, batch_size=1000)
    return {
        "organizations_seconds": organizations_done - started,
        "platforms_seconds": time.perf_counter() - organizations_done,
    }


def analyze() -> None:
    """Refresh planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` would after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure_requests(
    client: Any, url: str, params: dict[str, str], count: int, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(url, params, headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"{url} {params} answered {response.status_code}")
    # A served worker freezes what it loaded at start-up (kechuang.wsgi); measure the same.
    gc.freeze()
    with CaptureQueriesContext(connection) as captured:
        client.get(url, params, headers=headers)
    # Read the log now: the next request's request_started signal clears it.
    queries = list(captured.captured_queries)
    slowest = max(queries, key=lambda query: float(query["time"]))
    timings, cpu = [], []
    for _ in range(count):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url, params, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return {
        "url": url,
        "params": params,
        "requests": count,
        "p50_ms": round(percentile(timings, 0.50), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
        # This process's CPU time: on a busy machine it shows the work apart from waiting for a CPU.
        # (On PostgreSQL the server's own work is not in it.)
        "cpu_p50_ms": round(percentile(cpu, 0.50), 1),
        "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
        "queries": len(queries),
        "slowest_query_ms": round(float(slowest["time"]) * 1000, 1),
        "slowest_query": slowest["sql"][:400],
    }


def write_import_file(path: Path, rows: int, rng: random.Random) -> None:
    """A file of new organizations (USCC serials above the generated ones) with the usual columns."""
    from registry.models import Region
    from registry.region_lookups import in_any_region
    from registry.validators import make_uscc

    counties = list(
        Region.objects.filter(in_any_region(SEED_PROVINCES, "code"), level="county").values_list(
            "code", "name"
        )
    )
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["name", "uscc", "kind", "region", "industry", "address", "founded", "above_designated_size"]
        )
        for serial in range(5_000_000, 5_000_000 + rows):
            code, county = rng.choice(counties)
            industry = rng.choice(INDUSTRIES)
            writer.writerow(
                [
                    f"{county}{''.join(rng.sample(BRAND, 2))}{industry}{rng.choice(ENTERPRISE_SUFFIXES)}",
                    make_uscc("91", code, serial),
                    "enterprise",
                    code,
                    industry,
                    f"{county}{rng.randint(1, 999)}号",
                    (dt.date(1990, 1, 1) + dt.timedelta(days=rng.randint(0, 12_000))).isoformat(),
                    rng.choice(["是", "否"]),
                ]
            )


def measure_import(rows: int, user: Any, rng: random.Random) -> dict[str, Any]:
    """The whole import (read, validate, write with history), and a dry run to show what validation costs."""
    from registry.io.importer import import_file

    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        path = Path(folder) / "organizations.csv"
        write_import_file(path, rows, rng)
        started = time.perf_counter()
        checked = import_file(path, "organization", user=user, dry_run=True)
        dry_seconds = time.perf_counter() - started
        started = time.perf_counter()
        report = import_file(path, "organization", user=user)
        seconds = time.perf_counter() - started
    if report.errors or checked.errors:
        first = "; ".join(str(error) for error in (report.errors or checked.errors)[:5])
        raise RuntimeError(f"import refused the benchmark file: {first}")
    return {
        "rows": report.rows,
        "created": report.created,
        "seconds": round(seconds, 2),
        "rows_per_second": round(report.rows / seconds),
        "dry_run_seconds": round(dry_seconds, 2),
        "dry_run_rows_per_second": round(checked.rows / dry_seconds),
    }


def run(database: str, organizations: int, platforms: int, requests: int) -> dict[str, Any]:
    load_before = machine()["load_average_1_5_15_min"]
    with scratch_database(database, NAME):
        setup_django()
        from django.test import Client
        from django.urls import reverse

        from accounts.models import Role, User
        from registry.models import Organization

        rng = random.Random(2026)
        generation = populate(organizations, platforms, rng)
        analyze()
        admin = User.objects.create(username="bench-admin", role=Role.BUREAU_ADMIN)
        client = Client()
        client.force_login(admin)
        page, api = reverse("registry:organization_list"), "/api/registry/organizations/"
        # A list page shows its rows at once and asks for the total in a second htmx request.
        measured = [(f"page {variant}", page, params, None) for variant, params in VARIANTS.items()]
        measured += [
            (f"page {variant} (count)", page, {**params, "count": "1"}, {"HX-Request": "true"})
            for variant, params in VARIANTS.items()
        ]
        measured += [(f"api {variant}", api, params, None) for variant, params in VARIANTS.items()]
        lists = {}
        for label, url, params, headers in measured:
            row = measure_requests(client, url, params, requests, headers)
            row["matches"] = client.get(api, {**params, "limit": 1}).json()["count"]
            lists[label] = row
        imported = measure_import(organizations, admin, rng)
        return {
            "database": database,
            "organizations": organizations,
            "platforms": platforms,
            "total_organizations_after_import": Organization.objects.count(),
            "generation_seconds": {key: round(value, 1) for key, value in generation.items()},
            "lists": lists,
            "import": imported,
            "load_average_before_after": [load_before, machine()["load_average_1_5_15_min"]],
        }


def print_run(result: dict[str, Any]) -> None:
    before, after = result["load_average_before_after"]
    print(
        f"\n{result['database']}: {result['organizations']:,} organizations, "
        f"{result['platforms']:,} platforms (load average {before[0]} before, {after[0]} after)"
    )
    print(
        f"{'list':<30}{'matches':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'cpu p95':>9}{'queries':>9}"
        "  slowest query"
    )
    for label, row in result["lists"].items():
        verdict = "" if row["p95_ms"] < GOAL_P95_MS else "  ← over goal"
        print(
            f"{label:<30}{row['matches']:>9,}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['max_ms']:>9}"
            f"{row['cpu_p95_ms']:>9}{row['queries']:>9}  {row['slowest_query_ms']} ms{verdict}"
        )
    imported = result["import"]
    verdict = "" if imported["rows_per_second"] > GOAL_IMPORT_ROWS_PER_SECOND else "  ← under goal"
    print(
        f"import {imported['rows']:,} rows: {imported['seconds']} s, "
        f"{imported['rows_per_second']:,} rows/s{verdict} "
        f"(validation alone, dry run: {imported['dry_run_rows_per_second']:,} rows/s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = size_parser(
        "bench.registry",
        __doc__.split("\n\n")[0],
        requests=50,
        requests_help="timed requests per list",
        orgs_help="organizations generated, and rows in the imported file",
    )
    args = parser.parse_args(argv)
    if args.database is None:
        return run_each_database("bench.registry", args)
    result = run(args.database, args.orgs, args.platforms, args.requests)
    path = record_run(
        NAME,
        args.database,
        result,
        {
            "goals": {
                "list_p95_ms_below": GOAL_P95_MS,
                "import_rows_per_second_above": GOAL_IMPORT_ROWS_PER_SECOND,
            },
            "machine": {key: value for key, value in machine().items() if not key.startswith("load")},
        },
    )
    print_run(result)
    print(f"→ {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

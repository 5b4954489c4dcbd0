"""Planning benchmark (issue 6, point 7): the targets dashboard and the task ledger with 200 indicators,
2,000 tasks and 100,000 organizations, on SQLite and on PostgreSQL.

    .venv/bin/python -m bench.planning [--database sqlite|postgres] [--orgs N] [--platforms N] [--requests N]

Without --database it runs SQLite, then PostgreSQL, each in its own process on a scratch database. The
registry is filled as bench.registry does, plus approval events and qualifications for the computed
indicators to count. Goal: p95 < 300 ms per page.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from decimal import Decimal
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
from bench.registry import analyze, measure_requests, populate

NAME = "planning"
GOAL_P95_MS = 300
CITIES = ("370300", "371600", "371000", "520400", "370200", "370700")
UNITS = [
    "市科技局",
    "市发展改革委",
    "市工业和信息化局",
    "市财政局",
    "市教育局",
    "市人力资源社会保障局",
    "市国资委",
    "市地方金融监管局",
    "市农业农村局",
    "市市场监管局",
    "市委组织部",
    "市科协",
]
PLATFORM_GROUPS = [
    ["enterprise_technology_center"],
    ["key_laboratory", "engineering_laboratory"],
    ["technology_innovation_center", "engineering_research_center", "engineering_technology_research_center"],
    ["incubator", "maker_space"],
    ["academician_workstation"],
]


def add_events_and_qualifications(rng: random.Random) -> dict[str, int]:
    """An approval event for every approved platform, and yearly or three-year qualifications."""
    from registry.models import Organization, Platform, PlatformEvent, Qualification

    events = [
        PlatformEvent(
            platform_id=pk,
            stage="approved",
            level=level,
            date=dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3600)),
        )
        for pk, level in Platform.objects.filter(stage="approved").values_list("pk", "level")
    ]
    PlatformEvent.objects.bulk_create(events, batch_size=2000)
    grants = []
    for pk in Organization.objects.filter(kind="enterprise").values_list("pk", flat=True):
        draw = rng.random()
        granted = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 2900))
        if draw < 0.25:
            grants.append(
                Qualification(
                    organization_id=pk,
                    type="tech_sme",
                    granted=granted,
                    expires=granted + dt.timedelta(days=365),
                )
            )
        elif draw < 0.35:
            grants.append(
                Qualification(
                    organization_id=pk,
                    type="high_tech_enterprise",
                    granted=granted,
                    expires=granted + dt.timedelta(days=3 * 365),
                )
            )
    Qualification.objects.bulk_create(grants, batch_size=2000)
    return {"events": len(events), "qualifications": len(grants)}


def add_plans(indicator_count: int, task_count: int, rng: random.Random) -> None:
    from planning.models import Indicator, ProgressReport, ReportedValue, Target, Task, TaskUnit
    from planning.units import unit_key

    indicators = []
    for serial in range(indicator_count):
        computed = serial % 2 == 0
        if computed and serial % 4 == 0:
            definition, params = (
                "approved_platforms",
                {"types": rng.choice(PLATFORM_GROUPS), "min_level": rng.choice(["municipal", "provincial"])},
            )
        elif computed:
            definition, params = (
                "qualified_organizations",
                {"qualification": rng.choice(["tech_sme", "high_tech_enterprise"])},
            )
        else:
            definition, params = "", {}
        indicators.append(
            Indicator(
                code=f"bench-{serial}",
                name=f"基准指标{serial}",
                unit="家",
                region_id=rng.choice(CITIES),
                responsible_units=rng.sample(UNITS, 2),
                policy_code=f"bench-policy-{serial % 10}",
                clause_path="一",
                kind="computed" if computed else "reported",
                definition_key=definition,
                params=params,
                baseline_year=2020,
                baseline_value=Decimal(rng.randint(10, 500)),
                order=serial,
            )
        )
    Indicator.objects.bulk_create(indicators)
    targets, values = [], []
    for indicator in Indicator.objects.filter(code__startswith="bench-"):
        for year in range(2021, 2026):
            targets.append(
                Target(
                    indicator=indicator,
                    year=year,
                    value=indicator.baseline_value * Decimal(1 + 0.1 * (year - 2020)),
                )
            )
        if indicator.kind == "reported":
            for year in range(2021, 2025):
                values.append(
                    ReportedValue(
                        indicator=indicator,
                        year=year,
                        source="统计",
                        value=indicator.baseline_value * Decimal(1 + 0.09 * (year - 2020)),
                    )
                )
    Target.objects.bulk_create(targets, batch_size=2000)
    ReportedValue.objects.bulk_create(values, batch_size=2000)

    tasks = [
        Task(
            policy_code=f"bench-policy-{serial % 10}",
            clause_path=f"二.{serial}",
            title=f"基准任务{serial}",
            region_id=rng.choice(CITIES),
            deadline=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 3200)),
            text="任务内容" * 20,
            order=serial,
        )
        for serial in range(task_count)
    ]
    Task.objects.bulk_create(tasks, batch_size=1000)
    units, reports = [], []
    for task in Task.objects.filter(policy_code__startswith="bench-"):
        for order, name in enumerate(rng.sample(UNITS, rng.randint(1, 4))):
            units.append(
                TaskUnit(
                    task=task,
                    name=name,
                    key=unit_key(name),
                    role="lead" if order == 0 else "cooperating",
                    order=order,
                )
            )
        if rng.random() < 0.5:
            reports.append(
                ProgressReport(task=task, unit=name, text="进展顺利", percentage=rng.randint(10, 90))
            )
    TaskUnit.objects.bulk_create(units, batch_size=2000)
    ProgressReport.objects.bulk_create(reports, batch_size=2000)


def measure_counted_afresh(client: Any, url: str, count: int) -> dict[str, Any]:
    """The dashboard right after a registry change, when no computed value is cached and all are counted."""
    from planning.indicators import forget_cached_series

    timings = []
    for _ in range(count):
        forget_cached_series()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return {
        "url": url,
        "params": {},
        "requests": count,
        "p50_ms": round(percentile(timings, 0.50), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
    }


def run(database: str, organizations: int, platforms: int, requests: int) -> dict[str, Any]:
    with scratch_database(database, NAME):
        setup_django()
        from django.test import Client
        from django.urls import reverse

        from accounts.models import Role, User

        rng = random.Random(2026)
        generation = populate(organizations, platforms, rng)
        extra = add_events_and_qualifications(rng)
        add_plans(200, 2000, rng)
        analyze()
        admin = User.objects.create(username="bench-admin", role=Role.BUREAU_ADMIN)
        client = Client()
        client.force_login(admin)
        pages = {}
        for label, url, params in [
            ("dashboard all", reverse("planning:dashboard"), {}),
            ("dashboard Zibo", reverse("planning:dashboard"), {"region": "370300"}),
            ("ledger", reverse("planning:ledger"), {}),
            ("ledger one unit", reverse("planning:ledger"), {"unit": "淄博市科学技术局"}),
            # The API counts every computed indicator live (no cache): 200 indicators in one page.
            ("API indicators", "/api/planning/indicators/", {"limit": "200"}),
            ("API tasks", "/api/planning/tasks/", {"limit": "500"}),
        ]:
            pages[label] = measure_requests(client, url, params, requests)
        pages["dashboard all, counted afresh"] = measure_counted_afresh(
            client, reverse("planning:dashboard"), requests
        )
        return {
            "database": database,
            "organizations": organizations,
            "platforms": platforms,
            "indicators": 200,
            "tasks": 2000,
            **extra,
            "generation_seconds": {key: round(value, 1) for key, value in generation.items()},
            "pages": pages,
        }


def print_run(result: dict[str, Any]) -> None:
    print(
        f"\n{result['database']}: {result['organizations']:,} organizations, "
        f"{result['platforms']:,} platforms, {result['indicators']} indicators, {result['tasks']:,} tasks"
    )
    print(f"{'page':<31}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'queries':>9}  slowest query")
    for label, row in result["pages"].items():
        verdict = "" if row["p95_ms"] < GOAL_P95_MS else "  ← over goal"
        print(
            f"{label:<31}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['max_ms']:>9}{row.get('queries', ''):>9}"
            f"  {row.get('slowest_query_ms', '—')} ms{verdict}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = size_parser(
        "bench.planning", __doc__.split("\n\n")[0], requests=30, requests_help="timed requests per page"
    )
    args = parser.parse_args(argv)
    if args.database is None:
        return run_each_database("bench.planning", args)
    result = run(args.database, args.orgs, args.platforms, args.requests)
    path = record_run(
        NAME, args.database, result, {"goals": {"page_p95_ms_below": GOAL_P95_MS}, "machine": machine()}
    )
    print_run(result)
    print(f"→ {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks: `python -m bench` runs every module here, `python -m bench.<name>` one of them.

Each benchmark prints a table and writes bench/results/<name>.json. What they share lives here:
a throw-away database (a temp SQLite file or a fresh PostgreSQL database), Django set up on it with
production-like settings, and percentiles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
DATABASES = ("sqlite", "postgres")
# The local PostgreSQL server that CI also uses; the benchmark makes and drops its own database there.
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_ADMIN_DB = "test"


def _postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/{POSTGRES_ADMIN_DB}", autocommit=True) as connection:
        connection.execute(sql)


@contextmanager
def scratch_database(engine: str, name: str) -> Iterator[None]:
    """Point Django at an empty database for the duration, then throw it away.

    Must run before django.setup(): settings read the environment once."""
    if engine not in DATABASES:
        raise ValueError(f"unknown database {engine!r}; choose one of {', '.join(DATABASES)}")
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as data_dir:
        os.environ["KECHUANG_DATA_DIR"] = data_dir
        # Production-like: no DEBUG query log slowing every request down.
        os.environ["KECHUANG_DEBUG"] = "false"
        os.environ.setdefault("KECHUANG_SECRET_KEY", "benchmark-only-secret-key")
        if engine == "sqlite":
            os.environ.pop("DATABASE_URL", None)
            yield
            return
        database = f"kechuang_bench_{name}"
        _postgres(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        _postgres(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = f"{POSTGRES_SERVER}/{database}"
        try:
            yield
        finally:
            from django.db import connections

            connections.close_all()
            _postgres(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def setup_django() -> None:
    """Configure Django on the scratch database and create its tables."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kechuang.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `fraction` of values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def machine() -> dict[str, Any]:
    """Where the figures were taken; the load average tells whether other work competed for the CPUs."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_1_5_15_min": [round(load, 2) for load in os.getloadavg()],
    }


def save_results(name: str, results: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def load_results(name: str) -> dict[str, Any]:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def size_parser(
    module: str, description: str, *, requests: int, requests_help: str, orgs_help: str | None = None
) -> argparse.ArgumentParser:
    """The options of the benchmarks that time pages: which database, how much data, how many requests."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=description)
    parser.add_argument(
        "--database", choices=DATABASES, help="one database; without it both, one after the other"
    )
    parser.add_argument("--orgs", type=int, default=100_000, help=orgs_help)
    parser.add_argument("--platforms", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=requests, help=requests_help)
    return parser


def run_each_database(module: str, args: argparse.Namespace) -> int:
    """Run `python -m <module>` with the same sizes on each database, one after the other; 1 if any failed.

    Settings are read once per process, so each database gets a process of its own."""
    sizes = ["--orgs", str(args.orgs), "--platforms", str(args.platforms), "--requests", str(args.requests)]
    failed = 0
    for database in DATABASES:
        command = [sys.executable, "-m", module, "--database", database, *sizes]
        failed += subprocess.run(command, check=False).returncode != 0  # noqa: S603 - our own module
    return 1 if failed else 0


def record_run(name: str, database: str, result: dict[str, Any], shared: dict[str, Any]) -> Path:
    """Write one database's run to bench/results/<name>.json, keeping the other database's last run."""
    results = load_results(name)
    results.update(shared)
    measured_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results.setdefault("runs", {})[database] = {**result, "measured_at": measured_at}
    return save_results(name, results)

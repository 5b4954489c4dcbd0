"""p95 of list pages, search, detail pages and the targets dashboard under concurrent clients against
`kechuang serve` (gunicorn), driven by locust headless (bench/province/locustfile.py), logged in as a
bureau admin. The seed policies and their targets are loaded first (policies' and planning's demo parts,
not the demo population), so the dashboard has its indicators over the whole province."""

from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench import machine
from bench.province import configure
from bench.province.results import merge

GOAL_P95_MS = 150
USERNAME, PASSWORD = "bench-bureau", "bench-bureau-password"
HERE = Path(__file__).resolve().parent


def prepare() -> None:
    import django

    django.setup()
    from accounts.models import Role, User
    from kechuang.plugins import demo_loaders
    from policies.models import PolicyDocument
    from registry.models import Organization

    if not PolicyDocument.objects.exists():
        for label, load in demo_loaders():
            if label in {"policies", "planning"}:
                load(sys.stdout)
    bureau = Organization.objects.filter(kind="government_department").first() or Organization.objects.first()
    user, _ = User.objects.get_or_create(
        username=USERNAME, defaults={"role": Role.BUREAU_ADMIN, "organization": bureau, "is_staff": True}
    )
    user.set_password(PASSWORD)
    user.save()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(port: int, workers: int, threads: int) -> subprocess.Popen:
    environment = {
        **os.environ,
        "KECHUANG_BIND": f"127.0.0.1:{port}",
        "KECHUANG_WEB_WORKERS": str(workers),
        "KECHUANG_WEB_THREADS": str(threads),
        "KECHUANG_SECURE_COOKIES": "false",
        "KECHUANG_LOG_LEVEL": "ERROR",
    }
    environment.pop("KECHUANG_ACCESS_LOG_LEVEL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "kechuang.cli", "serve"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read()
            return server
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("kechuang serve did not start")


def read_stats(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as stats:
        return {
            row["Name"]: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "max_ms": float(row["Max Response Time"]),
            }
            for row in csv.DictReader(stats)
        }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.province pages")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn process")
    args = parser.parse_args(argv)
    configure()
    prepare()
    from registry.models import Organization

    organizations = Organization.objects.count()
    port = free_port()
    server = serve(port, args.workers, args.threads)
    try:
        with tempfile.TemporaryDirectory() as folder:
            environment = {**os.environ, "KC_BENCH_USER": USERNAME, "KC_BENCH_PASSWORD": PASSWORD}
            subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(HERE / "locustfile.py"),
                    "--headless",
                    "--only-summary",
                    "-u",
                    str(args.clients),
                    "-r",
                    str(args.clients),
                    "-t",
                    f"{args.seconds}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    f"{folder}/stats",
                    "--loglevel",
                    "WARNING",
                ],
                env=environment,
                check=False,
            )
            stats = read_stats(Path(folder) / "stats_stats.csv")
    finally:
        server.terminate()
        server.wait(timeout=60)
    print(f"{'page':<26} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'fail':>5}")
    for name, row in stats.items():
        print(
            f"{name:<26} {row['requests']:>8} {row['p50_ms']:>8.0f} {row['p95_ms']:>8.0f} "
            f"{row['failures']:>5}"
        )
    merge(
        "pages",
        {
            "organizations": organizations,
            "clients": args.clients,
            "seconds": args.seconds,
            "gunicorn": {"workers": args.workers, "threads": args.threads},
            "goal_p95_ms": GOAL_P95_MS,
            "pages": stats,
            "machine": machine(),
        },
    )
    return 0

"""The city-wide benefit run over the whole province database through RQ (the local Redis, database 9),
with 1 and then 2 `kechuang worker` processes: wall time, awards (the same digest both times) and the
peak resident memory of each worker (VmHWM)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench import machine
from bench.province import REDIS_URL, configure
from bench.province.results import merge

GOAL_SECONDS, GOAL_MIB = 60, 500


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def one_run(workers: int, year: int, environment: dict[str, str]) -> dict[str, object]:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kechuang.cli", "worker", "--verbosity", "0"],
            env=environment,
        )
        for _ in range(workers)
    ]
    time.sleep(3)  # let the workers start before the clock does
    try:
        started = time.perf_counter()
        done = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "kechuang.cli",
                "benefit_run",
                "--year",
                str(year),
                "--wait",
                "--json",
                "--timeout",
                "7200",
            ],
            env=environment,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - started
        memory = [peak_mib(process.pid) for process in processes]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=60)
    result = json.loads(done.stdout)
    return {
        "workers": workers,
        "seconds": round(seconds, 1),
        "organizations": result["total"],
        "awards": result["awards"],
        "awards_sha256": result["awards_sha256"],
        "total_yuan": result["summary"]["total"],
        "peak_mib_per_worker": memory,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.province run")
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 1])
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args(argv)
    configure()
    environment = {**os.environ, "KECHUANG_TASK_BACKEND": "rq", "KECHUANG_REDIS_URL": REDIS_URL}
    runs = []
    for workers in args.workers:
        run = one_run(workers, args.year, environment)
        print(
            f"{workers} worker(s): {run['seconds']} s for {run['organizations']:,} organizations, "
            f"{run['awards']:,} awards, peak MiB per worker {run['peak_mib_per_worker']}",
            flush=True,
        )
        runs.append(run)
    merge(
        "run",
        {
            "runs": runs,
            "same_awards": len({run["awards_sha256"] for run in runs}) == 1,
            "goal_seconds_two_workers": GOAL_SECONDS,
            "goal_mib_per_worker": GOAL_MIB,
            "machine": machine(),
        },
    )
    return 0

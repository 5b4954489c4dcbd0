"""The city-wide run through RQ on the local Redis with two `kechuang worker` processes, one of them killed
in the middle of a chunk, gives the same awards as the run in a single process."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from ops.tests import databases
from ops.tests.databases import KECHUANG, run

ORGANIZATIONS = 3000
REDIS_URL = "redis://127.0.0.1:6379/13"  # a database of its own, emptied before and after
LEASE_SECONDS = "3"

pytestmark = pytest.mark.redis


@pytest.fixture
def environment(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A database of the test's own with a population loaded through the import path."""
    base = databases.create(
        tmp_path, "rq_city_run", KECHUANG_REDIS_URL=REDIS_URL, KECHUANG_TASK_LEASE_SECONDS=LEASE_SECONDS
    )
    queue = redis.Redis.from_url(REDIS_URL)
    queue.flushdb()
    run(base, *KECHUANG, "migrate", "--verbosity", "0")
    run(base, sys.executable, "-m", "ops.tests.population", str(ORGANIZATIONS))
    yield base
    queue.flushdb()
    databases.drop(base)


def chunks(environment: dict[str, str], run_id: int) -> list[tuple[int, str, bool, int]]:
    sql = "SELECT id, claimed_by, done, attempts FROM policies_benefitrunchunk WHERE run_id = %s ORDER BY id"
    return [
        (pk, by, bool(done), attempts)
        for pk, by, done, attempts in databases.query(environment, sql, [run_id])
    ]


def newest_run(environment: dict[str, str]) -> int | None:
    return databases.query(environment, "SELECT max(id) FROM policies_benefitrun")[0][0]


def kill_in_the_middle_of_a_chunk(environment: dict[str, str], victim: subprocess.Popen, run_id: int) -> int:
    """Freeze the victim while it holds an unfinished chunk, check that it still does, then kill it."""
    mine = f":{victim.pid}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        held = [
            pk for pk, by, done, _attempts in chunks(environment, run_id) if by.endswith(mine) and not done
        ]
        if held:
            victim.send_signal(signal.SIGSTOP)
            still = [pk for pk, by, done, _ in chunks(environment, run_id) if by.endswith(mine) and not done]
            if still:
                victim.kill()
                victim.wait()
                return still[0]
            victim.send_signal(signal.SIGCONT)
        time.sleep(0.02)
    raise AssertionError("the victim worker never held a chunk")


def test_two_rq_workers_one_killed_give_the_single_process_result(environment: dict[str, str]) -> None:
    single = {**environment, "KECHUANG_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    expected = json.loads(run(single, *KECHUANG, "benefit_run", "--year", "2025", "--wait", "--json"))
    assert expected["status"] == "done" and expected["awards"] > 0

    queued = {**environment, "KECHUANG_TASK_BACKEND": "rq"}
    workers = [
        subprocess.Popen([*KECHUANG, "worker", "--verbosity", "0"], env=queued)  # noqa: S603
        for _ in range(2)
    ]
    try:
        follower = subprocess.Popen(  # noqa: S603
            [*KECHUANG, "benefit_run", "--year", "2025", "--wait", "--json", "--timeout", "300"],
            env=queued,
            stdout=subprocess.PIPE,
            text=True,
        )
        run_id = None
        while run_id is None or run_id == expected["run"]:
            run_id = newest_run(environment)
            time.sleep(0.05)
        killed_chunk = kill_in_the_middle_of_a_chunk(environment, workers[0], run_id)
        output, _ = follower.communicate(timeout=300)
        assert follower.returncode == 0
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
    result = json.loads(output)
    assert result["status"] == "done"
    assert (result["total"], result["done"]) == (ORGANIZATIONS, ORGANIZATIONS)
    for key in ("awards", "awards_sha256", "summary"):
        assert result[key] == expected[key], key
    state = {pk: (by, done, attempts) for pk, by, done, attempts in chunks(environment, run_id)}
    by, done, attempts = state[killed_chunk]
    assert done and attempts >= 2 and by.endswith(f":{workers[1].pid}")
    assert all(done for _by, done, _attempts in state.values())

"""The OpenAPI schema tells the truth (contract 7 in docs/interfaces.md): schemathesis fuzzes every operation
of /api/openapi.json on a live server holding the demo, once anonymously and once with the bureau's token,
and finds no server error, no response outside its declared schema and no endpoint that declares an
authentication it does not enforce (public catalogues declare theirs optional).

The run is bounded (KECHUANG_FUZZ_EXAMPLES cases per operation and phase, a fixed seed, so a finding
reproduces); its output, with `st replay` commands, is the failure message.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import ApiToken, User

CHECKS = "not_a_server_error,response_schema_conformance,ignored_auth"
EXAMPLES = os.environ.get("KECHUANG_FUZZ_EXAMPLES", "6")
ALL_PHASES = "examples,coverage,fuzzing,stateful"
SEED = os.environ.get("KECHUANG_FUZZ_SEED", "20261203")


def schemathesis_command() -> str:
    beside = Path(sys.executable).with_name("schemathesis")
    found = str(beside) if beside.exists() else shutil.which("schemathesis")
    assert found, "schemathesis is a test dependency (pip install -e .[test])"
    return found


@pytest.fixture
def demo_site(live_server, transactional_db, settings) -> str:
    """A live server with the whole demo (every app's part) and its logins."""
    settings.DEBUG = True  # the demo logins exist on development machines only
    call_command("demo", scale=0.05, stdout=io.StringIO(), stderr=io.StringIO())
    return live_server.url


def fuzz(site: str, tmp_path: Path, name: str, phases: str, *headers: str) -> tuple[int, str]:
    command = [
        schemathesis_command(),
        "run",
        f"{site}/api/openapi.json",
        "--phases",
        phases,
        "--checks",
        CHECKS,
        "--max-examples",
        EXAMPLES,
        "--seed",
        SEED,
        "--workers",
        # The live server's in-memory SQLite test database takes one writer at a time.
        "1" if connection.vendor == "sqlite" else "2",
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path / name),
    ]
    for header in headers:
        command += ["--header", header]
    # schemathesis keeps a cache in its working directory: the test's own folder, not the checkout.
    finished = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path)  # noqa: S603
    return finished.returncode, finished.stdout + finished.stderr


def summary(output: str) -> str:
    figures = re.compile(r"generated|Operations|passed in|failures")
    lines = [line for line in output.splitlines() if figures.search(line)]
    return " | ".join(line.strip() for line in lines)


def test_every_operation_keeps_its_schema_anonymously_and_with_a_token(demo_site, tmp_path) -> None:
    bureau = User.objects.get(username="demo-bureau")
    _, token = ApiToken.issue(bureau, "schemathesis")

    # Anonymously every write is refused before its body is read, so the boundary values of the coverage
    # phase (thousands of cases) would all meet the same 401; the token's run goes through them all.
    code, output = fuzz(demo_site, tmp_path, "anonymous", "examples,fuzzing,stateful")
    print("anonymous:", summary(output))  # the figures, shown with -s
    assert code == 0, output

    code, output = fuzz(demo_site, tmp_path, "bureau", ALL_PHASES, f"Authorization: Bearer {token}")
    print("bureau token:", summary(output))
    assert code == 0, output

"""`kechuang serve` starts gunicorn with whitenoise: health, pages' assets and JSON log lines."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

KECHUANG = [sys.executable, "-m", "kechuang.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def wait_for_health(url: str, server: subprocess.Popen) -> tuple[int, bytes]:
    """Start-up gathers the static files first; on a busy machine that takes a while."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            status, body, _headers = get(url)
            return status, body
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"kechuang serve did not answer (exit code {server.poll()})")


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("KECHUANG_", "DATABASE"))
    }
    environment.update(
        KECHUANG_DATA_DIR=str(tmp_path),
        KECHUANG_DEBUG="false",
        KECHUANG_SECRET_KEY="x" * 50,
        KECHUANG_SSL_REDIRECT="false",  # the test speaks plain HTTP to gunicorn; no proxy in front
        KECHUANG_WEB_WORKERS="2",
        KECHUANG_WEB_THREADS="2",
        PYTHONPATH=os.getcwd(),
    )
    subprocess.run([*KECHUANG, "migrate", "--verbosity", "0"], env=environment, check=True)  # noqa: S603
    return environment


def test_serve(production_env: dict[str, str], tmp_path: Path) -> None:
    port = free_port()
    production_env["KECHUANG_BIND"] = f"127.0.0.1:{port}"
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen([*KECHUANG, "serve"], env=production_env, stderr=log)  # noqa: S603
    try:
        base = f"http://127.0.0.1:{port}"
        status, body = wait_for_health(f"{base}/healthz", server)
        assert status == 200, body
        assert json.loads(body)["checks"] == {"database": "ok", "queue": "ok", "cache": "ok"}
        status, body, _headers = get(f"{base}/")
        assert status == 200
        assert b"vendor/htmx/htmx.min.js" in body
        status, asset, headers = get(f"{base}/static/vendor/htmx/htmx.min.js")
        assert status == 200 and b"htmx" in asset
        assert headers["Content-Type"].startswith("text/javascript")
        status, metrics, _headers = get(f"{base}/metrics")
        assert status == 200 and b"kechuang_http_request_duration_seconds" in metrics
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("name") == "kechuang.requests"]
    assert {"method": "GET", "path": "/healthz", "status": 200, "view": "ops:healthz"}.items() <= requests[
        0
    ].items()
    assert all("duration_ms" in line for line in requests)

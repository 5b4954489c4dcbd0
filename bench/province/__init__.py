"""Province-scale benchmark (issue 15, point 5; not in CI): a million organizations on PostgreSQL.

    python -m bench.province load  [--orgs N]          # fill (or top up) database kc_province
    python -m bench.province pages [--clients 16]      # p95 of pages under gunicorn, locust headless
    python -m bench.province run   [--workers 1 2]     # the city-wide benefit run through RQ

Each step prints its figures and merges them into bench/results/province.json with the scale used.
"""

from __future__ import annotations

import os

DATABASE = "kc_province"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
# Redis database 9 with its own prefix keeps the benchmark's queue apart from anyone else's.
REDIS_URL = "redis://127.0.0.1:6379/9"


def configure() -> None:
    """Production-like settings on the benchmark database; must run before django.setup()."""
    os.environ.setdefault("DATABASE_URL", f"{POSTGRES_SERVER}/{DATABASE}")
    os.environ.setdefault("KECHUANG_DEBUG", "false")
    os.environ.setdefault("KECHUANG_SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("KECHUANG_DATA_DIR", "/tmp/kc-province-data")  # noqa: S108 - benchmark scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kechuang.settings")

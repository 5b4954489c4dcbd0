"""What /healthz checks: the database, the task queue and the cache, each `ok` or `failed`."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

from ops import queue

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    # A key of its own per check, so concurrent probes never read each other's value.
    key, value = f"kechuang:healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was just stored")
    finally:
        cache.delete(key)


CHECKS: dict[str, Callable[[], object]] = {
    "database": check_database,
    "queue": queue.depths,
    "cache": check_cache,
}


def run_checks() -> dict[str, str]:
    """Every check's outcome; a failure is logged with its cause (the answer itself only says `failed`)."""
    outcomes = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("health check %s failed", name)
            outcomes[name] = "failed"
        else:
            outcomes[name] = "ok"
    return outcomes

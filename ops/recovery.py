"""Work a dead worker left behind, queued again by the workers that live.

Every installed app's `tasks.py` may define `requeue_stale(lease: timedelta, queue_empty: bool) -> int`:
queue again what a worker started longer than `lease` ago and never finished, and, when the queue is
empty, what was queued long ago and never started (benefits.tasks does both for the chunks of city-wide
runs). Every `kechuang worker` calls them all every few seconds, so work survives as long as
any one worker does, on any machine."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.db import close_old_connections, connection

from kechuang.plugins import app_modules
from ops import queue

logger = logging.getLogger(__name__)


def requeue_stale(lease: timedelta) -> int:
    queue_empty = not any(queue.depths().values())
    requeued = 0
    for label, module in app_modules("tasks"):
        requeue = getattr(module, "requeue_stale", None)
        if callable(requeue):
            count = requeue(lease, queue_empty)
            if count:
                logger.warning("requeued %d stale %s task(s) left by a stopped worker", count, label)
            requeued += count
    return requeued


def start_sweeping(lease: timedelta) -> threading.Event:
    """A daemon thread calling `requeue_stale` every quarter lease; set the returned event to stop it."""
    stop = threading.Event()
    interval = max(1.0, lease.total_seconds() / 4)

    def sweep() -> None:
        while not stop.wait(interval):
            close_old_connections()
            try:
                requeue_stale(lease)
            except Exception:
                logger.exception("could not requeue stale tasks")
            finally:
                connection.close()

    threading.Thread(target=sweep, name="kechuang-requeue", daemon=True).start()
    return stop

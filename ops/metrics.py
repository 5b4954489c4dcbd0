"""Prometheus metrics (prometheus-client): request latency, task queue depth, task durations.

Under `kechuang serve` and `kechuang worker` every process writes its samples to
PROMETHEUS_MULTIPROC_DIR (set by kechuang.cli), so /metrics of any web worker reports the whole machine;
elsewhere (runserver, tests) the samples stay in the process."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

from ops import queue

logger = logging.getLogger(__name__)
requests_log = logging.getLogger("kechuang.requests")

REQUEST_SECONDS = Histogram(
    "kechuang_http_request_duration_seconds",
    "Time to answer a request, by view and status",
    ["method", "view", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10),
)
TASK_SECONDS = Histogram(
    "kechuang_task_duration_seconds",
    "Time a background task ran, by task and outcome",
    ["task", "status"],
    buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800),
)


class QueueDepthCollector(Collector):
    """Read at scrape time, so every scrape sees the queue as it is, whichever process answers."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "kechuang_task_queue_depth", "Tasks waiting in each queue", labels=["queue"]
        )
        try:
            for name, count in queue.depths().items():
                family.add_metric([name], count)
        except Exception:
            logger.exception("could not read the task queue depth")
        yield family


def registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        scraped = CollectorRegistry()
        MultiProcessCollector(scraped)
    else:
        scraped = REGISTRY
    return scraped


_queue_collector = QueueDepthCollector()


def exposition() -> bytes:
    scraped = registry()
    own = CollectorRegistry()
    own.register(_queue_collector)
    return generate_latest(scraped) + generate_latest(own)


class RequestMetricsMiddleware:
    """Times every request (static files included: it sits before whitenoise) and logs one line for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        match = getattr(request, "resolver_match", None)
        # The view name, never the path: label values must stay few.
        view = match.view_name if match else ("static" if response.streaming else "unmatched")
        REQUEST_SECONDS.labels(request.method, view, str(response.status_code)).observe(seconds)
        requests_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "view": view,
                "duration_ms": round(seconds * 1000, 1),
            },
        )
        return response


_started: dict[str, float] = {}


def _task_started(sender: Any, task_result: Any, **kwargs: Any) -> None:
    _started[task_result.id] = time.perf_counter()


def _task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    started = _started.pop(task_result.id, None)
    if started is not None:
        TASK_SECONDS.labels(task_result.task.name, task_result.status.lower()).observe(
            time.perf_counter() - started
        )


def connect_task_signals() -> None:
    from django_tasks.signals import task_finished, task_started

    task_started.connect(_task_started, dispatch_uid="ops.metrics.started")
    task_finished.connect(_task_finished, dispatch_uid="ops.metrics.finished")


def forget_dead_processes() -> None:
    """Drop the sample files of processes that no longer run (a restarted server starts its counts anew)."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        return
    for path in os.scandir(folder):
        pid = path.name.rsplit("_", 1)[-1].removesuffix(".db")
        if pid.isdigit() and not _alive(int(pid)):
            os.remove(path.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

"""`kechuang worker`: run background tasks with the configured backend, on any number of machines.

The database backend (default) runs django-tasks-db's `db_worker`; the RQ backend (KECHUANG_TASK_BACKEND=rq)
runs django-rq's `rqworker` with RQ's SimpleWorker, which runs each task in the worker process itself (no
fork per task: less memory, and a stopped worker stops its task). Beside either, a thread queues again the
work of workers that died (ops.recovery)."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from prometheus_client import start_http_server

from ops import metrics, queue
from ops.recovery import start_sweeping

DEFAULT_LEASE_SECONDS = 300


class Command(BaseCommand):
    help = "运行后台任务（城市批量测算、大文件导入）；数据库后端或 RQ 后端由 KECHUANG_TASK_BACKEND 决定"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--queue", default="default", help="队列名（默认 default）")
        parser.add_argument("--burst", action="store_true", help="处理完已排队的任务后退出")
        parser.add_argument(
            "--lease",
            type=float,
            default=float(os.environ.get("KECHUANG_TASK_LEASE_SECONDS", DEFAULT_LEASE_SECONDS)),
            help="开始后超过此秒数仍未完成的任务视为其进程已停止，重新排队（默认 300）",
        )
        parser.add_argument(
            "--metrics-port", type=int, help="在此端口提供本机的 Prometheus 指标（另一台机器上的进程用）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["metrics_port"]:
            start_http_server(options["metrics_port"], registry=metrics.registry())
        stop = start_sweeping(timedelta(seconds=options["lease"]))
        try:
            if queue.uses_rq():
                call_command(
                    "rqworker",
                    options["queue"],
                    worker_class="rq.worker.SimpleWorker",
                    job_class="django_tasks_rq.backend.Job",
                    burst=options["burst"],
                )
            else:
                call_command("db_worker", queue_name=options["queue"], batch=options["burst"], reload=False)
        finally:
            stop.set()

"""gunicorn settings for `kechuang serve`, from the environment (README, "Production serving")."""

import os

from prometheus_client import multiprocess

bind = os.environ.get("KECHUANG_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KECHUANG_WEB_WORKERS", "2"))
threads = int(os.environ.get("KECHUANG_WEB_THREADS", "4"))
timeout = int(os.environ.get("KECHUANG_WEB_TIMEOUT", "60"))
# Load the application once and fork: workers share its memory, and a broken set-up fails at start.
preload_app = True
# Requests are logged by ops.metrics.RequestMetricsMiddleware, as JSON like every other line.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}


def child_exit(server, worker) -> None:
    multiprocess.mark_process_dead(worker.pid)

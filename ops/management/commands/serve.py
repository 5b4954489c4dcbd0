"""`kechuang serve`: the production web server (gunicorn, whitenoise for static files)."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ops.metrics import forget_dead_processes


class Command(BaseCommand):
    help = "用 gunicorn 提供网页服务（KECHUANG_BIND、KECHUANG_WEB_WORKERS、KECHUANG_WEB_THREADS）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", help="地址:端口（默认 KECHUANG_BIND 或 127.0.0.1:8000）")
        parser.add_argument("--workers", type=int, help="进程数（默认 KECHUANG_WEB_WORKERS 或 2）")
        parser.add_argument("--threads", type=int, help="每进程线程数（默认 KECHUANG_WEB_THREADS 或 4）")

    def handle(self, *args: Any, **options: Any) -> None:
        # whitenoise serves what collectstatic gathered (front-end assets included): gather it first.
        call_command("collectstatic", interactive=False, verbosity=0)
        forget_dead_processes()
        command = [sys.executable, "-m", "gunicorn", "--config", "python:ops.gunicorn_conf"]
        for option in ("bind", "workers", "threads"):
            if options[option]:
                command += [f"--{option}", str(options[option])]
        command.append("kechuang.wsgi:application")
        sys.stdout.flush()
        os.execv(sys.executable, command)  # noqa: S606 - our own interpreter running gunicorn

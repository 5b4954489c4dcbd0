"""`kechuang benefit_run --year YYYY [--wait] [--json]`: start a city-wide run (政策找企业) from a shell.

The run's chunks go to the task queue, so workers (`kechuang worker`) on any machine evaluate them; with
--wait the command follows the run to its end and prints its totals and a digest of every award, which
is the same for two runs over the same data and rules however many workers shared them."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from benefits.models import BenefitAward, BenefitRun, RunStatus
from benefits.tasks import start_run


def awards_digest(run: BenefitRun) -> tuple[int, str]:
    """How many awards a run wrote and a SHA-256 over them in a fixed order."""
    digest = hashlib.sha256()
    rows = (
        BenefitAward.objects.filter(run=run)
        .order_by("organization__uscc", "rule_id")
        .values_list("organization__uscc", "rule_id", "amount", "excluded_by")
    )
    count = 0
    for uscc, rule, amount, excluded_by in rows.iterator(chunk_size=5000):
        digest.update(f"{uscc}|{rule}|{amount}|{excluded_by}\n".encode())
        count += 1
    return count, digest.hexdigest()


class Command(BaseCommand):
    help = "发起全市政策批量测算（各任务进程分块计算）；--wait 等待完成并输出汇总"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True, help="测算年度")
        parser.add_argument("--wait", action="store_true", help="等待测算完成")
        parser.add_argument("--timeout", type=float, default=3600, help="--wait 最长等待秒数（默认 3600）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        run = start_run(options["year"], None)
        if options["wait"]:
            deadline = time.monotonic() + options["timeout"]
            while run.status == RunStatus.RUNNING:
                if time.monotonic() > deadline:
                    raise CommandError(f"测算 #{run.pk} 超时未完成（已完成 {run.done}/{run.total}）")
                time.sleep(0.2)
                run.refresh_from_db()
        result: dict[str, Any] = {
            "run": run.pk,
            "year": run.year,
            "status": run.status,
            "total": run.total,
            "done": run.done,
        }
        if run.status == RunStatus.DONE:
            count, digest = awards_digest(run)
            result.update(
                seconds=round(time.perf_counter() - started, 2),
                awards=count,
                awards_sha256=digest,
                summary=run.summary,
            )
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(
                f"测算 #{run.pk}（{run.year}年）：{run.get_status_display()}，{run.done}/{run.total} 家机构"
            )
            if "summary" in result:
                self.stdout.write(
                    f"合计 {result['summary']['total']} 元，{result['awards']} 条，{result['seconds']} 秒"
                )
        if run.status == RunStatus.FAILED:
            raise CommandError(f"测算 #{run.pk} 失败")

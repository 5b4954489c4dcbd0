"""The seed policies' targets and tasks for `kechuang demo` (called after policies.demo)."""

from __future__ import annotations

from typing import TextIO

from planning import demo_actuals
from planning.plans import load_all


def load(stdout: TextIO) -> None:
    for policy, indicator_count, task_count in load_all():
        stdout.write(f"目标与任务：{policy} 指标 {indicator_count} 项，任务 {task_count} 项\n")
    filled = demo_actuals.add()
    if filled:
        stdout.write(f"目标监测：{filled} 项填报指标补入演示数据（{demo_actuals.DEMO_SOURCE}）\n")

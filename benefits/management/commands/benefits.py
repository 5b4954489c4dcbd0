"""`kechuang benefits`: evaluate every benefit rule against entity snapshots (contract 3 in
docs/interfaces.md).

With --entity or --entities it never touches the database, so it runs on a machine with no database
configured or migrated. With --organization USCC it evaluates the snapshot `kechuang snapshot USCC`
prints (the database form), so the two paths give the same items.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from benefits.calculator import (
    Calculator,
    RuleError,
    SnapshotError,
    load_rulebook,
    parse_snapshot,
)
from benefits.calculator.batch import (
    DEEPLY_NESTED,
    dumps,
    evaluate_blocks_in_workers,
    evaluate_stream,
    json_error_text,
)
from benefits.calculator.engine import Result
from benefits.calculator.explain import KIND_LABELS
from benefits.calculator.money import format_yuan
from benefits.management.arguments import year_argument


class Command(BaseCommand):
    help = "按已编码的政策规则计算实体在某年度可享受的奖补(不访问数据库)"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--entity", metavar="FILE.json", help="一个实体快照(JSON 对象)")
        parser.add_argument(
            "--entities", metavar="FILE.jsonl", help="每行一个实体快照;逐行输出结果(- 表示标准输入)"
        )
        parser.add_argument(
            "--organization",
            metavar="USCC",
            help="按数据库中该机构的实体快照计算(与 kechuang snapshot USCC 打印的相同)",
        )
        parser.add_argument("--year", help="计算年度,例如 2024")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出(单个实体)")
        parser.add_argument("--nearly", action="store_true", help="同时列出接近符合条件的政策(单个实体)")
        parser.add_argument("--rules", metavar="DIR", help="规则目录(默认 benefits/rules)")
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="批量模式下并行计算的进程数,默认为可用的处理器核数(结果仍按输入顺序输出)",
        )
        parser.add_argument(
            "--explain",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="为每个可享受的项目附上理由(单个实体默认附上;批量默认不附,explanation 为 null)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = year_argument(options["year"])
        if sum(bool(options[source]) for source in ("entity", "entities", "organization")) != 1:
            raise CommandError(
                "请给出 --entity FILE.json(单个实体)、--entities FILE.jsonl(批量)"
                "或 --organization USCC(数据库中的机构)中的一个"
            )
        rules_dir = Path(options["rules"]) if options["rules"] else None
        try:
            calculator = Calculator(load_rulebook(rules_dir))
        except RuleError as exc:
            raise CommandError(f"规则文件有误:{exc}") from None
        explain = options["explain"]
        if options["entities"]:
            self._batch(options["entities"], year, calculator, options["workers"], rules_dir, bool(explain))
            return
        if options["organization"]:
            snapshot = _organization_snapshot(options["organization"], year, calculator)
        else:
            snapshot = _read_snapshot(options["entity"])
        try:
            result = calculator.evaluate(
                snapshot, year, explain=explain is not False, nearly=options["nearly"]
            )
        except ArithmeticError:
            raise CommandError("金额超出可计算范围，请检查快照中的数值") from None
        if options["json"]:
            self.stdout.write(dumps(result.as_dict(with_nearly=options["nearly"]), indent=2))
        else:
            self.stdout.write(_as_text(result))

    def _batch(
        self,
        path: str,
        year: int,
        calculator: Calculator,
        workers: int,
        rules_dir: Path | None,
        explain: bool,
    ) -> None:
        if workers < 1:
            raise CommandError("--workers 至少为 1")
        try:
            stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}:{exc.strerror}") from None
        # Results are UTF-8 bytes: straight to the binary output under a terminal or a pipe, decoded
        # only for a text sink (call_command's StringIO).
        binary = getattr(self.stdout, "buffer", None)
        with stream:
            if workers == 1:
                blocks = evaluate_stream(stream, year, calculator, explain=explain)
            else:
                blocks = evaluate_blocks_in_workers(
                    stream, year, workers, rules_dir, explain=explain, calculator=calculator
                )
            for block in blocks:
                if binary is None:
                    self.stdout.write(block.decode(), ending="")
                else:
                    binary.write(block)
            if binary is not None:
                binary.flush()


def default_workers() -> int:
    """The processors this process may run on (a container may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _organization_snapshot(uscc: str, year: int, calculator: Calculator) -> Any:
    # Imported here: only this form reads the database; the file forms run without the app registry
    # (kechuang.cli), and the registry's models cannot even be imported there.
    from benefits.snapshots import snapshot_of_uscc

    try:
        return parse_snapshot(snapshot_of_uscc(uscc, year, calculator.rulebook))
    except LookupError as error:
        raise CommandError(str(error)) from None


def _read_snapshot(path: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"无法读取文件 {path}:{exc.strerror}") from None
    except UnicodeDecodeError:
        raise CommandError(f"文件 {path} 不是 UTF-8 编码的文本") from None
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise CommandError(f"文件 {path} 不是有效的 JSON:{json_error_text(exc)}") from None
    except RecursionError:
        # 100,000 nested brackets: the decoder's recursion guard, worded like its other refusals.
        raise CommandError(f"文件 {path} 不是有效的 JSON：{DEEPLY_NESTED}（最多约 900 层）") from None
    try:
        return parse_snapshot(data)
    except SnapshotError as exc:
        raise CommandError(f"实体快照有误:{exc}") from None


def _as_text(result: Result) -> str:
    snapshot = result.snapshot
    lines = [f"{snapshot.name or '(未命名)'} {snapshot.uscc or ''} · {result.year} 年度可享受的政策"]
    if not result.items:
        lines.append("  没有符合条件的奖补。")
    for number, item in enumerate(result.items, 1):
        spec, explanation = item.rule.spec, item.explanation or {}
        lines.append(
            f"{number}. {spec.title} [{item.rule.policy.code} {spec.clause}]:"
            f"{format_yuan(item.amount)}({KIND_LABELS[spec.kind]})"
        )
        if item.excluded_by:
            lines.append(f"   不计入合计:与 {item.excluded_by} 就高不就低,不重复享受")
        lines.append(f"   条文:{spec.text}")
        for condition in explanation.get("conditions", []):
            lines.append(f"   {'✓' if condition['met'] else '✗'} {condition['text']}")
        for step in explanation.get("calculation", []):
            lines.append(f"   计算:{step}")
        if spec.interpretation:
            lines.append(f"   解释:{spec.interpretation}")
    lines.append(f"合计:{format_yuan(result.total)}")
    for near in result.nearly or []:
        gaps = ";".join(gap["text"] for gap in near["missing"])
        lines.append(f"接近符合:{near['title']} [{near['clause']}]:{gaps}")
    return "\n".join(lines)

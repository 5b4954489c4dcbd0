"""The streaming batch path: one snapshot per JSON line in, one result per line out, in input order.

A line that is not JSON or not a valid snapshot yields `{"line": N, "error": "…"}` and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import msgspec
import orjson

from .engine import Calculator
from .explain import Phrases, phrases
from .money import json_number
from .rules import load_rulebook
from .snapshot import SnapshotError, parse_snapshot
from .wire import fast_snapshot


def evaluate_lines(
    lines: Iterable[str | bytes], year: int, calculator: Calculator, start: int = 1, explain: bool = False
) -> Iterator[str]:
    """Evaluate JSON lines lazily, yielding one JSON line (without newline) per input line.

    Compact by default (each item's `explanation` is null); with `explain`, every item received is
    explained as on the single-entity path."""
    words = phrases() if explain else None  # the language cannot change within a batch
    for number, line in enumerate(lines, start):
        yield evaluate_line(line, number, year, calculator, words).decode()


def evaluate_line(
    line: str | bytes, number: int, year: int, calculator: Calculator, words: Phrases | None
) -> bytes:
    """The result line (JSON, no newline) of input line `number`; explained when `words` are given."""
    snapshot = fast_snapshot(line)
    if snapshot is None:
        try:
            snapshot = parse_snapshot(decode(line))
        except json.JSONDecodeError as exc:
            reason = json_error_text(exc, with_line=False)
            return dump_bytes({"line": number, "error": f"第 {number} 行不是有效的 JSON:{reason}"})
        except UnicodeDecodeError:
            return dump_bytes({"line": number, "error": f"第 {number} 行不是 UTF-8 编码的文本"})
        except SnapshotError as exc:
            return dump_bytes({"line": number, "error": f"第 {number} 行:{exc}"})
    try:
        result = calculator.evaluate(snapshot, year, explain=words is not None, words=words)
    except ArithmeticError:
        # Decimal refuses amounts beyond its context (about 10^25 yuan): that line is bad input.
        return dump_bytes({"line": number, "error": f"第 {number} 行:金额超出可计算范围,请检查数值"})
    return dump_bytes(result.as_dict())


def evaluate_block(block: bytes, year: int, calculator: Calculator, start: int, explain: bool) -> bytes:
    """The result lines of a block of whole input lines, each result ending in a newline, in order."""
    words = phrases() if explain else None
    # split(b"\n"), not splitlines(): JSON strings may hold U+2028 and other line separators, and a
    # "\r" before the newline is whitespace to the decoder.
    lines = block.split(b"\n")
    if not lines[-1]:
        lines.pop()
    results = [
        evaluate_line(line, number, year, calculator, words) for number, line in enumerate(lines, start)
    ]
    results.append(b"")
    return b"\n".join(results)


def evaluate_stream(
    stream: BinaryIO | TextIO,
    year: int,
    calculator: Calculator,
    explain: bool = False,
    block_size: int = 1 << 20,
) -> Iterator[bytes]:
    """The result lines of a whole input stream in one process, in blocks of about `block_size` input
    bytes: one write per block, and the input read in large pieces rather than line by line."""
    for start, block in _blocks(stream, block_size):
        yield evaluate_block(block, year, calculator, start, explain)


def evaluate_blocks_in_workers(
    stream: BinaryIO | TextIO,
    year: int,
    workers: int,
    rules_dir: Path | None = None,
    block_chars: int = 1 << 20,
    explain: bool = False,
    calculator: Calculator | None = None,
) -> Iterator[bytes]:
    """The same results, computed by `workers` processes: yields blocks of whole result lines (each
    line ending in a newline, UTF-8), in input order.

    The parent only cuts the input into blocks at line ends and writes what comes back; at most two
    blocks per worker are in flight, so memory stays bounded however long the input is.
    """
    global _worker_calculator
    # A fork copies only the calling thread: a lock another thread held (logging, a test's browser
    # driver) stays held forever in the child, which then hangs. Fork only a single-threaded process.
    methods = multiprocessing.get_all_start_methods()
    forking = "fork" in methods and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if forking else "spawn")
    pending: deque = deque()
    # Forked workers inherit the parent's compiled rules instead of reading the rule files again.
    _worker_calculator = calculator if forking else None
    with context.Pool(workers, initializer=_start_worker, initargs=(rules_dir,)) as pool:
        for start, block in _blocks(stream, block_chars):
            pending.append(pool.apply_async(_evaluate_block, (block, year, start, explain)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _blocks(stream: BinaryIO | TextIO, size: int) -> Iterator[tuple[int, bytes]]:
    """(number of the first line, UTF-8 bytes of whole lines) of about `size` bytes each. A text stream
    is read as the UTF-8 it would be written as."""
    start, carry = 1, b""
    while data := stream.read(size):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        data = carry + data
        cut = data.rfind(b"\n") + 1
        block, carry = data[:cut], data[cut:]
        if block:
            yield start, block
            start += block.count(b"\n")
    if carry:
        yield start, carry + b"\n"


_worker_calculator: Calculator | None = None  # one per worker process, built from the same rule files


def _start_worker(rules_dir: Path | None) -> None:
    global _worker_calculator
    if _worker_calculator is None:
        from django.conf import settings

        # A spawned worker starts bare, as `kechuang benefits --entities` does (kechuang/cli.py).
        if not settings.configured:
            settings.configure(USE_I18N=False, LANGUAGE_CODE="zh-hans")
        _worker_calculator = Calculator(load_rulebook(rules_dir))


def _evaluate_block(block: bytes, year: int, start: int, explain: bool) -> bytes:
    assert _worker_calculator is not None, "worker started without its rulebook"
    return evaluate_block(block, year, _worker_calculator, start, explain)


JSON_MESSAGES = {
    "Expecting value": "此处应为一个值",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "属性名必须用双引号括起",
    "Unterminated string starting at": "字符串没有结束",
    "Extra data": "JSON 之后还有多余内容",
    "Invalid control character at": "字符串中有控制字符",
}
DEEPLY_NESTED = "JSON 嵌套层数过多"


def json_error_text(exc: json.JSONDecodeError, with_line: bool = True) -> str:
    """The decoder's message in Chinese, with the position (line and column are 1-based)."""
    where = f"第 {exc.lineno} 行第 {exc.colno} 列" if with_line else f"第 {exc.colno} 列"
    return f"{where},{JSON_MESSAGES.get(exc.msg, exc.msg)}"


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} 不能写成 JSON")


# Every JSON fraction becomes a Decimal exactly as written. msgspec's decoder hands the text of each
# fraction to Decimal and is twice as fast as the standard one; a line it refuses goes to the standard
# decoder, which then decides (it accepts NaN, lone surrogates…) and words the error. Output (already
# ints, floats and strings) goes through orjson, a third of the cost of the standard encoder.
DECODER = json.JSONDecoder(parse_float=Decimal)
_FAST_DECODER = msgspec.json.Decoder(float_hook=Decimal)


def decode(text: str | bytes) -> Any:
    """One JSON document, fractions as Decimal; raises json.JSONDecodeError like the standard decoder
    (and UnicodeDecodeError for bytes that are not UTF-8)."""
    try:
        return _FAST_DECODER.decode(text)
    except msgspec.DecodeError:
        pass
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    try:
        return DECODER.decode(text)
    except RecursionError:
        raise json.JSONDecodeError(DEEPLY_NESTED, text, 0) from None


def dump_bytes(value: Any) -> bytes:
    """Compact JSON as UTF-8 bytes, as the batch writes it."""
    try:
        return orjson.dumps(value, default=_default)
    except orjson.JSONEncodeError:  # integers beyond 64 bits, echoed from an unusual snapshot
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_default).encode()


def dumps(value: Any, indent: int | None = None) -> str:
    if indent is None:
        return dump_bytes(value).decode()
    return json.dumps(value, ensure_ascii=False, indent=indent, default=_default)

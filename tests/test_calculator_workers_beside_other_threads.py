"""Workers started from a process that runs other threads (a web server, a test's browser driver) are
spawned, not forked: a fork copies locks that other threads hold, and the child waits on them forever.
The spawned workers start bare and give the same lines as one process."""

import io
import json
import threading

from bench.calculator import population
from benefits.calculator import Calculator, evaluate_lines, load_rulebook
from benefits.calculator.batch import dumps, evaluate_blocks_in_workers


def test_workers_beside_a_running_thread_give_the_single_process_lines() -> None:
    lines = [dumps(snapshot) for snapshot in population(400, 2024)]
    calculator = Calculator(load_rulebook())
    expected = list(evaluate_lines(lines, 2024, calculator, explain=True))

    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        blocks = evaluate_blocks_in_workers(
            io.StringIO("\n".join(lines) + "\n"),
            2024,
            2,
            block_chars=4096,
            explain=True,
            calculator=calculator,
        )
        got = b"".join(blocks).decode().splitlines()
    finally:
        stop.set()
    assert got == expected
    assert sum(json.loads(line)["total_yuan"] > 0 for line in got) > 50

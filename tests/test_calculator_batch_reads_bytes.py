"""The batch reads its input as bytes in blocks: a line that is not UTF-8 is that line's error and the
run goes on; Windows line ends and a last line without its newline read as any other line."""

import json
import subprocess
import sys

from bench.calculator import population
from benefits.calculator import Calculator, load_rulebook
from benefits.calculator.batch import dumps, evaluate_stream

# The first synthetic enterprise receives the instrument-sharing reward (150,000 yuan).
RECEIVING = dumps(population(1, 2024)[0])


def lines_of(output: bytes) -> list[dict]:
    return [json.loads(line) for line in output.decode("utf-8").split("\n")[:-1]]


def test_a_line_that_is_not_utf8_is_its_own_error(tmp_path):
    good = RECEIVING.encode()
    bad = b'{"name": "\xff\xfe", "region": "371002"}'
    path = tmp_path / "in.jsonl"
    path.write_bytes(good + b"\r\n" + bad + b"\n" + good)
    with path.open("rb") as stream:
        results = lines_of(
            b"".join(evaluate_stream(stream, 2024, Calculator(load_rulebook()), block_size=16))
        )
    assert [result.get("line") for result in results] == [None, 2, None]
    assert results[1]["error"] == "第 2 行不是 UTF-8 编码的文本"
    assert results[0]["total_yuan"] == results[2]["total_yuan"] == 150000


def test_the_command_writes_the_same_bytes_in_one_process_and_in_workers(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([RECEIVING] * 50 + ["{broken"]), encoding="utf-8")
    outputs = [
        subprocess.run(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "kechuang.cli",
                "benefits",
                "--entities",
                str(path),
                "--year",
                "2024",
                *extra,
            ],
            check=True,
            capture_output=True,
        ).stdout
        for extra in (["--workers", "1"], ["--workers", "2"])
    ]
    assert outputs[0] == outputs[1]
    results = lines_of(outputs[0])
    assert len(results) == 51 and results[-1]["line"] == 51 and results[0]["total_yuan"] == 150000

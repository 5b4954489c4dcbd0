"""`kechuang ingest FILE --json` prints contract 2; errors exit 1 with a Chinese message on stderr."""

import json
import subprocess
import sys
from pathlib import Path

from policies.seeds import SEEDS_BY_CODE

CONTRACT_KEYS = {
    "title",
    "doc_number",
    "issuer",
    "issued_date",
    "effective_from",
    "effective_until",
    "clauses",
    "money",
    "targets",
    "dates",
}


def _ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own console command
        [sys.executable, "-m", "kechuang.cli", "ingest", *args],
        capture_output=True,
        check=False,
    )


def test_json_has_the_contract_shape():
    result = _ingest(str(SEEDS_BY_CODE["weihai-2023-innovation-city"].path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    document = json.loads(result.stdout.decode("utf-8"))
    assert set(document) == CONTRACT_KEYS
    assert document["doc_number"] == "威政发〔2023〕5号"
    assert document["effective_until"] == "2028-07-12"
    assert set(document["clauses"][0]) == {"path", "heading", "text", "lead_units", "cooperating_units"}
    money_keys = {"clause_path", "text", "amount_yuan", "kind", "ratio", "per_unit", "beneficiary"}
    assert set(document["money"][0]) == money_keys
    until = {"clause_path": None, "text": "2028年7月12日", "date": "2028-07-12", "kind": "effective_until"}
    assert until in document["dates"]
    first = document["money"][0]
    assert (first["clause_path"], first["amount_yuan"], first["kind"]) == ("二.(一).1", 10_000_000, "fixed")
    assert "威海市人民政府" in result.stdout.decode("utf-8")  # not \u escapes


def test_summary_without_json_is_readable_chinese():
    result = _ingest(str(SEEDS_BY_CODE["zibo-2023-sci-province"].path))
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert "文号：淄科发〔2023〕22号" in text
    line = "二.2 推动产业创新平台提质升级  牵头：市科学技术局  配合：市发展和改革委员会、市工业和信息化局"
    assert line in text


def test_empty_file_exits_1_with_message(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _ingest(str(empty), "--json")
    assert result.returncode == 1
    assert result.stdout == b""
    assert "文件是空的" in result.stderr.decode("utf-8")


def test_missing_file_exits_1(tmp_path: Path):
    result = _ingest(str(tmp_path / "missing.pdf"))
    assert result.returncode == 1
    assert "找不到文件" in result.stderr.decode("utf-8")

"""`kechuang benefits` follows contract 3 and never needs the database."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

WEIHAI_ENTERPRISE = {
    "name": "威海蓝海医疗器械有限公司",
    "uscc": "91371000MA3C5XY71J",
    "kind": "enterprise",
    "region": "371002",
    "above_designated_size": True,
    "qualifications": [{"type": "high_tech_enterprise", "granted": "2023-12-01", "expires": "2026-11-30"}],
    "annual": {"2023": {"rd_expense": 15000000}, "2024": {"rd_expense": 18000000}},
    "events": [
        {
            "type": "platform_approved",
            "date": "2024-05-10",
            "platform_type": "key_laboratory",
            "level": "national",
            "role": "lead",
        }
    ],
}


def run(*args: str) -> str:
    out = StringIO()
    call_command("benefits", *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_single_entity_json_has_exactly_the_contract_fields(tmp_path):
    path = write(tmp_path, "e.json", json.dumps(WEIHAI_ENTERPRISE, ensure_ascii=False))
    result = json.loads(run("--entity", path, "--year", "2024", "--json"))
    assert set(result) == {"entity", "year", "items", "total_yuan"}
    assert result["year"] == 2024
    assert {tuple(sorted(item)) for item in result["items"]} == {
        ("amount_yuan", "clause", "excluded_by", "explanation", "kind", "policy", "rule", "title")
    }
    amounts = {item["rule"]: (item["amount_yuan"], item["kind"]) for item in result["items"]}
    assert amounts == {
        "weihai-2023.key-lab-national-lead": (10000000, "fixed"),
        "weihai-2023.rd-increment": (150000, "cap"),
    }
    assert result["total_yuan"] == 10150000


def test_text_output_names_the_clause_and_the_reasons(tmp_path):
    path = write(tmp_path, "e.json", json.dumps(WEIHAI_ENTERPRISE, ensure_ascii=False))
    text = run("--entity", path, "--year", "2024")
    assert "全国重点实验室（牵头创建）奖励" in text
    assert "✓ 研发投入较上年度增长率：20.00%（需 ≥ 10.00%）" in text
    assert "合计:10,150,000 元" in text


def test_missing_year_is_a_chinese_error(tmp_path):
    path = write(tmp_path, "e.json", json.dumps(WEIHAI_ENTERPRISE))
    with pytest.raises(CommandError, match="缺少 --year"):
        run("--entity", path)


def test_unknown_event_type_is_a_chinese_error(tmp_path):
    entity = {**WEIHAI_ENTERPRISE, "events": [{"type": "platform_moved", "date": "2024-01-01"}]}
    path = write(tmp_path, "e.json", json.dumps(entity))
    with pytest.raises(CommandError, match="事件的类型 'platform_moved' 未知"):
        run("--entity", path, "--year", "2024")


def test_malformed_file_is_a_chinese_error(tmp_path):
    path = write(tmp_path, "e.json", '{"region": "371002",')
    with pytest.raises(CommandError, match="不是有效的 JSON"):
        run("--entity", path, "--year", "2024")


def test_batch_streams_one_result_per_line_in_order_and_survives_bad_lines(tmp_path):
    zibo = {
        "region": "370322",
        "annual": {"2024": {"employees": 20}},
        "events": [
            {
                "type": "voucher_used",
                "date": "2024-06-01",
                "cost_yuan": 100000,
                "provincial_subsidy_yuan": 40000,
            }
        ],
    }
    lines = [json.dumps(WEIHAI_ENTERPRISE), "{not json", json.dumps({"name": "无地区"}), json.dumps(zibo)]
    path = write(tmp_path, "all.jsonl", "\n".join(lines) + "\n")
    for workers in ("1", "2"):
        results = [
            json.loads(line)
            for line in run("--entities", path, "--year", "2024", "--workers", workers).splitlines()
        ]
        assert [r.get("line") for r in results] == [None, 2, 3, None]
        assert "不是有效的 JSON" in results[1]["error"]
        assert "region" in results[2]["error"]
        assert results[0]["total_yuan"] == 10150000
        assert [item["rule"] for item in results[3]["items"]] == [
            "zibo-2020.innovation-voucher-gaoqing-yiyuan"
        ]
        assert results[3]["total_yuan"] == 30000


def test_command_runs_with_an_unreachable_database_and_exits_1_on_error(tmp_path):
    path = write(tmp_path, "e.json", json.dumps(WEIHAI_ENTERPRISE))
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "KECHUANG_DATA_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "kechuang.cli", "benefits", "--entity", path, "--year", "2024", "--json"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total_yuan"] == 10150000
    # The database-free process prints what the command prints with the project's settings, explanations
    # included (the same bytes `--organization` prints for this snapshot).
    assert json.loads(done.stdout) == json.loads(run("--entity", path, "--year", "2024", "--json"))
    failed = subprocess.run(command[:-3], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    assert failed.returncode == 1
    assert "缺少 --year" in failed.stderr


def test_batch_refuses_numbers_beyond_64_bits_with_an_error_line(tmp_path):
    huge = {
        **WEIHAI_ENTERPRISE,
        "annual": {"2023": {"rd_expense": 10**20}, "2024": {"rd_expense": 2 * 10**20}},
    }
    lines = json.dumps(huge) + "\n" + json.dumps(WEIHAI_ENTERPRISE) + "\n"
    path = write(tmp_path, "huge.jsonl", lines)
    refused, paid = [json.loads(line) for line in run("--entities", path, "--year", "2024").splitlines()]
    reason = "annual.2023.rd_expense:数值 100000000000000000000 超出可计算范围(不超过 1,000,000,000,000,000)"
    assert refused == {"line": 1, "error": f"第 1 行:{reason}"}
    assert paid["items"]

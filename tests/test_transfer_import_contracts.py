"""`kechuang import FILE --kind contract` loads the registration office's registered contracts, all or
nothing (contract 10): every row is checked first, errors name the row and the column, a known 登记号
is updated on re-import, and a party outside the registry keeps its name."""

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.transfer_helpers import weihai_enterprise, weihai_university
from transfer.models import Contract
from transfer.vocabulary import ContractStatus

pytestmark = pytest.mark.django_db

HEADER = [
    "registration_no",
    "contract_type",
    "seller_uscc",
    "buyer_uscc",
    "buyer_name",
    "signed",
    "registered",
    "amount_yuan",
    "technical_amount_yuan",
]


def write_csv(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_rows_become_registered_contracts_with_both_parties(tmp_path, capsys):
    seller, buyer = weihai_university(), weihai_enterprise()
    path = write_csv(
        tmp_path / "contracts.csv",
        [
            [
                "2025371000000101",
                "development",
                seller.uscc,
                buyer.uscc,
                "",
                "2025-03-01",
                "2025-03-20",
                "4,000,000",
                "3800000",
            ],
            [
                "2025371000000102",
                "技术咨询",
                seller.uscc,
                "",
                "上海某咨询公司",
                "2025-04-01",
                "2025-04-15",
                "80000",
                "80000",
            ],
        ],
    )

    call_command("import", str(path), kind="contract")

    first = Contract.objects.get(registration_no="2025371000000101")
    assert first.status == ContractStatus.REGISTERED
    assert (first.seller, first.buyer) == (seller, buyer)
    assert (first.seller_kind, first.buyer_kind, first.buyer_region_id) == (
        "university",
        "enterprise",
        "371002",
    )
    assert (first.amount_yuan, first.technical_amount_yuan) == (Decimal("4000000"), Decimal("3800000"))
    assert first.registered == dt.date(2025, 3, 20)
    outside = Contract.objects.get(registration_no="2025371000000102")
    assert (outside.contract_type, outside.buyer, outside.buyer_name) == (
        "consulting",
        None,
        "上海某咨询公司",
    )
    assert "新增2条" in capsys.readouterr().out


def test_any_bad_row_writes_nothing_and_every_error_names_row_and_column(tmp_path, capsys):
    seller, buyer = weihai_university(), weihai_enterprise()
    path = write_csv(
        tmp_path / "contracts.csv",
        [
            [
                "2025371000000101",
                "development",
                seller.uscc,
                buyer.uscc,
                "",
                "2025-03-01",
                "2025-03-20",
                "4000000",
                "3800000",
            ],
            [
                "2025371000000102",
                "贸易",
                seller.uscc,
                buyer.uscc,
                "",
                "2025-03-01",
                "2025-02-20",
                "100",
                "200",
            ],
            [
                "2025371000000103",
                "service",
                "91371002MA00000000",
                "",
                "",
                "2025-13-01",
                "2025-03-20",
                "-5",
                "1",
            ],
            [
                "2025371000000101",
                "service",
                seller.uscc,
                buyer.uscc,
                "",
                "2025-03-01",
                "2025-03-20",
                "1",
                "1",
            ],
        ],
    )

    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("import", str(path), kind="contract")

    errors = capsys.readouterr().err
    assert "第3行 合同类型：“贸易”不是可选的值" in errors
    assert "第4行 卖方统一社会信用代码：统一社会信用代码校验位错误" in errors
    assert "第4行 签订日期：“2025-13-01”不是有效日期" in errors
    assert "第4行 成交额：应为不小于0的金额（元）" in errors
    assert "第4行 买方名称：请填写统一社会信用代码或名称" in errors
    assert "第5行 登记号：与第2行的登记号重复" in errors
    assert not Contract.objects.exists()


def test_consistency_errors_are_reported_when_cells_are_readable(tmp_path, capsys):
    seller, buyer = weihai_university(), weihai_enterprise()
    path = write_csv(
        tmp_path / "contracts.csv",
        [
            [
                "2025371000000102",
                "transfer",
                seller.uscc,
                buyer.uscc,
                "",
                "2025-03-01",
                "2025-02-20",
                "100",
                "200",
            ],
        ],
    )
    with pytest.raises(CommandError):
        call_command("import", str(path), kind="contract")
    errors = capsys.readouterr().err
    assert "第2行 技术交易额：技术交易额不能大于成交额" in errors
    assert "第2行 登记日期：登记日期不能早于签订日期" in errors


def test_a_missing_required_column_is_an_error_of_the_file(tmp_path, capsys):
    path = write_csv(
        tmp_path / "contracts.csv", [["1", "development"]], header=["registration_no", "contract_type"]
    )
    with pytest.raises(CommandError):
        call_command("import", str(path), kind="contract")
    assert "表头 卖方统一社会信用代码：缺少必填列" in capsys.readouterr().err


def test_reimporting_a_known_number_updates_it_and_keeps_history(tmp_path):
    seller, buyer = weihai_university(), weihai_enterprise()
    row = {
        "registration_no": "2025371000000101",
        "contract_type": "transfer",
        "seller_uscc": seller.uscc,
        "buyer_uscc": buyer.uscc,
        "signed": "2025-03-01",
        "registered": "2025-03-20",
        "amount_yuan": "1000000",
        "technical_amount_yuan": "1000000",
    }
    path = tmp_path / "contracts.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    call_command("import", str(path), kind="contract")
    path.write_text(json.dumps(row | {"amount_yuan": "1200000"}) + "\n", encoding="utf-8")

    call_command("import", str(path), kind="contract")

    contract = Contract.objects.get()
    assert contract.amount_yuan == Decimal("1200000")
    assert [h.amount_yuan for h in contract.history.all()] == [Decimal("1200000"), Decimal("1000000")]


def test_a_dry_run_writes_nothing(tmp_path, capsys):
    seller, buyer = weihai_university(), weihai_enterprise()
    path = write_csv(
        tmp_path / "contracts.csv",
        [
            [
                "2025371000000101",
                "development",
                seller.uscc,
                buyer.uscc,
                "",
                "2025-03-01",
                "2025-03-20",
                "4000000",
                "3800000",
            ],
        ],
    )
    call_command("import", str(path), kind="contract", dry_run=True)
    assert "试运行" in capsys.readouterr().out
    assert not Contract.objects.exists()

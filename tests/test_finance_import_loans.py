"""`kechuang import FILE --kind loan` issues banks' loans with their schedules, all or nothing; errors
name the row and the column; a known number with the same terms is unchanged."""

import csv
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from finance.models import Loan
from tests.finance_helpers import bank, pool, weihai_sme

pytestmark = pytest.mark.django_db
HEADER = [
    "借款合同编号",
    "贷款品种",
    "贷款银行统一社会信用代码",
    "借款企业统一社会信用代码",
    "贷款金额",
    "年利率",
]
HEADER += ["合同签订日", "放款日", "期限（月）", "还款方式", "风险补偿资金池", "首次纳入风险补偿备案"]


def write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_rows_become_loans_with_schedules_and_reimport_changes_nothing(tmp_path):
    lender, firm, fund = bank(), weihai_sme(), pool()
    rows = [
        [
            "JK-001",
            "知识产权质押贷款",
            lender.uscc,
            firm.uscc,
            "1,000,000",
            "3.85%",
            "2024-03-15",
            "2024-03-15",
            12,
            "",
            "",
            "",
        ],
        [
            "JK-002",
            "achievement_transformation_loan",
            lender.uscc,
            firm.uscc,
            "5000000",
            "0.045",
            "2024-04-01",
        ]
        + ["2024-04-03", 6, "等额本金（按月）", fund.name, "是"],
    ]
    path = write(tmp_path / "loans.csv", rows)
    call_command("import", str(path), kind="loan")

    ip, achievement = Loan.objects.order_by("contract_no")
    assert ip.rate == Decimal("0.0385")
    assert ip.installments.count() == 12
    assert achievement.pool == fund and achievement.first_filing
    assert sum(i.principal_yuan for i in achievement.installments.all()) == Decimal("5000000")
    call_command("import", str(path), kind="loan")
    assert Loan.objects.count() == 2


def test_any_bad_row_writes_nothing(tmp_path, capsys):
    lender, firm = bank(), weihai_sme()
    rows = [
        [
            "JK-001",
            "知识产权质押贷款",
            lender.uscc,
            firm.uscc,
            "1000000",
            "0.04",
            "2024-03-15",
            "2024-03-15",
            12,
            "",
            "",
            "",
        ],
        [
            "JK-002",
            "消费贷",
            firm.uscc,
            firm.uscc,
            "abc",
            "5",
            "2024-04-01",
            "2024-03-01",
            6,
            "",
            "无此池",
            "",
        ],
    ]
    with pytest.raises(CommandError):
        call_command("import", str(write(tmp_path / "loans.csv", rows)), kind="loan")
    errors = capsys.readouterr().err
    assert "第3行 贷款品种：“消费贷”不是可选的值" in errors
    assert "第3行 贷款银行统一社会信用代码：贷款银行须为金融机构" in errors
    assert "第3行 贷款金额：“abc”不是数字" in errors
    assert "第3行 年利率：年利率写作小数或百分数" in errors
    assert "第3行 放款日：放款日不能早于合同签订日" in errors
    assert "第3行 风险补偿资金池：未知的资金池“无此池”" in errors
    assert not Loan.objects.exists()

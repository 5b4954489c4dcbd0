"""The list of newly approved platforms imports from the spreadsheet a bureau receives: platforms are created
or found, each approval is recorded with its level, date and document number (so the platform's level and
the snapshot's platform_approved events follow), a file with any bad cell writes nothing and says which row
and column, and importing the same list twice records nothing new."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registry.approvals import import_approvals
from registry.models import Platform, PlatformEvent
from tests.factories import PlatformFactory

HEADERS = [
    "序号",
    "平台名称",
    "平台类型",
    "依托单位",
    "依托单位统一社会信用代码",
    "认定级别",
    "认定日期",
    "认定文号",
]


def approval_list(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.django_db
def test_an_approval_list_creates_platforms_and_records_their_approvals(
    tmp_path, enterprise, other_enterprise
):
    known = PlatformFactory(
        name="淄博精密铸造工程技术研究中心",
        platform_type="engineering_technology_research_center",
        host=enterprise,
    )
    path = approval_list(
        tmp_path / "认定名单.xlsx",
        [
            [
                1,
                known.name,
                "工程技术研究中心",
                enterprise.name,
                enterprise.uscc,
                "省级",
                "2024-05-10",
                "鲁科字〔2024〕35号",
            ],
            [
                2,
                "新材料企业技术中心",
                "企业技术中心",
                other_enterprise.name,
                other_enterprise.uscc,
                "市级",
                "2024/6/1",
                "淄工信字〔2024〕12号",
            ],
        ],
    )

    report = import_approvals(path)

    assert (report.ok, report.created, report.unchanged) == (True, 2, 0)
    known.refresh_from_db()
    assert (known.level, known.stage) == ("provincial", "approved")
    created = Platform.objects.get(name="新材料企业技术中心")
    assert (created.host, created.region_id, created.level) == (
        other_enterprise,
        other_enterprise.region_id,
        "municipal",
    )
    event = PlatformEvent.objects.get(platform=created)
    assert (event.stage, event.date, event.document) == (
        "approved",
        dt.date(2024, 6, 1),
        "淄工信字〔2024〕12号",
    )
    assert created.history.earliest("history_date").history_change_reason == "导入认定名单"

    again = import_approvals(path)
    assert (again.created, again.unchanged) == (0, 2)
    assert PlatformEvent.objects.count() == 2


@pytest.mark.django_db
def test_a_bad_cell_names_its_row_and_column_and_nothing_is_written(tmp_path, enterprise):
    path = approval_list(
        tmp_path / "认定名单.xlsx",
        [
            [
                1,
                "甲中心",
                "企业技术中心",
                enterprise.name,
                enterprise.uscc,
                "省级",
                "2024-05-10",
                "鲁科字〔2024〕35号",
            ],
            [
                2,
                "乙中心",
                "企业技术中心",
                "",
                "91370300MA3C4X5Y6Z",
                "省级",
                "2024-05-10",
                "鲁科字〔2024〕35号",
            ],
            [3, "丙中心", "孵化器", enterprise.name, enterprise.uscc, "国家级", "2099-01-01", ""],
        ],
    )

    report = import_approvals(path)

    messages = [str(error) for error in report.errors]
    assert any(message.startswith("第3行 依托单位统一社会信用代码") for message in messages)
    assert any(message.startswith("第4行 平台类型") for message in messages)
    assert "第4行 认定日期：认定日期不能晚于今天" in messages
    assert "第4行 认定文号：不能为空" in messages
    assert not Platform.objects.exists() and not PlatformEvent.objects.exists()


@pytest.mark.django_db
def test_the_import_command_reads_the_list_and_refuses_a_file_missing_a_column(tmp_path, enterprise):
    good = approval_list(
        tmp_path / "approvals.xlsx",
        [
            [
                1,
                "甲中心",
                "企业技术中心",
                enterprise.name,
                enterprise.uscc,
                "省级",
                "2024-05-10",
                "鲁科字〔2024〕35号",
            ],
        ],
    )
    call_command("import", str(good), "--kind", "platform_approval")
    assert PlatformEvent.objects.get().level == "provincial"

    book = openpyxl.Workbook()
    book.active.append(["平台名称", "平台类型", "依托单位统一社会信用代码", "认定级别", "认定日期"])
    book.active.append(["乙中心", "企业技术中心", enterprise.uscc, "省级", "2024-05-10"])
    book.save(tmp_path / "short.xlsx")
    with pytest.raises(CommandError):
        call_command("import", str(tmp_path / "short.xlsx"), "--kind", "platform_approval")
    assert PlatformEvent.objects.count() == 1


@pytest.mark.django_db
def test_the_high_tech_list_keeps_its_certificate_numbers(enterprise):
    from registry.io import import_rows

    report = import_rows(
        [
            {
                "统一社会信用代码": enterprise.uscc,
                "资质类型": "高新技术企业",
                "认定日期": "2023-12-01",
                "有效期至": "2026-11-30",
                "证书编号": "GR202337000123",
            }
        ],
        "qualification",
    )
    assert report.ok
    assert enterprise.qualifications.get().certificate_no == "GR202337000123"

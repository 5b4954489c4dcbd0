"""The dashboard, an indicator's page and the ledger export show the seeds' plans to the bureau."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from planning import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau_client(client, bureau_admin):
    demo.load(io.StringIO())
    client.force_login(bureau_admin)
    return client


def test_dashboard_lists_indicators_league_and_reminders(bureau_client) -> None:
    response = bureau_client.get(reverse("planning:dashboard"), {"region": "370300"})
    board = response.context["board"]
    assert len(board.evaluations) == 23
    assert sum(board.status_counts.values()) == 23
    assert {score.name for score in board.league} >= {"市科技局", "市国资委"}
    # Zibo 2020's tasks were due by the end of 2022 and nobody closed them.
    assert len(board.reminders["overdue"]) == 17
    assert "部门排行" in response.content.decode()


def test_indicator_page_has_path_chart_data(bureau_client) -> None:
    response = bureau_client.get(
        reverse("planning:indicator_detail", args=["anshun-enterprise-technology-centers"])
    )
    chart = response.context["chart"]
    assert chart["years"] == ["2020", "2021", "2022", "2023"]
    assert chart["targets"] == [None, 13, 14, 16]
    assert chart["planned"] == [11, 13, 14, 16]
    assert 'id="path-chart-data"' in response.content.decode()


def test_ledger_export_is_a_ledger_workbook(bureau_client) -> None:
    response = bureau_client.get(reverse("planning:ledger_export"), {"policy": "zibo-2023-sci-province"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A1"].value.startswith("工作任务台账")
    assert [cell.value for cell in sheet[2]][:6] == [
        "序号",
        "政策文件",
        "条款",
        "工作任务",
        "牵头单位",
        "配合单位",
    ]
    assert sheet.max_row == 2 + 25
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[3] == "推动国有企业创新示范")
    assert (row[4], row[5], row[6]) == ("市国资委、市财政局", "市科技局", "2027-12-31")


def test_ledger_filters_by_unit_and_status(bureau_client) -> None:
    response = bureau_client.get(
        reverse("planning:ledger"), {"unit": "淄博市教育局", "status": "not_started"}
    )
    titles = {entry.task.title for entry in response.context["listing"].object_list}
    assert "实施科教协同育人计划" in titles
    assert all(entry.status == "not_started" for entry in response.context["listing"].object_list)
    partial = bureau_client.get(reverse("planning:ledger"), {"unit": "淄博市教育局"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and 'id="results"' in partial.content.decode()


def test_monthly_report_is_a_pdf_with_the_indicators_and_overdue_tasks(bureau_client) -> None:
    import pdfplumber

    response = bureau_client.get(reverse("planning:monthly_report"), {"region": "520400"})
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content))) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "范围：安顺市" in text
    assert "院士工作站" in text and "工程研究中心" in text
    assert "三、逾期任务（10 项）" in text

"""The monthly PDF report is headed in the request's language; the plans' data stays in Chinese."""

import io

import pdfplumber
import pytest
from django.conf import settings
from django.urls import reverse

from planning import demo

pytestmark = pytest.mark.django_db


def _report_text(client, bureau_admin, language: str | None) -> str:
    demo.load(io.StringIO())
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(bureau_admin)
    response = client.get(reverse("planning:monthly_report"), {"region": "520400"})
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content))) as pdf:
        return "".join(page.extract_text() for page in pdf.pages)


def test_report_is_headed_in_english_with_the_english_cookie(client, bureau_admin) -> None:
    text = _report_text(client, bureau_admin, "en")
    assert "Target monitoring and task ledger monthly report" in text
    assert "Scope: 安顺市" in text
    assert "1. Indicator progress" in text
    assert "2. Departments ranked" in text
    assert "3. Overdue tasks (10)" in text
    assert "Responsible departments" in text and "Deadline" in text
    # Data entered in Chinese is printed as written.
    assert "院士工作站" in text
    assert "指标完成情况" not in text and "逾期任务" not in text


def test_report_is_headed_in_chinese_by_default(client, bureau_admin) -> None:
    text = _report_text(client, bureau_admin, None)
    assert "目标监测与任务台账月报" in text
    assert "一、指标完成情况" in text
    assert "三、逾期任务（10 项）" in text
    assert "Indicator progress" not in text

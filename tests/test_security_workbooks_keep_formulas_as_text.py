"""The ledger's xlsx, built cell by cell, keeps a task title that looks like a formula as text: openpyxl
would otherwise store `=HYPERLINK(…)` as a formula that runs in the reader's Excel (found by
tests/test_security_stored_markup_and_formulas_stay_text.py; the fix is kechuang/spreadsheets.py)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from planning.models import Task

TITLE = '=HYPERLINK("http://x.example","点我")'


@pytest.mark.django_db
def test_a_formula_like_task_title_is_exported_as_text(client, bureau_admin) -> None:
    Task.objects.create(title="建设平台", region_id="370300", policy_code="p")
    Task.objects.filter(title="建设平台").update(title=TITLE)  # stored before any form could refuse it
    client.force_login(bureau_admin)

    response = client.get(reverse("planning:ledger_export"))

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == TITLE]
    assert [cell.data_type for cell in cells] == ["s"]

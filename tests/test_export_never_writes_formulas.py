"""Text that looks like a spreadsheet formula is exported as text and imported back unchanged."""

import io

import openpyxl
import pytest

from registry.io import export_records, import_file
from registry.models import Organization

NAME = '=HYPERLINK("http://example.com","点我")'


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_formula_like_names_round_trip_as_text(enterprise, file_format) -> None:
    Organization.objects.filter(pk=enterprise.pk).update(name=NAME, industry="-新材料", address="@淄博")
    out = io.BytesIO()

    export_records(out, "organization", file_format, user=None)

    if file_format == "xlsx":
        name_cell = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active.cell(row=2, column=1)
        assert (name_cell.value, name_cell.data_type) == (NAME, "s")
    else:
        assert "'=HYPERLINK" in out.getvalue().decode("utf-8-sig")
        assert ",'-新材料,'@淄博," in out.getvalue().decode("utf-8-sig")
    out.name = f"organizations.{file_format}"
    report = import_file(out, "organization")
    assert (report.unchanged, report.updated) == (1, 0)

"""NUL and other control characters never reach the database, whichever door they come by (a page's form,
the API, an import, a save in code), and an xlsx export of text stored before the cleaner still works."""

import datetime as dt
import io
import json

import openpyxl
import pytest
from django.core.management import call_command

from planning.models import ProgressReport, Task
from planning.plans import set_units
from registry.models import Organization
from registry.validators import make_uscc
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

DIRTY = "淄博\x00蓝\x01海\x1f新材料\x7f"
CLEAN = "淄博蓝海新材料"


def test_a_page_form_stores_the_text_without_them(client, bureau_admin, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    task = Task.objects.create(title="建设平台", region_id="370300", deadline=dt.date(2027, 1, 1))
    set_units(task, ["市科技局"], [])
    client.force_login(bureau_admin)
    client.post(f"/planning/tasks/{task.pk}/progress/", {"text": DIRTY, "percentage": 10})
    assert ProgressReport.objects.get().text == CLEAN


def test_the_api_stores_the_text_without_them(client, bureau_admin) -> None:
    client.force_login(bureau_admin)
    payload = {
        "name": "淄博新立创\u0000科技有限公司",
        "uscc": make_uscc("91", "370303", 1234567),
        "kind": "enterprise",
        "region": "370303",
        "description": DIRTY,
    }
    response = client.post("/api/registry/organizations/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    stored = Organization.objects.get(uscc=payload["uscc"])
    assert (stored.name, stored.description) == ("淄博新立创科技有限公司", CLEAN)


def test_the_import_command_stores_the_text_without_them(tmp_path) -> None:
    path = tmp_path / "organizations.jsonl"
    row = {
        "name": "淄博\u0000命令行科技有限公司",
        "uscc": make_uscc("91", "370300", 31337),
        "kind": "enterprise",
    }
    path.write_text(json.dumps({**row, "region": "370302"}) + "\n", encoding="utf-8")
    call_command("import", str(path), stdout=io.StringIO())
    assert Organization.objects.get(uscc=row["uscc"]).name == "淄博命令行科技有限公司"


def test_a_save_in_code_stores_the_text_without_them() -> None:
    organization = OrganizationFactory(description=DIRTY)
    organization.refresh_from_db()
    assert organization.description == CLEAN


def test_xlsx_export_of_text_stored_before_never_fails(client) -> None:
    organization = OrganizationFactory()
    # PostgreSQL never stores NUL; the other control characters it stores as they come.
    stored_before = DIRTY.replace("\x00", "")
    Organization.objects.filter(pk=organization.pk).update(description=stored_before, industry="新\x0b材料")
    response = client.get("/registry/export/organization/")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = {cell.value for row in workbook.active.iter_rows() for cell in row}
    assert CLEAN in values and "新材料" in values


@pytest.mark.parametrize("url", ["/registry/organizations/", "/api/registry/organizations/"])
def test_a_nul_in_the_search_is_not_a_server_error(client, url) -> None:
    OrganizationFactory(name="淄博ab材料有限公司")
    response = client.get(url + "?q=a%00b")
    assert response.status_code == 200

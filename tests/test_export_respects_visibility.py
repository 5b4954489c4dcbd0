"""The export of a list holds what its user may see on the list page, with the same filters."""

import csv
import dataclasses
import io
from urllib.parse import quote

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from registry.kinds import KINDS
from registry.models import Person
from tests.factories import OrganizationFactory


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.django_db
def test_anonymous_visitor_downloads_xlsx_with_a_chinese_filename(client, enterprise) -> None:
    response = client.get(reverse("registry:export", args=["organization"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    filename = f"机构_{timezone.localdate():%Y%m%d}.xlsx"
    assert f"filename*=utf-8''{quote(filename)}" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]][:4] == ["名称", "统一社会信用代码", "机构类型", "地区代码"]
    assert sheet.cell(row=2, column=2).value == enterprise.uscc


@pytest.mark.django_db
def test_list_filters_and_search_narrow_the_export(client, enterprise) -> None:
    OrganizationFactory(name="山东理工大学", kind="university", region_id="370303")

    universities = csv_rows(
        client.get(reverse("registry:export", args=["organization"]), {"format": "csv", "kind": "university"})
    )
    searched = csv_rows(
        client.get(reverse("registry:export", args=["organization"]), {"format": "csv", "q": "蓝海"})
    )

    assert [row["name"] for row in universities] == ["山东理工大学"]
    assert [row["uscc"] for row in searched] == [enterprise.uscc]


@pytest.mark.django_db
def test_export_holds_only_what_the_kind_lets_the_user_see(
    client,
    enterprise,
    bureau_admin,
    monkeypatch,
) -> None:
    staff_only = dataclasses.replace(
        KINDS["organization"],
        visible_to=lambda queryset, user: queryset if user.is_authenticated else queryset.none(),
    )
    monkeypatch.setitem(KINDS, "organization", staff_only)
    url = reverse("registry:export", args=["organization"])

    assert csv_rows(client.get(url, {"format": "csv"})) == []
    client.force_login(bureau_admin)
    assert enterprise.uscc in [row["uscc"] for row in csv_rows(client.get(url, {"format": "csv"}))]


@pytest.mark.django_db
def test_contact_details_of_people_go_only_to_government_staff(
    client,
    enterprise,
    enterprise_user,
    department_officer,
) -> None:
    Person.objects.create(
        name="李明", organization=enterprise, email="liming@example.cn", phone="0533-1234567"
    )
    url = reverse("registry:export", args=["person"])

    anonymous = csv_rows(client.get(url, {"format": "csv"}))
    client.force_login(enterprise_user)
    enterprise_view = csv_rows(client.get(url, {"format": "csv"}))
    client.force_login(department_officer)
    officer_view = csv_rows(client.get(url, {"format": "csv"}))

    assert anonymous[0]["name"] == "李明" and "email" not in anonymous[0] and "phone" not in anonymous[0]
    assert "email" not in enterprise_view[0]
    assert (officer_view[0]["email"], officer_view[0]["phone"]) == ("liming@example.cn", "0533-1234567")


@pytest.mark.django_db
def test_unknown_kind_and_format_are_refused(client) -> None:
    assert client.get(reverse("registry:export", args=["grants"])).status_code == 404
    assert client.get(reverse("registry:export", args=["organization"]), {"format": "xls"}).status_code == 400

"""Yearly figures are exported to government staff only, for the organizations of the filtered list."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import AnnualDataFactory, OrganizationFactory

URL = reverse("registry:export", args=["annual_data"])


@pytest.fixture
def figures(enterprise) -> None:
    AnnualDataFactory(organization=enterprise, year=2024)
    AnnualDataFactory(organization=OrganizationFactory(name="沂源县测试公司", region_id="370323"), year=2024)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [None, "enterprise_user", "expert_user"])
def test_public_and_enterprises_are_refused(client, request, figures, persona) -> None:
    if persona:
        client.force_login(request.getfixturevalue(persona))

    response = client.get(URL, {"format": "csv"})
    if persona:
        assert response.status_code == 403
    else:  # anonymous visitors are asked to log in first
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_officer_gets_the_figures_of_the_filtered_organizations(client, department_officer, figures) -> None:
    client.force_login(department_officer)

    response = client.get(URL, {"format": "csv", "region": "370323"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(row["organization_name"], row["year"], row["revenue"]) for row in rows] == [
        ("沂源县测试公司", "2024", "80000000.00")
    ]

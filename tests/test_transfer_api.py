"""/api/transfer/: the contracts a user may see, the acts of the contract's page (409 with the rule's
reason when it refuses), and statistics that agree with the page's (staff only)."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import persona
from tests.transfer_helpers import draft, office, weihai_enterprise, weihai_university
from transfer import registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_office_works_a_contract_through_the_api_and_statistics_count_it(client, department):
    office(host=department)
    university, buyer = weihai_university(), weihai_enterprise()
    contract = draft(university, buyer, "6000000", filed_with=office())
    client.force_login(persona("enterprise_user", university))
    filed = client.post(
        f"/api/transfer/contracts/{contract.pk}/acts/file",
        {"on": "2025-03-03"},
        content_type="application/json",
    )
    assert filed.status_code == 200 and filed.json()["status"] == "filed"

    client.force_login(persona("department_officer", department))
    url = f"/api/transfer/contracts/{contract.pk}/acts/"
    accepted = client.post(url + "accept", {"on": "2025-03-04"}, content_type="application/json")
    assert accepted.json()["clock"]["due"] == "2025-04-16" and accepted.json()["clock"]["expert_review"]
    refused = client.post(url + "register", {"on": "2025-03-05"}, content_type="application/json")
    assert refused.status_code == 409 and "专家评审" in refused.json()["detail"]
    client.post(url + "review", {"on": "2025-03-05"}, content_type="application/json")
    registered = client.post(url + "register", {"on": "2025-03-20"}, content_type="application/json")
    assert registered.json()["registration_no"] == "2025371000000001"

    stats = client.get("/api/transfer/statistics", {"by": "type", "year": 2025}).json()
    assert stats["contracts"] == 1 and Decimal(stats["cells"][0]["amount_yuan"]) == Decimal(6_000_000)


def test_others_get_no_contract_and_no_statistics(client, enterprise_user):
    contract = registration.submit(
        draft(weihai_university(), weihai_enterprise(), filed_with=office()), dt.date(2025, 3, 3)
    )
    client.force_login(enterprise_user)
    assert client.get("/api/transfer/contracts").json() == []
    assert client.get(f"/api/transfer/contracts/{contract.pk}").status_code == 404
    assert client.get("/api/transfer/statistics").status_code == 403

"""Finance pages and /api/finance/ ask the same permissions: the bank and the borrower see their loans,
nobody else does; only the bank records repayments, only the bureau grants subsidies; the rules' refusals
answer 409 with the reason."""

import pytest

from accounts.models import Role
from tests.factories import DepartmentFactory, OrganizationFactory, persona
from tests.finance_helpers import bank, loan, weihai_sme

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    lender, firm = bank(), weihai_sme()
    return {
        "loan": loan(lender, firm, term=2),
        "banker": persona(Role.ENTERPRISE_USER, lender, username="banker"),
        "borrower": persona(Role.ENTERPRISE_USER, firm, username="borrower"),
        "outsider": persona(Role.ENTERPRISE_USER, OrganizationFactory(name="无关企业"), username="outsider"),
        "bureau": persona(Role.BUREAU_ADMIN, DepartmentFactory(name="威海市科学技术局"), username="bureau"),
    }


def test_pages_show_loans_to_their_parties_only(client, people):
    url = people["loan"].get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get("/finance/").status_code == 302
    for who, status in (("banker", 200), ("borrower", 200), ("bureau", 200), ("outsider", 404)):
        client.force_login(people[who])
        assert client.get(url).status_code == status, who
    client.force_login(people["borrower"])
    response = client.post(
        f"{url}repayments/", {"paid_on": "2024-04-15", "principal_yuan": "0", "interest_yuan": "1"}
    )
    assert response.status_code == 403
    assert not people["loan"].repayments.exists()


def test_api_refuses_and_acts_like_the_pages(client, people):
    found = people["loan"]
    path = f"/api/finance/loans/{found.pk}"
    assert client.get(path).status_code == 401
    client.force_login(people["outsider"])
    assert client.get(path).status_code == 404
    client.force_login(people["borrower"])
    assert client.get(path).json()["installments"][1]["principal_yuan"] == "1000000.00"
    body = {"paid_on": "2024-04-15", "principal_yuan": "0", "interest_yuan": "3444.44"}
    assert client.post(f"{path}/repayments", body, content_type="application/json").status_code == 403

    client.force_login(people["banker"])
    assert client.post(f"{path}/repayments", body, content_type="application/json").status_code == 201
    too_much = {"paid_on": "2024-05-15", "principal_yuan": "2000000", "interest_yuan": "0"}
    refused = client.post(f"{path}/repayments", too_much, content_type="application/json")
    assert refused.status_code == 409
    assert "贷款余额" in refused.json()["detail"]
    last = {"paid_on": "2024-05-15", "principal_yuan": "1000000", "interest_yuan": "3333.33"}
    assert (
        client.post(f"{path}/repayments", last, content_type="application/json").json()["status"] == "repaid"
    )
    assert (
        client.post(f"{path}/subsidies", {"on": "2024-05-20"}, content_type="application/json").status_code
        == 403
    )

    client.force_login(people["bureau"])
    granted = client.post(f"{path}/subsidies", {"on": "2024-05-20"}, content_type="application/json")
    assert granted.status_code == 201
    assert granted.json()["subsidies"][0]["amount_yuan"] == "1153.15"


def test_a_bank_enters_its_own_loans_only(client, people):
    client.force_login(people["banker"])
    firm = people["loan"].borrower
    body = {
        "contract_no": "API-1",
        "product": "talent_loan",
        "lender_uscc": people["loan"].lender.uscc,
        "borrower_uscc": firm.uscc,
        "amount_yuan": "2000000",
        "rate": "0.035",
        "signed": "2025-02-01",
        "issued": "2025-02-03",
        "term_months": 12,
    }
    created = client.post("/api/finance/loans", body, content_type="application/json")
    assert created.status_code == 201
    assert len(created.json()["installments"]) == 12
    other = bank("另一家银行")
    response = client.post(
        "/api/finance/loans",
        body | {"contract_no": "API-2", "lender_uscc": other.uscc},
        content_type="application/json",
    )
    assert response.status_code == 403
    client.force_login(people["borrower"])
    assert (
        client.post(
            "/api/finance/loans", body | {"contract_no": "API-3"}, content_type="application/json"
        ).status_code
        == 403
    )

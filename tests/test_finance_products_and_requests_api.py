"""/api/finance/products (a public catalogue; its banks and the bureau write) and /api/finance/requests
(an enterprise files and submits, the product's bank accepts into a loan), refused by role and
organization as the pages are."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.models import Role
from finance.models import FinancingRequest, Loan
from tests.factories import DepartmentFactory, persona
from tests.finance_helpers import bank, lasting_tech_sme

pytestmark = pytest.mark.django_db
CONDITIONS = [{"label": "持有科技型中小企业资格", "test": "holds('tech_sme')"}]


def new_product(client, lender, **extra):
    body = {
        "name": "人才贷",
        "bank_uscc": lender.uscc,
        "kind": "talent_loan",
        "rate": "0.0365",
        "term_months": 36,
        "ceiling_yuan": "5000000",
        "eligibility": CONDITIONS,
    } | extra
    return client.post("/api/finance/products", body, content_type="application/json")


def test_a_bank_maintains_its_products_and_anyone_reads_them(client):
    lender, other = bank(), bank("另一家银行")
    client.force_login(persona(Role.ENTERPRISE_USER, lender, username="banker"))
    created = new_product(client, lender)
    assert created.status_code == 201, created.content
    assert new_product(client, other, name="别家的").status_code == 403
    refused = new_product(client, lender, name="坏条件", eligibility=[{"label": "x", "test": "open('/etc')"}])
    assert refused.status_code == 409 and "open" in refused.json()["detail"]
    product_id = created.json()["id"]
    changed = client.patch(
        f"/api/finance/products/{product_id}", {"rate": "0.034"}, content_type="application/json"
    )
    assert changed.json()["rate"] == "0.034"
    client.logout()
    catalogue = client.get("/api/finance/products").json()
    assert [p["name"] for p in catalogue] == ["人才贷"]
    assert client.get(f"/api/finance/products/{product_id}").json()["eligibility"] == CONDITIONS
    assert client.post("/api/finance/products", {}, content_type="application/json").status_code == 401


def test_an_enterprise_files_submits_and_the_bank_accepts_into_a_loan(client):
    lender, firm = bank(), lasting_tech_sme()
    banker = persona(Role.ENTERPRISE_USER, lender, username="banker")
    owner = persona(Role.ENTERPRISE_USER, firm, username="owner")
    client.force_login(banker)
    product_id = new_product(client, lender).json()["id"]

    client.force_login(owner)
    filed = client.post(
        "/api/finance/requests",
        {"amount_yuan": "2000000", "term_months": 12, "purpose": "研发投入"},
        content_type="application/json",
    )
    assert filed.status_code == 201, filed.content
    (match,) = filed.json()["matches"]
    assert match["eligible"] and match["checks"][-1]["text"] == "持有科技型中小企业资格：是"
    request_id = filed.json()["id"]
    assert (
        client.post(
            f"/api/finance/requests/{request_id}/accept",
            {"contract_no": "X1", "signed": "2026-03-01", "issued": "2026-03-01"},
            content_type="application/json",
        ).status_code
        == 403
    )
    submitted = client.post(
        f"/api/finance/requests/{request_id}/submit", {"product": product_id}, content_type="application/json"
    )
    assert submitted.json()["status"] == "submitted"

    client.force_login(banker)
    accepted = client.post(
        f"/api/finance/requests/{request_id}/accept",
        {"contract_no": "WHRC2026-01", "signed": "2026-03-01", "issued": "2026-03-02"},
        content_type="application/json",
    )
    assert accepted.status_code == 200, accepted.content
    loan = Loan.objects.get(contract_no="WHRC2026-01")
    assert accepted.json()["loan"] == loan.pk and loan.amount_yuan == Decimal("2000000")
    assert loan.issued == dt.date(2026, 3, 2)

    client.force_login(persona(Role.BUREAU_ADMIN, DepartmentFactory(), username="bureau"))
    assert [r["id"] for r in client.get("/api/finance/requests").json()] == [request_id]
    refused = client.post(
        "/api/finance/requests",
        {"amount_yuan": "1", "term_months": 1, "purpose": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert FinancingRequest.objects.count() == 1


def test_the_schema_lists_products_and_requests(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/finance/products", "/api/finance/requests/{request_id}/accept"} <= set(paths)
    assert paths["/api/finance/products"]["get"]["security"][-1] == {}, "the catalogue is public"

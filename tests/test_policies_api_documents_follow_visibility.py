"""GET /api/policies/documents/ lists policy documents and gives one with its clause tree and extracted
items; confirmed documents are public, drafts under review only reach government staff."""

import pytest
from django.test import Client

from accounts.models import User
from policies.models import PolicyDocument
from policies.store import store_parsed
from registry.models import Region
from tests.policy_samples import CLAUSE_ONE, sample_parsed

pytestmark = pytest.mark.django_db
DOCUMENTS = "/api/policies/documents/"


@pytest.fixture
def draft(db) -> PolicyDocument:
    return store_parsed(
        sample_parsed(title="待审核的措施"), code="draft", region=Region.objects.get(code="370300")
    )


@pytest.fixture
def confirmed(db) -> PolicyDocument:
    return store_parsed(
        sample_parsed(title="已确认的措施"),
        code="confirmed",
        region=Region.objects.get(code="371000"),
        confirmed=True,
    )


def codes(response) -> list[str]:
    assert response.status_code == 200
    return sorted(item["code"] for item in response.json()["items"])


def test_public_sees_confirmed_documents_only(client: Client, draft, confirmed) -> None:
    assert codes(client.get(DOCUMENTS)) == ["confirmed"]
    assert client.get(f"{DOCUMENTS}{draft.pk}").status_code == 404
    item = client.get(DOCUMENTS).json()["items"][0]
    assert item == {
        "id": confirmed.pk,
        "code": "confirmed",
        "title": "已确认的措施",
        "doc_number": "",
        "issuer": "",
        "region": "371000",
        "issued_date": None,
        "effective_from": None,
        "effective_until": None,
        "status": "confirmed",
    }


def test_staff_see_drafts_and_filter_by_status_and_region(
    client: Client,
    department_officer: User,
    draft,
    confirmed,
) -> None:
    client.force_login(department_officer)
    assert codes(client.get(DOCUMENTS)) == ["confirmed", "draft"]
    assert codes(client.get(DOCUMENTS, {"status": "draft"})) == ["draft"]
    assert codes(client.get(DOCUMENTS, {"region": "371000"})) == ["confirmed"]
    assert client.get(DOCUMENTS, {"status": "archived"}).status_code == 422
    assert client.get(f"{DOCUMENTS}{draft.pk}").status_code == 200


def test_detail_has_clauses_units_money_targets_and_deadlines(client: Client, confirmed) -> None:
    body = client.get(f"{DOCUMENTS}{confirmed.pk}").json()
    assert body["title"] == "已确认的措施"
    assert body["clauses"][0] == {
        "path": "一",
        "heading": "支持平台建设",
        "text": CLAUSE_ONE,
        "lead_units": ["市科技局"],
        "cooperating_units": ["市财政局"],
    }
    assert [clause["path"] for clause in body["clauses"]] == ["一", "二"]
    assert body["money"] == [
        {
            "clause_path": "一",
            "text": "给予不超过50万元补助",
            "amount_yuan": 500000,
            "kind": "cap",
            "ratio": None,
            "per_unit": "",
            "beneficiary": "新认定的省级技术创新中心",
        }
    ]
    assert body["targets"] == [
        {
            "clause_path": "二",
            "text": "到2025年，全市高新技术企业数量突破300家",
            "indicator": "高新技术企业数量",
            "value": 300,
            "unit": "家",
            "year": 2025,
            "comparator": ">",
        }
    ]
    assert body["deadlines"] == [
        {"clause_path": "二", "text": "2024年6月底前", "date": "2024-06-30", "kind": "deadline"}
    ]


def test_wrong_token_is_refused_even_for_public_reads(client: Client, confirmed) -> None:
    response = client.get(DOCUMENTS, headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401

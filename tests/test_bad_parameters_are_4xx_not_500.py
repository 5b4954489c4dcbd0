"""Hostile or absurd parameters get a clear 4xx (or a clear message at the console), never a server error:
control characters in a search, offsets, pages and ids beyond 64 bits, absurd amounts, JSON nested
100,000 levels deep."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from registry.validators import make_uscc
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


@pytest.fixture
def anonymous() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/registry/organizations/?q=a%00b", 200),
        ("/api/registry/organizations/?q=a%00b", 200),
        (f"/api/registry/organizations/?offset={HUGE}", 422),
        (f"/registry/organizations/?page={HUGE}", 200),
        ("/registry/organizations/?page=²", 200),
        (f"/registry/platforms/?host={HUGE}", 400),
        ("/registry/platforms/?host=abc", 200),  # the filter form drops what is not an id
        (f"/api/registry/platforms/?host={HUGE}", 422),
        (f"/registry/people/?organization={HUGE}", 400),
        (f"/api/registry/people/?organization={HUGE}", 422),
        (f"/registry/export/platform/?host={HUGE}", 400),
        (f"/api/registry/organizations/{HUGE}", 404),
    ],
)
def test_list_parameters(anonymous, url, status) -> None:
    OrganizationFactory(name="淄博ab材料有限公司")
    assert anonymous.get(url).status_code == status


@pytest.mark.parametrize("url", ["/api/benefits/", "/api/policies/benefits"])
@pytest.mark.parametrize("amount", ["1e40", "1e308", "1e400"])
def test_absurd_amounts_to_the_benefits_api(client, bureau_admin, url, amount) -> None:
    client.force_login(bureau_admin)
    uscc = make_uscc("91", "370302", 12345)
    entity = (
        f'{{"name": "x", "uscc": "{uscc}", "kind": "enterprise", "region": "370302",'
        f' "annual": {{"2024": {{"rd_expense": {amount}, "revenue": 1}}}}}}'
    )
    response = client.post(url, f'{{"entity": {entity}, "year": 2025}}', content_type="application/json")
    assert response.status_code == 422
    assert "rd_expense" in response.json()["detail"]


def test_deeply_nested_json_to_the_api(client, bureau_admin) -> None:
    client.force_login(bureau_admin)
    body = '{"entity": ' + "[" * 100_000 + "]" * 100_000 + ', "year": 2025}'
    response = client.post("/api/benefits/", body, content_type="application/json")
    assert response.status_code == 400


def test_deeply_nested_json_to_the_benefits_command(tmp_path) -> None:
    path = tmp_path / "entity.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError, match="JSON 嵌套层数过多"):
        call_command("benefits", "--entity", str(path), "--year", "2025")
    assert json.loads("[" * 10 + "]" * 10)  # the limit is the decoder's, not a shallow one

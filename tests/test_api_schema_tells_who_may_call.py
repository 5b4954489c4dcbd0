"""The OpenAPI schema says who may call each endpoint, and says it truly: public catalogues declare that
authentication is optional (the empty requirement beside the token and the session), every other
endpoint needs one of the two and answers 401 without it, writes included; schemas never share a name;
a platform's unset level is null, inside its declared enum."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from ninja import Router, Schema

from kechuang.api import KechuangAPI
from tests.factories import PlatformFactory

PUBLIC_READS = {
    ("get", "/api/registry/organizations/"),
    ("get", "/api/registry/platforms/{record_id}"),
    ("get", "/api/policies/documents/"),
    ("get", "/api/sharing/instruments"),
    ("get", "/api/sharing/statistics"),
    ("get", "/api/matching/search"),
}


@pytest.fixture
def schema(client: Client, db) -> dict:
    return client.get("/api/openapi.json").json()


def test_public_catalogues_declare_authentication_optional(schema: dict) -> None:
    for method, path in PUBLIC_READS:
        assert schema["paths"][path][method]["security"] == [{"TokenAuth": []}, {"SessionAuth": []}, {}]


def test_every_other_endpoint_declares_a_token_or_a_session(schema: dict) -> None:
    operations = [(m, p, op) for p, ops in schema["paths"].items() for m, op in ops.items()]
    private = [(m, p, op) for m, p, op in operations if {} not in op["security"]]
    assert len(private) > 20
    for _method, _path, operation in private:
        assert operation["security"] == [{"TokenAuth": []}, {"SessionAuth": []}]


def test_an_anonymous_write_is_asked_to_log_in_not_refused_for_csrf(db) -> None:
    response = Client(enforce_csrf_checks=True).post(
        "/api/registry/organizations/", {}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "请先登录或提供有效的访问令牌。"}


def test_two_schemas_of_one_name_stop_the_schema(db) -> None:
    first, second = Router(), Router()

    class Thing(Schema):
        name: str

    @first.get("/a", response=Thing)
    def a(request):
        return {"name": "a"}

    Same = type("Thing", (Schema,), {"__annotations__": {"code": int}})

    @second.get("/b", response=Same)
    def b(request):
        return {"code": 1}

    api = KechuangAPI(urls_namespace="two-things")
    api.add_router("/first/", first)
    api.add_router("/second/", second)
    with pytest.raises(ImproperlyConfigured, match="Thing"):
        api.get_openapi_schema(path_prefix="/")


def test_an_unapproved_platform_has_a_null_level(client: Client, db) -> None:
    platform = PlatformFactory(level="", target_level="")
    body = client.get(f"/api/registry/platforms/{platform.pk}").json()
    assert body["level"] is None
    assert body["target_level"] is None


def test_null_for_a_field_that_cannot_be_empty_is_a_422(client: Client, bureau_admin) -> None:
    platform = PlatformFactory()
    client.force_login(bureau_admin)
    response = client.patch(
        f"/api/registry/platforms/{platform.pk}", {"description": None}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "description" in response.json()["errors"]

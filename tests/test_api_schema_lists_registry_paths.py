"""The OpenAPI schema at /api/openapi.json describes every registry endpoint; /api/docs renders offline."""

from django.test import Client

from registry.kinds import KINDS


def test_schema_lists_list_detail_create_and_update_for_every_kind(client: Client, db) -> None:
    schema = client.get("/api/openapi.json").json()
    for code in KINDS:
        plural = KINDS[code].plural
        assert set(schema["paths"][f"/api/registry/{plural}/"]) == {"get", "post"}
        assert set(schema["paths"][f"/api/registry/{plural}/{{record_id}}"]) == {"get", "patch"}
    filters = [p["name"] for p in schema["paths"]["/api/registry/organizations/"]["get"]["parameters"]]
    assert {"q", "kind", "region", "limit", "offset"} <= set(filters)


def test_docs_page_renders_with_local_assets_only(client: Client, db) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
    # Government intranets are offline: Swagger UI must come from our static files, not a CDN.
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content
    assert b"cdn." not in response.content

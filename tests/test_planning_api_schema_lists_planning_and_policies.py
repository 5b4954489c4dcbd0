"""The OpenAPI schema at /api/openapi.json (contract 7 in docs/interfaces.md) lists the planning and policy
endpoints."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_schema_lists_the_endpoints(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    operations = {(path, method) for path, methods in schema["paths"].items() for method in methods}
    assert {
        ("/api/planning/indicators/", "get"),
        ("/api/planning/tasks/", "get"),
        ("/api/planning/tasks/{task_id}", "get"),
        ("/api/planning/tasks/{task_id}/progress", "post"),
        ("/api/policies/documents/", "get"),
        ("/api/policies/documents/{document_id}", "get"),
        ("/api/policies/benefits", "post"),
    } <= operations
    status = schema["components"]["schemas"]["TaskOut"]["properties"]["status"]
    assert set(status["enum"]) == {"not_started", "in_progress", "done", "overdue"}

"""/metrics speaks Prometheus: request latency by view, queue depth, task durations."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from registry.tasks import run_import


def scrape(client) -> dict[str, list]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return {
        family.name: family.samples for family in text_string_to_metric_families(response.content.decode())
    }


def sample(families: dict[str, list], name: str, **labels: str) -> float:
    return sum(
        s.value
        for s in families.get(name.removesuffix("_count").removesuffix("_sum"), [])
        if s.name == name and all(s.labels.get(key) == value for key, value in labels.items())
    )


@pytest.mark.django_db
def test_request_latency_by_view(client) -> None:
    before = sample(
        scrape(client), "kechuang_http_request_duration_seconds_count", view="ops:healthz", status="200"
    )
    client.get("/healthz")
    client.get("/healthz")
    after = sample(
        scrape(client), "kechuang_http_request_duration_seconds_count", view="ops:healthz", status="200"
    )
    assert after - before == 2


@pytest.mark.django_db
def test_queue_depth(client, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run_import.enqueue(0)
    assert sample(scrape(client), "kechuang_task_queue_depth", queue="default") == 1


@pytest.mark.django_db
def test_task_duration(client, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    name = "kechuang_task_duration_seconds_count"
    before = sample(scrape(client), name, task="run_import", status="failed")
    # A job id that does not exist makes the task fail: a failure is timed as well.
    assert run_import.enqueue(0).status == "FAILED"
    assert sample(scrape(client), name, task="run_import", status="failed") - before == 1


@pytest.mark.django_db
def test_only_scrapers_may_read(client, settings) -> None:
    settings.METRICS_ALLOWED_IPS = ["10.0.0.9"]
    assert client.get("/metrics").status_code == 403

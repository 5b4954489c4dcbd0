"""/healthz answers 200 with every check ok, and 503 naming the part that failed."""

import pytest
from django_tasks_db.models import DBTaskResult

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
# Nothing listens on port 1 of this machine: a store that cannot be reached.
UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.mark.django_db
def test_everything_ok(client, database_tasks) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "queue": "ok", "cache": "ok"}}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_unreachable_cache_is_503(client, settings, database_tasks) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": UNREACHABLE}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failed",
        "checks": {"database": "ok", "queue": "ok", "cache": "failed"},
    }


@pytest.mark.django_db
def test_unreachable_queue_is_503(client, settings) -> None:
    settings.TASKS = RQ_TASKS
    settings.RQ_QUEUES = {"default": {"URL": UNREACHABLE}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "queue": "failed", "cache": "ok"}


@pytest.mark.django_db
def test_rq_queue_on_local_redis_is_ok(client, settings) -> None:
    settings.TASKS = RQ_TASKS
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/14"}}
    assert client.get("/healthz").json()["checks"]["queue"] == "ok"


@pytest.mark.django_db
def test_database_failure_is_503(client, database_tasks, monkeypatch) -> None:
    from django.db import connection

    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("database is down")

    # The connection itself refuses, as a stopped server or a missing file would.
    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failed"


@pytest.mark.django_db
def test_queue_depth_counts_waiting_tasks(database_tasks) -> None:
    from ops.queue import depths
    from registry.tasks import run_import

    run_import.enqueue(0)
    run_import.enqueue(0)
    assert depths() == {"default": 2}
    assert DBTaskResult.objects.count() == 2

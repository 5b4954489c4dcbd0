"""Which task backend runs background work, and how many tasks wait in each of its queues.

The database backend (the embedded default) keeps tasks in a table; the RQ backend
(`KECHUANG_TASK_BACKEND=rq`) keeps them in Redis lists that workers on any machine pop."""

from __future__ import annotations

from django.conf import settings

RQ_BACKEND = "django_tasks_rq.RQBackend"
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def backend_path() -> str:
    return settings.TASKS["default"]["BACKEND"]


def uses_rq() -> bool:
    return backend_path() == RQ_BACKEND


def depths() -> dict[str, int]:
    """Tasks waiting per queue name (raises when the queue's store cannot be reached)."""
    if uses_rq():
        import django_rq

        return {name: django_rq.get_queue(name).count for name in settings.RQ_QUEUES}
    if backend_path() == DATABASE_BACKEND:
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready().values("queue_name").annotate(count=Count("id"))
        return {row["queue_name"]: row["count"] for row in waiting.order_by("queue_name")}
    # Backends without a queue to look into (immediate, dummy: tests) have nothing waiting.
    return {}

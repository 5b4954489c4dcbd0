"""The rebuild runs as chunked background tasks with progress, and repairs what bulk loads missed."""

import pytest

from matching.models import IndexRebuild, SearchDocument
from matching.search import search
from matching.tasks import start_rebuild
from registry.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_rebuild_indexes_bulk_loaded_records_and_drops_stale_ones(settings, bureau_admin) -> None:
    settings.TASKS = IMMEDIATE
    # bulk_create sends no signals, as the registry's imports and demo loads do.
    rows = [OrganizationFactory.build() for _ in range(5)]
    for row, n in zip(rows, range(5), strict=True):
        row.name = f"博山琉璃工艺研究所{n}"
    Organization.objects.bulk_create(rows)
    SearchDocument.objects.create(kind="organization", object_id=987654, title="已删除的机构", terms="已删除")
    assert not search("琉璃").hits

    rebuild = start_rebuild(bureau_admin)

    rebuild.refresh_from_db()
    assert rebuild.status == "done" and rebuild.percent == 100
    assert rebuild.done == rebuild.total >= 5 and rebuild.chunks_done == rebuild.chunks
    assert len(search("琉璃", kind="organization").hits) == 5
    assert not SearchDocument.objects.filter(object_id=987654).exists()
    assert IndexRebuild.objects.get().requested_by == bureau_admin


def index_contents() -> list[tuple]:
    return list(
        SearchDocument.objects.order_by("kind", "object_id").values_list(
            "kind", "object_id", "title", "terms", "body_terms", "region", "field", "public"
        )
    )


def test_a_chunk_that_fails_once_is_retried_and_the_index_equals_a_rebuild_in_one_process(
    settings, monkeypatch
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from matching import index, tasks
    from matching.models import IndexRebuildChunk
    from ops.recovery import requeue_stale

    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(tasks, "CHUNK", 2)
    rows = [OrganizationFactory.build(name=f"周村丝绸印染研究所{n}") for n in range(7)]
    Organization.objects.bulk_create(rows)
    index.rebuild_now()
    expected = index_contents()
    SearchDocument.objects.all().delete()

    real, failed = index.index_chunk, []

    def fails_once(kind: str, first: int, last: int) -> int:
        written = real(kind, first, last)  # written, then the worker dies before the chunk is done
        if kind == "organization" and not failed:
            failed.append((first, last))
            raise RuntimeError("worker lost")
        return written

    monkeypatch.setattr(index, "index_chunk", fails_once)
    rebuild = tasks.start_rebuild()
    rebuild.refresh_from_db()
    part = IndexRebuildChunk.objects.get(kind="organization", first_id=failed[0][0])
    assert rebuild.status == "running" and not part.done and part.attempts == 1
    assert rebuild.chunks_done == rebuild.chunks - 1
    assert len(search("周村丝绸", kind="organization").hits) == 7 - 2  # its transaction rolled back

    lease = timedelta(seconds=60)
    IndexRebuildChunk.objects.filter(pk=part.pk).update(claimed_at=timezone.now() - 2 * lease)
    assert requeue_stale(lease) == 1

    rebuild.refresh_from_db()
    part.refresh_from_db()
    assert (part.done, part.attempts, rebuild.status) == (True, 2, "done")
    assert rebuild.done == rebuild.total and rebuild.chunks_done == rebuild.chunks
    assert index_contents() == expected

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

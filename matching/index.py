"""Keeping the search index in step: one record on save (matching.signals), or everything in chunks
(matching.tasks rebuilds it in the background)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from matching.models import SearchDocument
from matching.sources import SOURCES, Source, document_fields, source_for


def index_record(record: models.Model) -> SearchDocument | None:
    """Write (or rewrite) the document of one record; None for records the index does not hold."""
    source = source_for(record)
    if source is None:
        return None
    fresh = source.queryset().filter(pk=record.pk).first()
    if fresh is None:
        remove_record(source.kind, record.pk)
        return None
    fields = document_fields(source, fresh)
    document, _created = SearchDocument.objects.update_or_create(
        kind=fields.pop("kind"), object_id=fields.pop("object_id"), defaults=fields
    )
    return document


def remove_record(kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


def chunk_bounds(source: Source, size: int) -> list[tuple[int, int]]:
    """Key ranges of about `size` records each, so that chunks can go to different workers."""
    keys = list(source.queryset().values_list("pk", flat=True))
    return [(keys[start], keys[min(start + size, len(keys)) - 1]) for start in range(0, len(keys), size)]


def index_chunk(kind: str, first: int, last: int) -> int:
    """Rewrite the documents of one key range of one kind in one transaction; returns the records read."""
    source = SOURCES[kind]
    records = list(source.queryset().filter(pk__gte=first, pk__lte=last))
    with transaction.atomic():
        SearchDocument.objects.filter(kind=kind, object_id__gte=first, object_id__lte=last).delete()
        write_documents(document_fields(source, record) for record in records)
    return len(records)


def write_documents(rows: Iterable[dict[str, Any]], batch_size: int = 1000) -> None:
    SearchDocument.objects.bulk_create((SearchDocument(**row) for row in rows), batch_size=batch_size)


def remove_missing(kind: str) -> int:
    """Documents whose record is gone (deleted by a bulk path that sends no signal)."""
    source = SOURCES[kind]
    stale = SearchDocument.objects.filter(kind=kind).exclude(
        object_id__in=source.model._base_manager.values("pk")
    )
    return stale.delete()[0]


def rebuild_now() -> int:
    """The whole index in this process, chunk by chunk (tests, the demo, `kechuang search_index --now`)."""
    total = 0
    for kind, source in SOURCES.items():
        for first, last in chunk_bounds(source, 2000):
            total += index_chunk(kind, first, last)
        remove_missing(kind)
    return total

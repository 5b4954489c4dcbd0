"""The index follows every save and delete of an indexed record, after the transaction commits (a rolled
back save leaves no document behind). New needs, achievements, challenges and policies are also pushed
to their subscribers (matching.notices)."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from matching.sources import SOURCES

PUSHED_KINDS = {"need", "achievement", "challenge", "policy"}


def _saved(
    sender: type[models.Model],
    instance: models.Model,
    created: bool = False,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    if raw:
        return
    from matching import index, notices

    def follow() -> None:
        document = index.index_record(instance)
        if document is not None and created and document.kind in PUSHED_KINDS:
            notices.push(document)

    transaction.on_commit(follow, robust=True)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    from matching import index
    from matching.sources import source_for

    source = source_for(instance)
    if source is not None:
        pk = instance.pk
        transaction.on_commit(lambda: index.remove_record(source.kind, pk), robust=True)


def connect() -> None:
    from django.apps import apps

    for source in SOURCES.values():
        model = apps.get_model(source.model_label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"matching-index-{source.kind}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"matching-unindex-{source.kind}")
    # An expert's profile is part of the person's document.
    post_save.connect(
        _profile_saved, sender=apps.get_model("matching.ExpertProfile"), dispatch_uid="matching-index-profile"
    )


def _profile_saved(sender: type[models.Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    from matching import index

    transaction.on_commit(lambda: index.index_record(instance.person), robust=True)

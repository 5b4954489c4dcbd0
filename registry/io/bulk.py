"""Writing many records with their audit trail, fast.

django-simple-history's `bulk_create_with_history` / `bulk_update_with_history` write the right rows
but go through Django's per-value SQL compilation, which on this hardware caps an import near 6,000
rows a second. These functions write the same rows (the record, then a history row with its author,
date, reason and type "+" or "~") with one value adaptation per cell and plain multi-row statements.
A model whose history table carries extra fields falls back to simple_history's helpers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import (
    bulk_create_with_history,
    bulk_update_with_history,
    get_history_model_for_model,
)

from accounts.models import User

HISTORY_BOOKKEEPING = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}
# PostgreSQL's limit on the parameters of one statement.
POSTGRES_MAX_PARAMS = 65_535


def _max_params() -> int:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return POSTGRES_MAX_PARAMS if connection.vendor == "postgresql" else connection.features.max_query_params


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a value becomes a database parameter; None where the driver takes the Python value as it is."""
    if isinstance(field, models.ForeignKey):
        return _adapter(field.target_field)
    if isinstance(field, models.CharField | models.TextField | models.BooleanField | models.IntegerField):
        return None
    last: list[Any] = [object(), None]

    def adapt(value: Any) -> Any:
        # Timestamps of one import are one object; adapting it once saves a call per row.
        if value is not last[0]:
            last[0], last[1] = value, field.get_db_prep_save(value, connection)
        return last[1]

    return adapt


def _cells(records: Sequence[models.Model], fields: Sequence[models.Field]) -> list[list[Any]]:
    columns = []
    for field in fields:
        values = [getattr(record, field.attname) for record in records]
        adapt = _adapter(field)
        columns.append([adapt(value) for value in values] if adapt else values)
    return [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in records]


def _stamp(records: Sequence[models.Model], fields: Sequence[models.Field]) -> None:
    """Bulk writes skip `auto_now` and `auto_now_add`; one time stamps the whole batch instead."""
    now = timezone.now()
    for field in fields:
        for record in records:
            setattr(record, field.attname, now)


def _fast_history_supported(model: type[models.Model]) -> bool:
    history = get_history_model_for_model(model)
    tracked = {field.name for field in history.tracked_fields}
    return {field.name for field in history._meta.concrete_fields} <= tracked | HISTORY_BOOKKEEPING


def _write_history(
    records: Sequence[models.Model],
    model: type[models.Model],
    history_type: str,
    user: User | None,
    reason: str,
) -> None:
    history = get_history_model_for_model(model)
    fields = list(history.tracked_fields)
    quote = connection.ops.quote_name
    names = [field.attname for field in fields] + [
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user_id",
    ]
    now = history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection)
    bookkeeping = [now, reason, history_type, user.pk if user else None]
    rows = [cells + bookkeeping for cells in _cells(records, fields)]
    # Table and column names come from model metadata, quoted; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(quote(name) for name in names)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def create_with_history(
    records: list[models.Model], model: type[models.Model], *, user: User | None, reason: str, batch_size: int
) -> None:
    """Insert new records (setting their primary keys) and a creation history row for each."""
    if not _fast_history_supported(model):
        bulk_create_with_history(
            records, model, batch_size=batch_size, default_user=user, default_change_reason=reason
        )
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    _stamp(records, [field for field in fields if getattr(field, "auto_now_add", False)])
    _stamp(records, [field for field in fields if getattr(field, "auto_now", False)])
    quote = connection.ops.quote_name
    pk = model._meta.pk
    per_batch = max(1, min(batch_size, _max_params() // len(fields)))
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "  # noqa: S608
    placeholder = f"({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(records), per_batch):
            batch = records[start : start + per_batch]
            params = [cell for row in _cells(batch, fields) for cell in row]
            # Rows come back in the order of VALUES, the assumption Django's own bulk_create makes.
            cursor.execute(
                f"{head}{', '.join([placeholder] * len(batch))} RETURNING {quote(pk.column)}", params
            )
            for record, (pk_value,) in zip(batch, cursor.fetchall(), strict=True):
                setattr(record, pk.attname, pk_value)
                record._state.adding = False
    _write_history(records, model, "+", user, reason)


def update_with_history(
    records: list[models.Model],
    model: type[models.Model],
    fields: Sequence[str],
    *,
    user: User | None,
    reason: str,
    batch_size: int,
) -> None:
    """Save `fields` of stored records and a change history row for each."""
    stamped = [field for field in model._meta.concrete_fields if getattr(field, "auto_now", False)]
    _stamp(records, stamped)
    fields = sorted({*fields, *(field.name for field in stamped)})
    if not _fast_history_supported(model):
        bulk_update_with_history(
            records,
            model,
            list(fields),
            batch_size=batch_size,
            default_user=user,
            default_change_reason=reason,
        )
        return
    targets = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    pk = model._meta.pk
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in targets)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"  # noqa: S608
    rows = [cells + [record.pk] for cells, record in zip(_cells(records, targets), records, strict=True)]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    _write_history(records, model, "~", user, reason)

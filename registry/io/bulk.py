"""Writing many records with their audit trail, fast.

django-simple-history's `bulk_create_with_history` / `bulk_update_with_history` write the right rows
but go through Django's per-value SQL compilation, which on this hardware caps an import near 6,000
rows a second. These functions write the same rows (the record, then a history row with its author,
date, reason and type "+" or "~") with one value adaptation per cell: on SQLite as multi-row
statements, on PostgreSQL through COPY. A model whose history table carries extra fields, or another
database, falls back to simple_history's helpers.
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
FAST_VENDORS = {"sqlite", "postgresql"}

Rows = list[list[Any]]


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _names(names: Sequence[str]) -> str:
    return ", ".join(_quote(name) for name in names)


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


def _cells(records: Sequence[models.Model], fields: Sequence[models.Field]) -> Rows:
    columns = []
    for field in fields:
        values = [getattr(record, field.attname) for record in records]
        adapt = _adapter(field)
        columns.append([adapt(value) for value in values] if adapt else values)
    return [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in records]


# Table and column names below come from model metadata and are quoted; every value is a parameter.


def _sqlite_insert_returning(table: str, pk: str, names: Sequence[str], rows: Rows, batch_size: int) -> list:
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_batch = max(1, min(batch_size, limit // len(names)))
    placeholder = f"({', '.join(['%s'] * len(names))})"
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_batch):
            batch = rows[start : start + per_batch]
            values = ", ".join([placeholder] * len(batch))
            # Rows come back in the order of VALUES, the assumption Django's own bulk_create makes.
            cursor.execute(
                f"INSERT INTO {_quote(table)} ({_names(names)}) VALUES {values} RETURNING {_quote(pk)}",  # noqa: S608
                [cell for row in batch for cell in row],
            )
            ids += [pk_value for (pk_value,) in cursor.fetchall()]
    return ids


def _postgres_copy(table: str, names: Sequence[str], rows: Rows) -> None:
    # The raw cursor's COPY raises psycopg's errors; wrapped, a duplicate key is Django's IntegrityError,
    # which the importer reports ("导入期间数据被其他人修改") instead of a server error.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {_quote(table)} ({_names(names)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _postgres_insert_returning(table: str, pk: str, names: Sequence[str], rows: Rows) -> list:
    # COPY returns nothing, so the keys are drawn from the table's sequence first.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, len(rows)],
        )
        ids = [pk_value for (pk_value,) in cursor.fetchall()]
    _postgres_copy(table, [pk, *names], [[pk_value, *row] for pk_value, row in zip(ids, rows, strict=True)])
    return ids


def _insert(table: str, names: Sequence[str], rows: Rows) -> None:
    if connection.vendor == "postgresql":
        _postgres_copy(table, names, rows)
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {_quote(table)} ({_names(names)}) VALUES ({', '.join(['%s'] * len(names))})",  # noqa: S608
            rows,
        )


def _update(table: str, pk: str, names: Sequence[str], rows: Rows) -> None:
    """Set columns `names` of the rows whose key is each row's last cell."""
    assignments = ", ".join(f"{_quote(name)} = %s" for name in names)
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {_quote(table)} SET {assignments} WHERE {_quote(pk)} = %s",  # noqa: S608
                rows,
            )
        return
    staging = _quote(f"import_{table}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {_names(names)}, {_quote(pk)} FROM {_quote(table)} WITH NO DATA"
        )
        _postgres_copy(f"import_{table}", [*names, pk], rows)
        assignments = ", ".join(f"{_quote(name)} = staged.{_quote(name)}" for name in names)
        cursor.execute(
            f"UPDATE {_quote(table)} SET {assignments} FROM {staging} AS staged "  # noqa: S608
            f"WHERE {_quote(table)}.{_quote(pk)} = staged.{_quote(pk)}"
        )
        cursor.execute(f"DROP TABLE {staging}")


def _stamp(records: Sequence[models.Model], fields: Sequence[models.Field]) -> None:
    """Bulk writes skip `auto_now` and `auto_now_add`; one time stamps the whole batch instead."""
    now = timezone.now()
    for field in fields:
        for record in records:
            setattr(record, field.attname, now)


def _fast_path(model: type[models.Model]) -> bool:
    history = get_history_model_for_model(model)
    tracked = {field.name for field in history.tracked_fields}
    extra = {field.name for field in history._meta.concrete_fields} - tracked - HISTORY_BOOKKEEPING
    return connection.vendor in FAST_VENDORS and not extra


def _write_history(
    records: Sequence[models.Model],
    model: type[models.Model],
    history_type: str,
    user: User | None,
    reason: str,
) -> None:
    history = get_history_model_for_model(model)
    fields = list(history.tracked_fields)
    names = [field.attname for field in fields]
    names += ["history_date", "history_change_reason", "history_type", "history_user_id"]
    now = history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection)
    bookkeeping = [now, reason, history_type, user.pk if user else None]
    _insert(history._meta.db_table, names, [cells + bookkeeping for cells in _cells(records, fields)])


def create_with_history(
    records: list[models.Model], model: type[models.Model], *, user: User | None, reason: str, batch_size: int
) -> None:
    """Insert new records (setting their primary keys) and a creation history row for each."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    _stamp(records, [field for field in fields if getattr(field, "auto_now_add", False)])
    _stamp(records, [field for field in fields if getattr(field, "auto_now", False)])
    if not _fast_path(model):
        bulk_create_with_history(
            records, model, batch_size=batch_size, default_user=user, default_change_reason=reason
        )
        return
    table, pk, names = model._meta.db_table, model._meta.pk, [field.column for field in fields]
    rows = _cells(records, fields)
    if connection.vendor == "postgresql":
        ids = _postgres_insert_returning(table, pk.column, names, rows)
    else:
        ids = _sqlite_insert_returning(table, pk.column, names, rows, batch_size)
    for record, pk_value in zip(records, ids, strict=True):
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
    if not _fast_path(model):
        bulk_update_with_history(
            records, model, fields, batch_size=batch_size, default_user=user, default_change_reason=reason
        )
        return
    targets = [model._meta.get_field(name) for name in fields]
    rows = [cells + [record.pk] for cells, record in zip(_cells(records, targets), records, strict=True)]
    _update(model._meta.db_table, model._meta.pk.column, [field.column for field in targets], rows)
    _write_history(records, model, "~", user, reason)

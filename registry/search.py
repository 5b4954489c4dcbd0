"""Substring search over the registry's names that an index can answer on both databases.

PostgreSQL answers `LIKE '%…%'` from the pg_trgm GIN indexes of migration 0002. SQLite has no such index
for LIKE, so on SQLite every searched table gets an FTS5 table with the trigram tokenizer (migration
0003): an external-content index (it stores trigrams, not a second copy of the text) that triggers keep in
step with its table on every insert, update and delete, bulk loads included. A trigram index can only
answer a term of at least three characters (code points: "华鑫精" is three); shorter terms stay a LIKE scan.

FTS5 folds letter case like LIKE does, so both paths find the same records. Django's SQLite schema editor
rebuilds a table to alter some columns and drops its triggers with it: a migration that alters an indexed
table must call `install_sqlite_indexes` again (tests/test_registry_search_index_stays_in_step.py fails
until it does).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connections, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models.expressions import RawSQL

# Table → columns in its trigram index. Only the columns a QuerySet's search() looks at.
SQLITE_INDEXED: dict[str, tuple[str, ...]] = {
    "registry_organization": ("name", "industry"),
    "registry_platform": ("name", "field"),
    "registry_person": ("name", "fields"),
    "registry_instrument": ("name", "category"),
    "registry_achievement": ("title", "field"),
    "registry_technologyneed": ("title", "field"),
}
SHORTEST_INDEXED_TERM = 3


def contains_text(field: str, text: str) -> models.Q:
    """A substring match that stays index-friendly: Chinese has no letter case, so a case-insensitive
    match (UPPER() on every row in PostgreSQL) is only used when the text has cased letters."""
    lookup = "icontains" if text.lower() != text.upper() else "contains"
    return models.Q(**{f"{field}__{lookup}": text})


def text_search(queryset: models.QuerySet, text: str, fields: list[str]) -> models.Q:
    """Records of the queryset with `text` inside any of `fields` (a field of the model, or
    `relation__field` one step across a foreign key), through the trigram index wherever SQLite has one."""
    model = queryset.model
    if connections[queryset.db].vendor != "sqlite" or len(text) < SHORTEST_INDEXED_TERM:
        return _any(contains_text(field, text) for field in fields)
    matches = []
    own = [field for field in fields if field in SQLITE_INDEXED.get(model._meta.db_table, ())]
    if own:
        matches.append(models.Q(pk__in=_fts_rowids(model._meta.db_table, own, text)))
    for field in fields:
        if field in own:
            continue
        relation, _, column = field.partition("__")
        target = model._meta.get_field(relation).related_model if column else None
        table = target._meta.db_table if target is not None else ""
        if column in SQLITE_INDEXED.get(table, ()):
            matches.append(models.Q(**{f"{relation}__in": _fts_rowids(table, [column], text)}))
        else:
            matches.append(contains_text(field, text))
    return _any(matches)


def fts_phrase(text: str) -> str:
    """The text as one FTS5 string, so that quotes, `*`, `OR`, `NEAR` or `:` typed by a user are searched
    for, not obeyed. Inside an FTS5 string a double quote is written twice."""
    return '"' + text.replace('"', '""') + '"'


def _fts_rowids(table: str, columns: list[str], text: str) -> RawSQL:
    index = f"{table}_search"
    query = fts_phrase(text)
    if list(columns) != list(SQLITE_INDEXED[table]):
        query = "{" + " ".join(columns) + "} : " + query
    # Table names come from SQLITE_INDEXED, never from input; the user's text is a parameter.
    return RawSQL(f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH %s', (query,))  # noqa: S608, S611


def _any(conditions: Iterable[models.Q]) -> models.Q:
    combined = models.Q()
    for condition in conditions:
        combined |= condition
    return combined


def install_sqlite_indexes(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Create (or re-create, after a table rebuild dropped its triggers) every trigram index and fill it."""
    if schema_editor.connection.vendor != "sqlite":
        return
    # Every name in these statements comes from SQLITE_INDEXED.
    for table, columns in SQLITE_INDEXED.items():
        index = f"{table}_search"
        names = ", ".join(columns)
        new = ", ".join(f"new.{column}" for column in columns)
        old = ", ".join(f"old.{column}" for column in columns)
        delete = f"INSERT INTO {index}({index}, rowid, {names}) VALUES ('delete', old.id, {old});"  # noqa: S608
        insert = f"INSERT INTO {index}(rowid, {names}) VALUES (new.id, {new});"  # noqa: S608
        for statement in [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5("
            f"{names}, content='{table}', content_rowid='id', tokenize='trigram')",
            f"CREATE TRIGGER IF NOT EXISTS {index}_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {index}_delete AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {index}_update AFTER UPDATE OF {names} ON {table} "
            f"BEGIN {delete} {insert} END",
            f"INSERT INTO {index}({index}) VALUES ('rebuild')",  # noqa: S608
        ]:
            schema_editor.execute(statement)


def drop_sqlite_indexes(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in SQLITE_INDEXED:
        index = f"{table}_search"
        for trigger in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_{trigger}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {index}")

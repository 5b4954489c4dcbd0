"""Substring search over the registry's names that an index can answer on both databases.

PostgreSQL answers `LIKE '%…%'` from the pg_trgm GIN indexes of migration 0002. SQLite has no such index
for LIKE, so on SQLite every searched table gets an FTS5 table with the trigram tokenizer (migration
0003): an external-content index (it stores trigrams, not a second copy of the text) that triggers keep in
step with its table on every insert, update and delete, bulk loads included. A trigram index can only
answer a term of at least three characters (code points: "华鑫精" is three); shorter terms stay a LIKE scan.

FTS5 folds letter case as LIKE does (LIKE only for ASCII letters, FTS5 for all). Django's SQLite schema editor
rebuilds a table to alter some columns and drops its triggers with it: a migration that alters an indexed
table must call `install_sqlite_indexes` again (tests/test_registry_search_index_stays_in_step.py fails
until it does).
"""

from __future__ import annotations

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
    """Records of the queryset with `text` inside any of `fields`: fields of the model, or `relation__field`
    one step across a foreign key, which is searched in the related table and joined back by key (a join
    with the condition inside an OR would rule out every index on both tables)."""
    if connections[queryset.db].vendor == "sqlite" and len(text) >= SHORTEST_INDEXED_TERM:
        indexed = _sqlite_indexed(queryset.model, text, fields)
        if indexed is not None:
            return models.Q(pk__in=indexed)
    matches = models.Q()
    for field in fields:
        relation, _, column = field.partition("__")
        if not column:
            matches |= contains_text(field, text)
            continue
        target = queryset.model._meta.get_field(relation).related_model
        matches |= models.Q(**{f"{relation}__in": target._base_manager.filter(contains_text(column, text))})
    return matches


def fts_phrase(text: str) -> str:
    """The text as one FTS5 string, so that quotes, `*`, `OR`, `NEAR` or `:` typed by a user are searched
    for, not obeyed. Inside an FTS5 string a double quote is written twice."""
    return '"' + text.replace('"', '""') + '"'


def _sqlite_indexed(model: type[models.Model], text: str, fields: list[str]) -> RawSQL | None:
    """The keys of matching records as one subquery over the FTS5 tables, or None when a field has no index.

    One `pk IN (… UNION …)` rather than an OR of several: SQLite then reads the keys in order and stops
    after a page, where an OR would fetch and sort every match (most names hold 有限公司)."""
    table, key = model._meta.db_table, model._meta.pk.column
    own = [field for field in fields if "__" not in field]
    parts, params = [], []
    if own:
        if not set(own) <= set(SQLITE_INDEXED.get(table, ())):
            return None
        parts.append(_match(table))
        params.append(_fts_query(table, own, text))
    for field in fields:
        if field in own:
            continue
        relation, _, column = field.partition("__")
        foreign_key = model._meta.get_field(relation)
        target = foreign_key.related_model._meta.db_table
        if column not in SQLITE_INDEXED.get(target, ()):
            return None
        by_key = f'SELECT "{key}" FROM "{table}" WHERE "{foreign_key.column}" IN ({_match(target)})'  # noqa: S608
        parts.append(by_key)
        params.append(_fts_query(target, [column], text))
    # Names come from model metadata and SQLITE_INDEXED, never from input; the user's text is a parameter.
    return RawSQL(" UNION ".join(parts), params)  # noqa: S611


def _match(table: str) -> str:
    return f'SELECT rowid FROM "{table}_search" WHERE "{table}_search" MATCH %s'  # noqa: S608


def _fts_query(table: str, columns: list[str], text: str) -> str:
    if list(columns) == list(SQLITE_INDEXED[table]):
        return fts_phrase(text)
    return "{" + " ".join(columns) + "} : " + fts_phrase(text)


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
        changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in columns)
        for statement in [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5("
            f"{names}, content='{table}', content_rowid='id', tokenize='trigram')",
            f"CREATE TRIGGER IF NOT EXISTS {index}_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {index}_delete AFTER DELETE ON {table} BEGIN {delete} END",
            # Imports rewrite whole rows: an unchanged name costs no index work.
            f"CREATE TRIGGER IF NOT EXISTS {index}_update AFTER UPDATE OF {names} ON {table} WHEN {changed} "
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

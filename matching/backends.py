"""The full-text index behind one interface: SQLite FTS5 on the embedded default, PostgreSQL's tsvector in
production. Both read the segmented terms matching.text writes into SearchDocument, so neither needs a
Chinese parser, and both answer the same query tree:

    groups: [[alternative, …], …]  where an alternative is a tuple of terms that must all be present

`all` mode needs every group, `any` mode at least one. Ranking: FTS5's bm25() with the title terms
weighted four times the body; on PostgreSQL ts_rank with the title terms in weight class A, the body in
B, divided by 1 + log(length) (normalization 1), the nearest BM25-like ranking it has built in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

Alternative = tuple[str, ...]
Groups = Sequence[Sequence[Alternative]]

TABLE = "matching_searchdocument"
FTS = "matching_search_fts"
VOCAB = "matching_search_vocab"
TITLE_WEIGHT = 4.0
# What ranking and the filters (_where) read of a candidate document.
CANDIDATE_COLUMNS = "id, vector, kind, subkind, public, organization_id"


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    # Kinds whose documents count only with one of these subkinds (organization → service agencies).
    subkinds_of: tuple[tuple[str, tuple[str, ...]], ...] = ()
    public_only: bool = False
    exclude_organization: int | None = None


def group_terms(groups: Groups) -> list[str]:
    return list(dict.fromkeys(term for group in groups for alternative in group for term in alternative))


def group_documents(group: Sequence[Alternative], counts: dict[str, int]) -> int:
    """At most how many documents a group finds: an alternative finds no more than its rarest term."""
    return sum(min(counts.get(term, 0) for term in alternative) for alternative in group)


def _where(filters: Filters, alias: str) -> tuple[str, list[object]]:
    clauses, params = [], []
    either = []
    if filters.kinds:
        either.append(f"{alias}.kind IN ({', '.join(['%s'] * len(filters.kinds))})")
        params.extend(filters.kinds)
    for kind, subkinds in filters.subkinds_of:
        either.append(f"({alias}.kind = %s AND {alias}.subkind IN ({', '.join(['%s'] * len(subkinds))}))")
        params.extend([kind, *subkinds])
    if either:
        clauses.append("(" + " OR ".join(either) + ")")
    if filters.public_only:
        clauses.append(f"{alias}.public")
    if filters.exclude_organization is not None:
        clauses.append(f"({alias}.organization_id IS NULL OR {alias}.organization_id <> %s)")
        params.append(filters.exclude_organization)
    return "".join(f" AND {clause}" for clause in clauses), params


class SqliteIndex:
    vendor = "sqlite"

    @staticmethod
    def expression(groups: Groups, mode: str) -> str:
        # Terms hold only [0-9a-z] and Han characters (matching.text.WORD), so quoting them is enough.
        def alternative(terms: Alternative) -> str:
            inner = " AND ".join(f'"{term}"' for term in terms)
            return f"({inner})" if len(terms) > 1 else inner

        joined = f" {'AND' if mode == 'all' else 'OR'} "
        return joined.join("(" + " OR ".join(alternative(alt) for alt in group) + ")" for group in groups)

    def search(self, groups: Groups, mode: str, filters: Filters, limit: int) -> list[tuple[int, float]]:
        where, params = _where(filters, "d")
        rank = f"bm25({FTS}, {TITLE_WEIGHT}, 1.0)"
        if where:
            sql = (
                f"SELECT d.id, -{rank} FROM {FTS} JOIN {TABLE} d ON d.id = {FTS}.rowid "  # noqa: S608
                f"WHERE {FTS} MATCH %s{where} ORDER BY {rank} LIMIT %s"
            )
        else:
            # The FTS rowid is the document's id: without filters the documents' table is not read, and
            # a join before the sort (one lookup per match, not per hit) had doubled the query's time.
            sql = f"SELECT rowid, -{rank} FROM {FTS} WHERE {FTS} MATCH %s ORDER BY {rank} LIMIT %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.expression(groups, mode), *params, limit])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def document_counts(self, terms: Sequence[str]) -> dict[str, int]:
        if not terms:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, doc FROM {VOCAB} WHERE term IN ({', '.join(['%s'] * len(terms))})",  # noqa: S608
                list(terms),
            )
            return {term: count for term, count in cursor.fetchall()}

    def size(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {TABLE}")  # noqa: S608
            return cursor.fetchone()[0]

    def estimated_counts(self, terms: Sequence[str]) -> dict[str, int]:
        """At most how many documents hold each term (FTS5's vocabulary counts exactly, and cheaply)."""
        return self.document_counts(terms)


class PostgresIndex:
    vendor = "postgresql"
    # Counting a common term's documents exactly would read its whole posting list; past this it is common.
    COUNT_CAP = 20000
    # Below the sampled commonest lexemes, counts stop here at least (a sample of a small table is coarse).
    COUNT_FLOOR = 1000

    @staticmethod
    def expression(groups: Groups, mode: str) -> str:
        def alternative(terms: Alternative) -> str:
            inner = " & ".join(f"'{term}'" for term in terms)
            return f"({inner})" if len(terms) > 1 else inner

        joined = f" {'&' if mode == 'all' else '|'} "
        return joined.join("(" + " | ".join(alternative(alt) for alt in group) + ")" for group in groups)

    def search(self, groups: Groups, mode: str, filters: Filters, limit: int) -> list[tuple[int, float]]:
        where, params = _where(filters, "d")
        rank = "ts_rank('{0.1, 0.2, 0.4, 1.0}', d.vector, q, 1) * 10"
        if mode == "all" and len(groups) > 1:
            # A document holding every word holds the rarest one: its documents (read through the GIN index
            # alone) are the candidates the whole query is checked against. Left to itself, the planner
            # intersected every word's posting list, the common words' long ones included.
            counts = self.estimated_counts(group_terms(groups))
            rarest = min(groups, key=lambda group: group_documents(group, counts))
            sql = (
                f"WITH d AS MATERIALIZED (SELECT {CANDIDATE_COLUMNS} FROM {TABLE} "  # noqa: S608
                "WHERE vector @@ to_tsquery('simple', %s)) "
                f"SELECT d.id, {rank} AS score FROM d, to_tsquery('simple', %s) q WHERE d.vector @@ q{where} "
                "ORDER BY score DESC, d.id LIMIT %s"
            )
            arguments = [self.expression([rarest], mode), self.expression(groups, mode), *params, limit]
        else:
            sql = (
                f"SELECT d.id, {rank} AS score "  # noqa: S608
                f"FROM {TABLE} d, to_tsquery('simple', %s) q WHERE d.vector @@ q{where} "
                "ORDER BY score DESC, d.id LIMIT %s"
            )
            arguments = [self.expression(groups, mode), *params, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def document_counts(self, terms: Sequence[str]) -> dict[str, int]:
        """Documents holding each term: from the statistics ANALYZE keeps of the vector column for its
        commonest lexemes (counting one of those exactly reads its whole posting list and the rows it
        names: a match weighs up to 40 words), counted exactly below them, where counting is cheap."""
        common, rarer_than = self._common_lexemes()
        counts = {term: round(common[term]) for term in terms if term in common}
        cap = max(self.COUNT_FLOOR, math.ceil(rarer_than)) if common else self.COUNT_CAP
        with connection.cursor() as cursor:
            for term in dict.fromkeys(terms):
                if term in counts:
                    continue
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE vector @@ to_tsquery('simple', %s) "  # noqa: S608
                    "LIMIT %s) hits",
                    [f"'{term}'", cap],
                )
                counts[term] = cursor.fetchone()[0]
        return counts

    def estimated_counts(self, terms: Sequence[str]) -> dict[str, int]:
        """At most how many documents hold each term, from the statistics alone (no query reads the
        index): a lexeme outside the sampled commonest ones is rarer than all of them."""
        common, rarer_than = self._common_lexemes()
        if not common:
            return self.document_counts(terms)
        return {term: round(common.get(term, rarer_than)) for term in terms}

    @staticmethod
    def _common_lexemes() -> tuple[dict[str, float], float]:
        """{lexeme: estimated documents} of the sampled commonest lexemes, and the estimate below which
        every other lexeme lies; empty before the table's first ANALYZE (autovacuum runs it)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
                "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
                "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname "
                "WHERE s.schemaname = current_schema() AND s.tablename = %s AND s.attname = 'vector'",
                [TABLE],
            )
            row = cursor.fetchone()
        if not row or not row[0] or row[2] <= 0:
            return {}, 0.0
        lexemes, frequencies, rows = row
        # The frequencies list ends with the minimum, the maximum and the null share (pg_stats).
        return (
            {lexeme: frequency * rows for lexeme, frequency in zip(lexemes, frequencies, strict=False)},
            frequencies[-3] * rows,
        )

    def size(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {TABLE}")  # noqa: S608
            return cursor.fetchone()[0]


def current() -> SqliteIndex | PostgresIndex:
    return PostgresIndex() if connection.vendor == "postgresql" else SqliteIndex()


# ---- schema (called from the app's migrations) -------------------------------------------------------


def install(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Create the full-text index of SearchDocument for the database in use and fill it."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        columns = "terms, body_terms"
        new = "new.terms, new.body_terms"
        old = "old.terms, old.body_terms"
        delete = f"INSERT INTO {FTS}({FTS}, rowid, {columns}) VALUES ('delete', old.id, {old});"  # noqa: S608
        insert = f"INSERT INTO {FTS}(rowid, {columns}) VALUES (new.id, {new});"  # noqa: S608
        statements = [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({columns}, content='{TABLE}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} USING fts5vocab({FTS}, 'row')",
            f"CREATE TRIGGER IF NOT EXISTS {FTS}_insert AFTER INSERT ON {TABLE} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {FTS}_delete AFTER DELETE ON {TABLE} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {FTS}_update AFTER UPDATE OF {columns} ON {TABLE} "
            f"BEGIN {delete} {insert} END",
            f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",  # noqa: S608
        ]
    elif vendor == "postgresql":
        statements = [
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS vector tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple', terms), 'A') || "
            "setweight(to_tsvector('simple', body_terms), 'B')"
            ") STORED",
            f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)",
        ]
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement)


def uninstall(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for trigger in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS}_{trigger}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {VOCAB}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_vector")
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vector")

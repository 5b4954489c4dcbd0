"""Trigram indexes so that substring search (LIKE '%…%') uses an index on PostgreSQL.

SQLite has no equivalent short of a full-text table; there the search stays a scan (see bench/registry)."""

from django.db import migrations

INDEXED = {
    "registry_organization": ["name", "industry"],
    "registry_platform": ["name"],
    "registry_person": ["name"],
    "registry_instrument": ["name"],
    "registry_achievement": ["title"],
    "registry_technologyneed": ["title"],
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, columns in INDEXED.items():
        for column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in INDEXED.items():
        for column in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]

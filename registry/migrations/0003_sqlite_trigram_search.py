"""Trigram full-text tables (FTS5) and their triggers on SQLite, the counterpart of 0002's pg_trgm indexes.

The DDL lives in registry/search.py beside the queries that read these tables; a later migration that
rebuilds one of the indexed tables on SQLite runs the same function again to restore the triggers."""

from django.db import migrations

from registry.search import drop_sqlite_indexes, install_sqlite_indexes


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_trigram_search_indexes")]

    operations = [migrations.RunPython(install_sqlite_indexes, drop_sqlite_indexes)]

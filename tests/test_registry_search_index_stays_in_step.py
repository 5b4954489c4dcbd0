"""Every searched table keeps its trigram index after all migrations: on SQLite an FTS5 table with the
triggers that follow inserts, updates and deletes (Django drops triggers when it rebuilds a table to alter
it; such a migration must call registry.search.install_sqlite_indexes again), on PostgreSQL pg_trgm."""

from django.db import connection

from registry.models import Organization, Platform
from registry.search import SQLITE_INDEXED
from tests.factories import OrganizationFactory, PlatformFactory


def test_every_searched_table_has_its_index_after_migrations(db) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            present = {row[0] for row in cursor.fetchall()}
            expected = {
                f"{table}_search{suffix}"
                for table in SQLITE_INDEXED
                for suffix in ("", "_insert", "_update", "_delete")
            }
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%\\_trgm"])
            present = {row[0] for row in cursor.fetchall()}
            expected = {
                "registry_organization_name_trgm",
                "registry_organization_industry_trgm",
                "registry_platform_name_trgm",
                "registry_person_name_trgm",
                "registry_instrument_name_trgm",
                "registry_achievement_title_trgm",
                "registry_technologyneed_title_trgm",
            }
    missing = sorted(expected - present)
    assert not missing, f"missing {missing}: a migration rebuilt the table, see registry/search.py"


def test_sqlite_index_agrees_with_its_table_after_edits(db) -> None:
    host = OrganizationFactory(name="淄博华鑫精密机械有限公司")
    platform = PlatformFactory(host=host, name="淄博市精密机械工程技术研究中心")
    Organization.objects.filter(pk=host.pk).update(industry="智能装备")
    Platform.objects.filter(pk=platform.pk).update(name="淄博市智能装备工程技术研究中心")
    OrganizationFactory().delete()
    if connection.vendor != "sqlite":
        assert Platform.objects.search("智能装备工程").get() == platform
        return
    with connection.cursor() as cursor:
        for table in SQLITE_INDEXED:
            # FTS5 compares every indexed row with its table's row and raises on any difference.
            cursor.execute(f"INSERT INTO {table}_search({table}_search) VALUES ('integrity-check')")  # noqa: S608
    assert Platform.objects.search("智能装备工程").get() == platform

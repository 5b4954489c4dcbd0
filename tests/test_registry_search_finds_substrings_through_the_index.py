"""Registry search finds any substring of names and fields, through the trigram index when the term is
long enough (FTS5 on SQLite, pg_trgm on PostgreSQL) and by a scan when it is not, and follows edits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Organization, Platform
from tests.factories import OrganizationFactory, PlatformFactory


@pytest.fixture
def organizations(db) -> None:
    OrganizationFactory(name="淄博华鑫精密机械有限公司", industry="精密机械")
    OrganizationFactory(name="淄博鑫华新材料有限公司", industry="新材料")
    OrganizationFactory(name="Zibo Precision Tools Co.", industry="智能装备")


def found(text: str) -> set[str]:
    return set(Organization.objects.search(text).values_list("name", flat=True))


def test_three_character_chinese_term_matches_inside_names(organizations: None) -> None:
    assert found("华鑫精") == {"淄博华鑫精密机械有限公司"}
    assert found("华鑫精密") == {"淄博华鑫精密机械有限公司"}
    assert found("有限公司") == {"淄博华鑫精密机械有限公司", "淄博鑫华新材料有限公司"}


def test_term_spanning_characters_that_are_apart_matches_nothing(organizations: None) -> None:
    assert found("华鑫机械") == set()


def test_industry_matches_as_well_as_name(organizations: None) -> None:
    assert found("智能装备") == {"Zibo Precision Tools Co."}


def test_short_terms_still_match(organizations: None) -> None:
    assert found("鑫华") == {"淄博鑫华新材料有限公司"}
    assert found("精") == {"淄博华鑫精密机械有限公司"}


def test_latin_letters_match_in_any_case(organizations: None) -> None:
    assert found("precision") == {"Zibo Precision Tools Co."}
    assert found("ZIBO PREC") == {"Zibo Precision Tools Co."}


def test_uscc_finds_its_organization(organizations: None) -> None:
    organization = Organization.objects.get(name="淄博鑫华新材料有限公司")
    assert found(organization.uscc.lower()) == {"淄博鑫华新材料有限公司"}


def test_renamed_organization_is_found_by_its_new_name_only(organizations: None) -> None:
    organization = Organization.objects.get(name="淄博鑫华新材料有限公司")
    organization.name = "淄博瑞博生物医药有限公司"
    organization.save()
    assert found("鑫华新") == set()
    assert found("瑞博生物") == {"淄博瑞博生物医药有限公司"}


def test_deleted_and_bulk_created_organizations_leave_and_enter_the_results(organizations: None) -> None:
    Organization.objects.filter(name="淄博华鑫精密机械有限公司").delete()
    Organization.objects.bulk_create([OrganizationFactory.build(name="博山华鑫精密陶瓷厂")])
    assert found("华鑫精密") == {"博山华鑫精密陶瓷厂"}


def test_platform_search_reaches_its_host_name(db) -> None:
    host = OrganizationFactory(name="淄博华鑫精密机械有限公司")
    PlatformFactory(name="淄博市精密机械工程技术研究中心", host=host)
    PlatformFactory(name="淄博市陶瓷工程技术研究中心")
    names = set(Platform.objects.search("华鑫精密").values_list("name", flat=True))
    assert names == {"淄博市精密机械工程技术研究中心"}


def search_sql(text: str) -> str:
    with CaptureQueriesContext(connection) as captured:
        list(Organization.objects.search(text))
    return captured.captured_queries[-1]["sql"]


def test_long_terms_use_the_trigram_index_and_short_ones_scan(organizations: None) -> None:
    if connection.vendor == "sqlite":
        assert "registry_organization_search" in search_sql("华鑫精")
        assert "MATCH" in search_sql("华鑫精")
        assert "MATCH" not in search_sql("华鑫")
        return
    # PostgreSQL answers the LIKE itself from the GIN trigram index; with sequential and ordered index
    # scans ruled out the planner shows whether an index can serve the lookup at all (a three-row table
    # would be scanned anyway, and the name index would be walked for its order).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = Organization.objects.search("华鑫精").only("pk").query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "registry_organization_name_trgm" in plan
    assert "registry_organization_industry_trgm" in plan

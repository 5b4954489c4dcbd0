"""Contract 8's search: one index over every kind, found by Chinese words, pinyin and initials."""

import json

import pytest
from django.core.management import call_command

from matching.models import SearchDocument, Synonym
from matching.search import search
from tests.matching_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_world()


def found(text: str, kind: str | None = None) -> list[tuple[str, int]]:
    return [(hit.kind, hit.id) for hit in search(text, kind=kind, limit=50).hits]


def test_every_kind_is_indexed_on_save(world) -> None:
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert kinds >= {
        "organization",
        "platform",
        "person",
        "instrument",
        "achievement",
        "need",
        "policy",
        "clause",
    }
    assert ("person", world.expert.pk) in found("张立新")
    assert ("instrument", world.instrument.pk) in found("充放电")
    assert ("platform", world.platform.pk) in found("工程技术研究中心")
    assert ("clause", world.clause.pk) in found("正极材料研发", kind="clause")
    assert ("policy", world.policy.pk) in found("新能源产业", kind="policy")


def test_chinese_words_pinyin_and_initials_find_the_same_name(world) -> None:
    target = ("organization", world.enterprise.pk)
    for text in ["淄博", "zibo", "zb", "ZIBO", "蓝海", "lanhai", "lh"]:
        assert target in found(text, kind="organization"), text
    assert found("zibo lanhai", kind="organization")[0] == target


def test_a_homophone_typo_still_finds_the_name(world) -> None:
    assert ("organization", world.enterprise.pk) in found("滋博蓝海", kind="organization")
    assert found("兰海新材料", kind="organization")[0] == ("organization", world.enterprise.pk)


def test_all_words_rank_above_some_words(world) -> None:
    hits = search("高镍 正极材料 制备", limit=10).hits
    assert (hits[0].kind, hits[0].id) == ("achievement", world.achievement.pk)
    assert hits[0].score > hits[-1].score


def test_staff_synonyms_widen_a_search_at_once(world) -> None:
    assert ("platform", world.platform.pk) not in found("储能", kind="platform")
    Synonym.objects.create(words="储能、锂电池")
    assert ("platform", world.platform.pk) in found("储能", kind="platform")


def test_highlights_mark_the_words_typed_and_the_spelled_ones(world) -> None:
    hit = search("zibo", kind="organization", limit=5).hits[0]
    assert "<mark>淄博</mark>" in hit.highlights[0]
    hit = search("循环寿命", kind="need", limit=5).hits[0]
    assert any("<mark>循环寿命</mark>" in line for line in hit.highlights)
    evil = search("<script>", limit=5)
    assert all("<script>" not in line for hit in evil.hits for line in hit.highlights)


def test_index_follows_renames_and_deletes(world, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        world.instrument.name = "扫描电子显微镜"
        world.instrument.save()
    assert ("instrument", world.instrument.pk) in found("电子显微镜")
    assert ("instrument", world.instrument.pk) not in found("充放电")
    with django_capture_on_commit_callbacks(execute=True):
        pk = world.instrument.pk
        world.instrument.delete()
    assert ("instrument", pk) not in found("电子显微镜")


def test_facets_count_kinds_regions_and_fields(world) -> None:
    facets = search("正极材料", limit=5, facets=True).facets
    assert facets["kind"]["achievement"] >= 1 and facets["kind"]["need"] >= 1
    assert facets["region"]["370300"] >= 3


def test_search_command_prints_the_contract(world, capsys) -> None:
    call_command("search", "zb", "--kind", "organization", "--limit", "3", "--json")
    printed = json.loads(capsys.readouterr().out)
    assert 1 <= len(printed) <= 3
    assert set(printed[0]) == {"kind", "id", "title", "score", "highlights"}
    assert all(row["kind"] == "organization" for row in printed)
    assert (printed[0]["kind"], printed[0]["id"]) in found("淄博", kind="organization")

"""Contract 8's match: ranked candidates of every kind for a need, each with its factors and weights."""

import json

import pytest
from django.core.management import call_command

from matching.models import MatchWeights
from matching.scoring import match_achievement, match_need
from tests.matching_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_world()


def test_match_command_prints_ranked_candidates_with_reasons(world, capsys) -> None:
    call_command("match", "--need", str(world.need.pk), "--limit", "10", "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed["need"]["id"] == world.need.pk
    candidates = printed["candidates"]
    keys = {(row["kind"], row["id"]) for row in candidates}
    assert {
        ("person", world.expert.pk),
        ("achievement", world.achievement.pk),
        ("platform", world.platform.pk),
        ("instrument", world.instrument.pk),
        ("organization", world.agency.pk),
    } <= keys
    scores = [row["score"] for row in candidates]
    assert scores == sorted(scores, reverse=True)
    for row in candidates:
        assert set(row) == {"kind", "id", "title", "score", "reasons"}
        assert {"factor", "weight", "detail"} <= set(row["reasons"][0])
        assert row["reasons"][0]["factor"] == "terms"
    # Only service agencies stand for organizations, and never the need's own enterprise.
    assert ("organization", world.other_enterprise.pk) not in keys
    assert ("organization", world.enterprise.pk) not in keys


def test_reasons_say_why(world) -> None:
    candidates = {(c.kind, c.id): c for c in match_need(world.need)}
    achievement = candidates[("achievement", world.achievement.pk)]
    reasons = {reason.factor: reason for reason in achievement.reasons}
    assert "正极" in reasons["terms"].detail
    assert reasons["field"].value == 1.0
    assert reasons["region"].detail == "同在张店区" or "淄博" in reasons["region"].detail
    assert reasons["maturity"].detail == "中试阶段"
    platform = candidates[("platform", world.platform.pk)]
    assert "省级" in {r.factor: r for r in platform.reasons}["level"].detail
    assert ("achievement", world.unrelated_achievement.pk) not in candidates


def test_saved_weights_change_the_ranking(world) -> None:
    def rank_of(key: tuple[str, int]) -> int:
        return [(c.kind, c.id) for c in match_need(world.need)].index(key)

    instrument = ("instrument", world.instrument.pk)
    before = rank_of(instrument)
    MatchWeights.objects.create(
        kind="instrument", weights={"terms": 0.05, "region": 1, "availability": 1, "field": 0}
    )
    assert rank_of(instrument) < before
    # A preview's weights apply to that call only.
    previewed = match_need(world.need, overrides={"instrument": {"terms": 0.01, "availability": 0.01}})
    assert [(c.kind, c.id) for c in previewed].index(instrument) > rank_of(instrument)


def test_enterprises_that_might_want_an_achievement(world) -> None:
    candidates = match_achievement(world.achievement)
    ids = [c.id for c in candidates]
    assert world.enterprise.pk in ids and world.other_enterprise.pk in ids
    assert world.university.pk not in ids
    nearer = next(c for c in candidates if c.id == world.enterprise.pk)
    assert any("相近需求" in r.detail for r in nearer.reasons)


def test_an_unknown_need_is_a_clear_error(world) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有编号为"):
        call_command("match", "--need", "999999", "--json")

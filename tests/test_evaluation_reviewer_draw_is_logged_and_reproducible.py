"""Reviewers are drawn at random from the pool, experts in conflict left out, and each draw is a log row
(who, when, seed, pool, exclusions, result) from which the same experts are drawn again; the submission
page shows the draw and its seed."""

import pytest
from django.urls import reverse

from evaluation import draws, rounds
from evaluation.models import ReviewerDraw
from registry.models import Person
from tests import evaluation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = evaluation_world.build()
    for index in range(8):  # a pool large enough for a draw to be a choice
        Person.objects.create(name=f"专家{index}", category="expert", fields="新材料")
    return world


@pytest.fixture
def submission(world):
    round_ = rounds.create_round(world.system, world.year, "371000", by=world.bureau)
    rounds.open_round(round_, by=world.bureau)
    return round_.submissions.get(platform=world.labs[0])


def test_a_logged_draw_is_drawn_again_from_its_seed(world, submission):
    log = draws.draw_reviewers(submission, 3, by=world.bureau)
    stored = ReviewerDraw.objects.get(pk=log.pk)
    assert (stored.drawn_by, stored.wanted, len(stored.drawn)) == (world.bureau, 3, 3)
    assert stored.drawn_at is not None and stored.seed == log.seed
    assert draws.redraw(stored) == stored.drawn
    assert set(submission.reviews.values_list("reviewer_id", flat=True)) == set(stored.drawn)
    # The pool is the whole library; the expert of the host's own unit is left out with the reason.
    assert len(stored.pool) == Person.objects.filter(category="expert").count()
    assert stored.excluded == {str(world.conflicted.pk): ["与被评平台依托单位为同一单位"]}
    assert world.conflicted.pk not in stored.drawn


def test_the_seed_decides_the_draw(world, submission):
    first = draws.draw_reviewers(submission, 3, by=world.bureau, seed=1)
    again = ReviewerDraw(
        submission=submission, wanted=3, seed=1, pool=first.pool, excluded={str(world.conflicted.pk): ["—"]}
    )
    other = ReviewerDraw(
        submission=submission, wanted=3, seed=2, pool=first.pool, excluded={str(world.conflicted.pk): ["—"]}
    )
    assert draws.redraw(again) == first.drawn
    assert draws.redraw(other) != first.drawn


def test_a_second_draw_leaves_out_those_already_reviewing(world, submission):
    first = draws.draw_reviewers(submission, 2, by=world.bureau)
    second = draws.draw_reviewers(submission, 2, by=world.bureau)
    assert not set(first.drawn) & set(second.drawn)
    assert all(second.excluded[str(pk)] == ["已是本平台评审专家"] for pk in first.drawn)
    assert submission.reviews.count() == 4


def test_a_pool_too_small_draws_whom_it_can(world, submission):
    log = draws.draw_reviewers(submission, 20, by=world.bureau)
    assert len(log.drawn) == Person.objects.filter(category="expert").count() - 1


def test_the_page_shows_the_draw_and_its_seed(client, world, submission):
    client.force_login(world.bureau)
    url = reverse("evaluation:draw", args=[submission.pk])
    response = client.post(url, {"wanted": "2"}, follow=True)
    log = ReviewerDraw.objects.get(submission=submission)
    page = response.content.decode()
    assert f"随机种子 {log.seed}" in page  # the message
    row = page[page.index('class="draw-row"') :]
    assert str(log.seed) in row and "wh-bureau" in row
    names = Person.objects.in_bulk(log.drawn)
    assert all(names[pk].name in row for pk in log.drawn)
    assert "孙工（与被评平台依托单位为同一单位）" in row


def test_only_the_bureau_draws_and_a_bad_count_draws_nothing(client, world, submission):
    url = reverse("evaluation:draw", args=[submission.pk])
    client.force_login(world.host_users[0])
    assert client.post(url, {"wanted": "2"}).status_code == 403
    client.force_login(world.bureau)
    response = client.post(url, {"wanted": "0"}, follow=True)
    assert "抽取人数应为 1 至 20 人" in response.content.decode()
    assert not ReviewerDraw.objects.exists()

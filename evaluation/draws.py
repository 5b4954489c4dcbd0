"""Random draws of reviewers (随机抽取评审专家), each logged with its seed so that it can be redone.

A draw for one submission takes the reviewer pool (`conflicts.reviewer_pool`) in ascending id order,
leaves out the experts in conflict with the platform and those already reviewing it (each with why),
and picks `wanted` of the rest with `random.Random(seed).sample`. The log row keeps the pool, the
exclusions, the seed and the result, so `redraw(log)` gives the same experts on any machine: the pool
order is fixed and Python's Mersenne Twister is the same everywhere for the same seed.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from evaluation import conflicts
from evaluation.models import ReviewerDraw, Submission
from registry.models import Person

SEED_BITS = 63  # fits a signed 64-bit column on every database


def redraw(log: ReviewerDraw) -> list[int]:
    """The experts a logged draw picks from its own pool, exclusions and seed."""
    candidates = [pk for pk in log.pool if str(pk) not in log.excluded]
    return random.Random(log.seed).sample(candidates, min(log.wanted, len(candidates)))


@transaction.atomic
def draw_reviewers(
    submission: Submission, wanted: int, *, by: User | None, seed: int | None = None
) -> ReviewerDraw:
    """Draw `wanted` experts for a submission, log the draw and invite those drawn (fewer when the pool
    has fewer without conflict; the log says whom it left out and why)."""
    from evaluation.rounds import assign_reviewer  # rounds' panel draws through this module

    platform = submission.platform
    reviewing = set(submission.reviews.values_list("reviewer_id", flat=True))
    pool = list(conflicts.reviewer_pool().order_by("pk"))
    excluded: dict[str, list[str]] = {}
    for person in pool:
        if person.pk in reviewing:
            excluded[str(person.pk)] = [_("已是本平台评审专家")]
        elif reasons := conflicts.conflicts(person, platform):
            excluded[str(person.pk)] = reasons
    log = ReviewerDraw(
        submission=submission,
        wanted=wanted,
        seed=secrets.randbits(SEED_BITS) if seed is None else seed,
        pool=[person.pk for person in pool],
        excluded=excluded,
        drawn_by=by,
    )
    log.drawn = redraw(log)
    log.save()
    by_pk = {person.pk: person for person in pool}
    for pk in log.drawn:
        assign_reviewer(submission, by_pk[pk], by=by)
    return log


@dataclass(frozen=True)
class DrawRow:
    """A logged draw as its page shows it: names, not ids."""

    log: ReviewerDraw
    drawn: list[str]
    excluded: list[str]  # 姓名（why）
    pool_size: int


def rows(logs: Iterable[ReviewerDraw]) -> list[DrawRow]:
    logs = list(logs)
    ids = {pk for log in logs for pk in (*log.pool, *map(int, log.excluded))}
    names = dict(Person.objects.filter(pk__in=ids).values_list("pk", "name"))
    missing = _("（已删除）")
    return [
        DrawRow(
            log,
            [names.get(pk, missing) for pk in log.drawn],
            [f"{names.get(int(pk), missing)}（{'；'.join(why)}）" for pk, why in log.excluded.items()],
            len(log.pool),
        )
        for log in logs
    ]

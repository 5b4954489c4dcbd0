"""The closed loop: proposed → contacted → accepted (an agreement draft) or declined with a reason;
every step dated and attributed; the funnel counts each step."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from matching import loop
from matching.models import AgreementDraft, CandidateStatus
from tests.factories import persona
from tests.matching_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_world()


def test_a_need_walks_the_loop_and_the_funnel_moves(world) -> None:
    user = persona(Role.ENTERPRISE_USER, world.enterprise)
    assert loop.funnel() == {"needs": 1, "matched": 0, "contacted": 0, "agreed": 0, "registered": 0}
    candidates = loop.propose(world.need, user)
    assert [c.rank for c in candidates] == list(range(1, len(candidates) + 1))
    assert all(c.reasons and c.status == CandidateStatus.PROPOSED for c in candidates)
    assert loop.funnel()["matched"] == 1

    first, second = candidates[0], candidates[1]
    loop.contact(first, user)
    assert loop.funnel()["contacted"] == 1
    with pytest.raises(ValidationError) as refused:
        loop.decline(second, user, "")
    assert "请选择婉拒原因" in str(refused.value)
    with pytest.raises(ValidationError):
        loop.decline(second, user, "other", "  ")
    second.refresh_from_db()
    assert second.status == CandidateStatus.PROPOSED
    loop.decline(second, user, "price", "报价超出预算")
    draft = loop.accept(first, user, "development", Decimal("500000"))

    assert draft.buyer == world.enterprise and draft.amount_yuan == Decimal("500000")
    assert list(loop.open_drafts()) == [draft]
    assert loop.funnel()["agreed"] == 1
    loop.mark_registered(draft, "370300-2026-0001", dt.date(2026, 12, 1))
    assert loop.funnel() == {"needs": 1, "matched": 1, "contacted": 1, "agreed": 1, "registered": 1}
    assert loop.funnel(region="371000")["needs"] == 0
    assert loop.funnel(field="新能源")["registered"] == 1

    steps = [(h.status, h.history_user) for h in first.history.order_by("history_date")]
    assert [status for status, _user in steps][-2:] == ["contacted", "accepted"]
    declined = second.history.latest()
    assert declined.decline_reason == "price" and declined.decided_at is not None
    with pytest.raises(ValidationError):
        loop.accept(second, user)
    assert AgreementDraft.objects.count() == 1


def test_proposing_again_keeps_what_was_worked(world) -> None:
    user = persona(Role.ENTERPRISE_USER, world.enterprise)
    first = loop.propose(world.need, user)[0]
    loop.contact(first, user)
    again = {c.pk: c for c in loop.propose(world.need, user)}
    assert again[first.pk].status == CandidateStatus.CONTACTED

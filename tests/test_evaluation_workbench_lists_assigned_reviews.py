"""An expert's workbench counts the platform evaluations assigned to them while their round is in review,
and the card opens what waits."""

import pytest

from evaluation import rounds
from kechuang import workbench
from tests import evaluation_world

pytestmark = pytest.mark.django_db


def test_assigned_evaluations_wait_on_the_expert_s_workbench(client):
    world = evaluation_world.build()
    expert = world.expert_users[0]
    assert "evaluation.reviews" not in {item.key for item in workbench.collect(expert)}
    round_ = rounds.create_round(world.system, world.year, "371000", by=world.bureau)
    rounds.open_round(round_, by=world.bureau)
    rounds.start_review(round_)
    rounds.assign_panel(round_, by=world.bureau)
    assigned = world.experts[0].evaluation_reviews.count()
    item = {item.key: item for item in workbench.collect(expert)}["evaluation.reviews"]
    assert item.count == assigned > 0
    client.force_login(expert)
    assert client.get(item.url).status_code == 200
    assert "evaluation.reviews" not in {item.key for item in workbench.collect(world.bureau)}

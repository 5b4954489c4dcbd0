"""A confirmed document's buttons create ledger tasks and indicators through the planning app."""

import pytest
from django.urls import reverse

from planning.models import Indicator, Task
from policies.store import store_parsed
from registry.models import Region
from tests.policy_samples import sample_parsed


@pytest.fixture
def confirmed(db):
    region = Region.objects.get(code="370300")
    return store_parsed(sample_parsed(), code="sample", region=region, confirmed=True)


@pytest.mark.django_db
def test_tasks_carry_the_clause_units_and_deadline(client, bureau_admin, confirmed):
    client.force_login(bureau_admin)

    response = client.post(reverse("policies:document_action", args=[confirmed.pk, "tasks"]), follow=True)

    assert "已生成 1 项台账任务。" in response.content.decode()
    task = Task.objects.get(policy=confirmed)
    assert (task.clause_path, task.lead_units, task.cooperating_units) == ("一", ["市科技局"], ["市财政局"])


@pytest.mark.django_db
def test_indicators_come_from_the_targets(client, bureau_admin, confirmed):
    client.force_login(bureau_admin)

    url = reverse("policies:document_action", args=[confirmed.pk, "indicators"])
    response = client.post(url, follow=True)

    assert "已生成 1 项指标。" in response.content.decode()
    indicator = Indicator.objects.get(policy=confirmed)
    assert indicator.name == "高新技术企业数量"
    assert [(t.year, t.value) for t in indicator.targets.all()] == [(2025, 300)]

"""Every calculator page refuses people outside its audience; an enterprise sees only its own benefits."""

import pytest
from django.urls import reverse

from benefits.models import BenefitRun, RuleVersion, Scenario
from benefits.rule_store import current_text

pytestmark = pytest.mark.django_db
RULE = "weihai-2023.rd-increment"


def test_enterprise_user_sees_own_benefits_but_not_another_organizations(
    client, enterprise_user, other_enterprise
):
    client.force_login(enterprise_user)
    assert client.get(reverse("benefits:mine")).status_code == 200
    own = reverse("benefits:organization", args=[enterprise_user.organization_id])
    assert client.get(own).status_code == 200
    other = reverse("benefits:organization", args=[other_enterprise.pk])
    response = client.get(other)
    assert response.status_code == 403
    assert other_enterprise.name not in response.content.decode()


@pytest.mark.parametrize("name", ["finder", "forecast", "rules", "what_if"])
def test_enterprise_user_cannot_open_staff_pages(client, enterprise_user, name):
    client.force_login(enterprise_user)
    assert client.get(reverse(f"benefits:{name}")).status_code == 403


def test_enterprise_user_cannot_start_a_city_wide_run(client, enterprise_user):
    client.force_login(enterprise_user)
    assert client.post(reverse("benefits:run_start"), {"year": 2024}).status_code == 403
    assert not BenefitRun.objects.exists()


def test_department_officer_reads_staff_pages_but_cannot_run_or_save(client, department_officer):
    client.force_login(department_officer)
    assert client.get(reverse("benefits:finder")).status_code == 200
    assert client.get(reverse("benefits:forecast")).status_code == 200
    assert client.post(reverse("benefits:run_start"), {"year": 2024}).status_code == 403
    assert client.post(reverse("benefits:what_if"), {"name": "x"}).status_code == 403
    edit = reverse("benefits:rule_edit", args=[RULE])
    response = client.post(edit, {"spec": current_text(RULE), "note": "试改", "action": "save"})
    assert response.status_code == 403
    assert not BenefitRun.objects.exists()
    assert not Scenario.objects.exists()
    assert not RuleVersion.objects.exists()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("benefits:mine"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_expert_without_organization_is_refused(client, expert_user):
    client.force_login(expert_user)
    assert client.get(reverse("benefits:mine")).status_code == 403


def test_enterprise_user_cannot_read_run_results(client, enterprise_user, bureau_admin):
    run = BenefitRun.objects.create(year=2024, total=0, started_by=bureau_admin)
    client.force_login(enterprise_user)
    for url in (
        reverse("benefits:run_progress", args=[run.pk]),
        reverse("benefits:rule_winners", args=[run.pk, RULE]),
        reverse("benefits:winners", args=[run.pk]),
        reverse("benefits:winners", args=[run.pk]) + "?export=xlsx",
        reverse("benefits:what_if_run", args=[run.pk]),
    ):
        assert client.get(url).status_code == 403

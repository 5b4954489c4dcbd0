"""The matching pages and API answer each role as permissions.py says, and bad input stores nothing."""

import pytest
from django.urls import reverse

from accounts.models import Role
from matching.models import AgreementDraft, MatchCandidate
from tests.factories import persona
from tests.matching_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_world()


def test_search_page_and_header_box(client, world) -> None:
    page = client.get(reverse("matching:search"), {"q": "zibo"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "<mark>淄博</mark>" in text and 'class="site-search"' in text
    assert "?q=zibo&kind=organization" in text  # the kind facet
    assert 'class="site-search"' in client.get(reverse("home")).content.decode()


def test_enterprise_works_its_need_and_a_decline_needs_a_reason(client, world) -> None:
    client.force_login(persona(Role.ENTERPRISE_USER, world.enterprise))
    page = client.get(reverse("matching:need_candidates", args=[world.need.pk]))
    assert page.status_code == 200 and "共同关键词" in page.content.decode()
    candidate = MatchCandidate.objects.filter(need=world.need).order_by("rank").first()
    refused = client.post(
        reverse("matching:candidate_action", args=[candidate.pk, "decline"]), {"reason": ""}
    )
    assert refused.status_code == 422 and "请选择婉拒原因" in refused.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == "proposed"
    accepted = client.post(
        reverse("matching:candidate_action", args=[candidate.pk, "accept"]),
        {"contract_type": "development", "amount_yuan": "1200000"},
    )
    draft = AgreementDraft.objects.get()
    assert accepted.url == reverse("matching:agreement", args=[draft.pk])
    assert "1,200,000.00" in client.get(accepted.url).content.decode()


def test_others_may_not_work_a_need(client, world) -> None:
    client.force_login(persona(Role.ENTERPRISE_USER, world.other_enterprise))
    assert client.get(reverse("matching:need_candidates", args=[world.need.pk])).status_code == 403
    assert client.get(reverse("matching:funnel")).status_code == 403


def test_funnel_for_staff(client, world, bureau_admin) -> None:
    client.force_login(bureau_admin)
    page = client.get(reverse("matching:funnel"), {"region": "370300"})
    assert page.status_code == 200 and "funnel-data" in page.content.decode()


def test_api_search_is_public_and_candidates_need_a_login(client, world) -> None:
    hits = client.get("/api/matching/search", {"q": "zb", "kind": "organization"}).json()
    assert hits and set(hits[0]) == {"kind", "id", "title", "score", "highlights"}
    url = f"/api/matching/needs/{world.need.pk}/candidates"
    assert client.get(url).status_code == 401
    client.force_login(persona(Role.ENTERPRISE_USER, world.enterprise))
    body = client.get(url).json()
    assert body["need"]["id"] == world.need.pk and body["candidates"][0]["reasons"]


def test_staff_pages(client, world, bureau_admin) -> None:
    client.force_login(bureau_admin)
    for name in [
        "matching:weights",
        "matching:vocabulary",
        "matching:rebuild",
        "matching:expert_library",
        "matching:challenges",
        "matching:challenge_create",
        "matching:home",
        "matching:subscriptions",
    ]:
        assert client.get(reverse(name)).status_code == 200, name
    preview = client.post(
        reverse("matching:weights"),
        {
            "kind": "instrument",
            "w_terms": "0.1",
            "w_field": "0",
            "w_region": "1",
            "w_availability": "1",
            "preview": "1",
        },
    )
    assert preview.status_code == 200 and "固定需求上的效果" in preview.content.decode()

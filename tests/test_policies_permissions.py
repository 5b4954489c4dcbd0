"""Only bureau administrators upload, correct, confirm and act on policy documents; drafts under review
are seen by government staff only."""

import pytest
from django.urls import reverse

from policies.models import DocumentStatus, MoneyProvision, PolicyDocument
from policies.store import store_parsed
from registry.models import Region
from tests.policy_samples import sample_parsed


@pytest.fixture
def draft(db) -> PolicyDocument:
    return store_parsed(sample_parsed(), code="draft", region=Region.objects.get(code="370300"))


@pytest.fixture
def confirmed(db) -> PolicyDocument:
    return store_parsed(
        sample_parsed(title="已确认的措施"),
        code="confirmed",
        region=Region.objects.get(code="370300"),
        confirmed=True,
    )


def changing_requests(document: PolicyDocument) -> list[tuple[str, str, dict]]:
    money = document.moneyprovisions.get()
    return [
        ("get", reverse("policies:document_upload"), {}),
        (
            "post",
            reverse("policies:item_edit", args=[document.pk, "money", money.pk]),
            {"text": "给予100万元", "amount_yuan": "1000000", "kind": "fixed"},
        ),
        ("post", reverse("policies:item_delete", args=[document.pk, "money", money.pk]), {}),
        (
            "post",
            reverse("policies:item_add", args=[document.pk, "unit"]) + "?start=0&end=4",
            {"name": "市科技局", "role": "lead"},
        ),
        ("post", reverse("policies:document_edit", args=[document.pk]), {"title": "改过的标题"}),
        ("post", reverse("policies:document_confirm", args=[document.pk]), {}),
        ("post", reverse("policies:document_action", args=[document.pk, "rules"]), {}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["department_officer", "enterprise_user", "expert_user"])
def test_only_bureau_administrators_change_policy_documents(client, request, draft, persona):
    client.force_login(request.getfixturevalue(persona))

    for method, url, data in changing_requests(draft):
        assert getattr(client, method)(url, data).status_code == 403, url

    draft.refresh_from_db()
    assert (draft.status, draft.title) == (DocumentStatus.DRAFT, "关于支持科技创新平台建设的若干措施")
    assert MoneyProvision.objects.get().text == "给予不超过50万元补助"
    assert not draft.rule_drafts.exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in_before_changing_anything(client, draft):
    for method, url, data in changing_requests(draft):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url


@pytest.mark.django_db
def test_drafts_are_hidden_from_the_public_and_shown_to_staff(client, draft, confirmed, department_officer):
    listing = client.get(reverse("policies:document_list")).content.decode()
    assert "已确认的措施" in listing and draft.title not in listing
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(confirmed.get_absolute_url()).status_code == 200

    client.force_login(department_officer)
    assert draft.title in client.get(reverse("policies:document_list")).content.decode()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "给予不超过50万元补助" in page and "确认文件" not in page


@pytest.mark.django_db
def test_corrections_are_shown_to_staff_only(client, confirmed, enterprise_user, department_officer):
    url = reverse("policies:document_corrections", args=[confirmed.pk])
    client.force_login(enterprise_user)
    assert client.get(url).status_code == 403
    client.force_login(department_officer)
    assert client.get(url).status_code == 200

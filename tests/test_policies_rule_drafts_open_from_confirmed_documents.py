"""A confirmed document opens one benefit-rule draft per money provision, once; a draft cannot."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from policies.actions import open_rule_drafts
from policies.models import MoneyProvision, RuleDraftStatus
from policies.store import store_parsed
from registry.models import Region
from tests.policy_samples import sample_parsed


@pytest.mark.django_db
def test_each_money_provision_gets_one_draft_pointing_at_its_clause(client, bureau_admin):
    region = Region.objects.get(code="370300")
    document = store_parsed(sample_parsed(), code="doc", region=region, confirmed=True)
    client.force_login(bureau_admin)

    response = client.post(reverse("policies:document_action", args=[document.pk, "rules"]), follow=True)

    page = response.content.decode()
    assert "已生成 1 份规则草稿。" in page
    assert "规则草稿 1 份" in page and "支持平台建设：给予不超过50万元补助" in page
    (draft,) = document.rule_drafts.all()
    money = MoneyProvision.objects.get()
    assert (draft.money, draft.clause.path, draft.status) == (money, "一", RuleDraftStatus.DRAFT)
    assert draft.title == "支持平台建设：给予不超过50万元补助"
    assert draft.created_by == bureau_admin
    assert open_rule_drafts(document, bureau_admin) == []
    assert document.rule_drafts.count() == 1


@pytest.mark.django_db
def test_a_draft_document_opens_no_rule_drafts(client, bureau_admin):
    document = store_parsed(sample_parsed(), code="doc", region=Region.objects.get(code="370300"))

    with pytest.raises(ValidationError, match="文件确认后才能生成"):
        open_rule_drafts(document, bureau_admin)

    client.force_login(bureau_admin)
    response = client.post(reverse("policies:document_action", args=[document.pk, "rules"]), follow=True)
    assert "文件确认后才能生成任务、指标和规则草稿。" in response.content.decode()
    assert not document.rule_drafts.exists()

"""Every correction a person makes to an extraction is kept: who, when, the value before and after."""

from decimal import Decimal

import pytest
from django.urls import reverse

from policies import review
from policies.models import MoneyProvision, Origin, PolicyDocument, ResponsibleUnit
from policies.store import store_parsed
from registry.models import Region
from tests.policy_samples import CLAUSE_TWO, TEXT, sample_parsed

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft(db) -> PolicyDocument:
    return store_parsed(sample_parsed(), code="draft", region=Region.objects.get(code="370300"))


def edit_money(client, document: PolicyDocument, **fields: str):
    money = document.moneyprovisions.get()
    data = {
        "text": money.text,
        "amount_yuan": str(money.amount_yuan),
        "kind": money.kind,
        "ratio": "",
        "per_unit": "",
        "beneficiary": money.beneficiary,
        **fields,
    }
    return client.post(reverse("policies:item_edit", args=[document.pk, "money", money.pk]), data, **HTMX)


@pytest.mark.django_db
def test_changing_an_amount_is_recorded_with_who_and_both_values(client, bureau_admin, draft):
    client.force_login(bureau_admin)

    response = edit_money(client, draft, amount_yuan="300000")

    assert response.status_code == 200 and response["HX-Retarget"] == "#review"
    assert "30万元" in response.content.decode()
    money = MoneyProvision.objects.get()
    assert money.amount_yuan == Decimal("300000") and money.origin == Origin.EDITED
    latest = money.history.first()
    assert latest.history_user == bureau_admin
    assert latest.prev_record.amount_yuan == Decimal("500000")
    (correction,) = review.corrections(draft)
    assert (correction.who, correction.action, correction.kind) == (str(bureau_admin), "修改", "资金")
    assert [(c.label, c.before, c.after) for c in correction.changes] == [("金额（元）", "500000", "300000")]
    page = client.get(reverse("policies:document_corrections", args=[draft.pk])).content.decode()
    assert "500000" in page and "300000" in page


@pytest.mark.django_db
def test_the_edit_form_works_without_htmx_too(client, bureau_admin, draft):
    client.force_login(bureau_admin)
    money = draft.moneyprovisions.get()

    page = client.get(reverse("policies:item_edit", args=[draft.pk, "money", money.pk])).content.decode()

    assert "<title>" in page and "修改资金" in page and 'value="500000.00"' in page


@pytest.mark.django_db
def test_an_invalid_correction_is_shown_again_and_changes_nothing(client, bureau_admin, draft):
    client.force_login(bureau_admin)

    response = edit_money(client, draft, kind="fixed", amount_yuan="")

    assert "定额或上限类资金条款需要填写金额。" in response.content.decode()
    assert MoneyProvision.objects.get().amount_yuan == Decimal("500000")
    assert review.corrections(draft) == []


@pytest.mark.django_db
def test_a_unit_added_from_a_selection_lands_in_its_clause_and_is_audited(client, bureau_admin, draft):
    client.force_login(bureau_admin)
    clause_two = TEXT.index(CLAUSE_TWO)
    # The drag caught the line break before the clause; the stored span leaves it out.
    selection = f"?start={clause_two - 1}&end={clause_two + 8}"
    url = reverse("policies:item_add", args=[draft.pk, "unit"]) + selection

    form = client.get(url, **HTMX).content.decode()
    assert 'value="二、壮大创新主体"' in form
    client.post(url, {"name": "市工业和信息化局", "raw": "二、壮大创新主体", "role": "lead"}, **HTMX)

    added = ResponsibleUnit.objects.get(name="市工业和信息化局")
    assert added.origin == Origin.ADDED and added.clause.path == "二"
    assert (added.start, added.span_text) == (clause_two, "二、壮大创新主体")
    assert [(c.action, c.who) for c in review.corrections(draft)] == [("添加", str(bureau_admin))]


@pytest.mark.django_db
def test_deleting_an_extraction_is_recorded(client, bureau_admin, draft):
    client.force_login(bureau_admin)
    unit = draft.responsibleunits.get(name="市财政局")

    client.post(reverse("policies:item_delete", args=[draft.pk, "unit", unit.pk]), **HTMX)

    assert not ResponsibleUnit.objects.filter(pk=unit.pk).exists()
    (correction,) = review.corrections(draft)
    assert (correction.action, correction.item) == ("删除", "市财政局（配合）")


@pytest.mark.django_db
def test_a_confirmed_document_can_no_longer_be_corrected(client, bureau_admin, draft):
    client.force_login(bureau_admin)
    client.post(reverse("policies:document_confirm", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.is_confirmed and draft.confirmed_by == bureau_admin and draft.confirmed_at

    edit_money(client, draft, amount_yuan="1")

    assert MoneyProvision.objects.get().amount_yuan == Decimal("500000")


@pytest.mark.django_db
def test_metadata_corrections_are_kept_in_the_document_history(client, bureau_admin, draft):
    client.force_login(bureau_admin)
    url = reverse("policies:document_edit", args=[draft.pk])

    backwards = {"title": draft.title, "effective_from": "2024-01-20", "effective_until": "2023-12-31"}
    refused = client.post(url, backwards)
    assert "有效期截止日期不能早于施行日期。" in refused.content.decode()
    client.post(
        url,
        {
            "title": draft.title,
            "doc_number": "淄科发〔2024〕1号",
            "issuer": "淄博市科学技术局",
            "issued_date": "2024-01-05",
        },
    )

    draft.refresh_from_db()
    assert (draft.doc_number, draft.issued_date.isoformat()) == ("淄科发〔2024〕1号", "2024-01-05")
    latest = draft.history.first()
    assert latest.history_user == bureau_admin and latest.prev_record.doc_number == ""
    (correction,) = review.corrections(draft)
    assert (correction.kind, correction.who) == ("文件信息", str(bureau_admin))
    assert ("文号", "—", "淄科发〔2024〕1号") in [(c.label, c.before, c.after) for c in correction.changes]

"""The review page shows the document text with every extraction marked in place, in its kind's
colour, and a side panel listing them grouped by kind."""

import re

import pytest
from django.urls import reverse

from policies import review
from policies.models import PolicyDocument
from policies.store import store_parsed
from registry.models import Region
from tests.policy_samples import TEXT, sample_parsed


@pytest.fixture
def draft(db) -> PolicyDocument:
    return store_parsed(sample_parsed(), code="draft", region=Region.objects.get(code="370300"))


@pytest.mark.django_db
def test_segments_rebuild_the_text_and_carry_their_offsets(draft):
    parts = review.segments(draft, review.grouped_items(draft))

    assert "".join(part.text for part in parts) == TEXT
    for part in parts:
        assert TEXT[part.start : part.start + len(part.text)] == part.text
    marked = {part.text: part.kind for part in parts if part.marks}
    assert marked == {
        "市科技局": "unit",
        "市财政局": "unit",
        "给予不超过50万元补助": "money",
        "到2025年，全市高新技术企业数量突破300家": "target",
        "2024年6月底前": "date",
    }


@pytest.mark.django_db
def test_an_extraction_inside_another_takes_the_inner_colour(draft):
    money = draft.moneyprovisions.get()
    date = draft.deadlines.get()
    date.start = TEXT.index("50万元")
    date.end = date.start + len("50万元")
    date.save()

    parts = review.segments(draft, review.grouped_items(draft))

    in_money = [part.text for part in parts if f"money-{money.pk}" in part.marks]
    assert in_money == ["给予不超过", "50万元", "补助"]
    (inner,) = [part for part in parts if part.text == "50万元"]
    assert inner.marks == [f"money-{money.pk}", f"date-{date.pk}"] and inner.kind == "date"


@pytest.mark.django_db
def test_the_page_marks_each_kind_and_lists_it_in_the_panel(client, bureau_admin, draft):
    client.force_login(bureau_admin)

    page = client.get(reverse("policies:document_detail", args=[draft.pk])).content.decode()

    for kind, text in [
        ("unit", "市科技局"),
        ("money", "给予不超过50万元补助"),
        ("date", "2024年6月底前"),
        ("target", "到2025年，全市高新技术企业数量突破300家"),
    ]:
        mark = rf'<mark class="hl hl-{kind}" data-o="\d+" data-items="{kind}-\d+">{text}</mark>'
        assert re.search(mark, page)
    panel = page[page.index('class="policy-panel"') :]
    assert "50万元" in panel and "上限" in panel and "新认定的省级技术创新中心" in panel
    assert '市财政局</strong> <span class="tag">配合</span>' in panel
    assert "高新技术企业数量</strong> 超过 <strong>300</strong>家" in panel
    assert "确认文件" in panel

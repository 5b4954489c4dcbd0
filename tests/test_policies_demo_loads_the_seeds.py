"""`kechuang demo` stores the five seed policies once each, confirmed, with their reviewed metadata."""

import datetime as dt
import io
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from policies import demo
from policies.models import DocumentStatus, PolicyDocument, RuleDraft
from policies.seeds import SEED_POLICIES


@pytest.mark.django_db
def test_the_seeds_are_stored_confirmed_once():
    demo.load(io.StringIO())
    counts = (PolicyDocument.objects.count(), RuleDraft.objects.count())
    output = io.StringIO()
    demo.load(output)

    assert (PolicyDocument.objects.count(), RuleDraft.objects.count()) == counts
    assert counts[0] == len(SEED_POLICIES)
    assert output.getvalue().count("已存在，跳过") == 5
    assert set(PolicyDocument.objects.values_list("status", flat=True)) == {DocumentStatus.CONFIRMED}
    for seed in SEED_POLICIES:
        document = PolicyDocument.objects.get(code=seed.code)
        assert document.region_id == seed.region
        assert document.clauses.exists(), seed.code
    weihai = PolicyDocument.objects.get(code="weihai-2023-innovation-city")
    assert (weihai.title, weihai.doc_number, weihai.issuer) == (
        "关于强化科技创新支撑国家创新型城市建设的实施意见",
        "威政发〔2023〕5号",
        "威海市人民政府",
    )
    assert (weihai.effective_from, weihai.effective_until) == (dt.date(2023, 7, 13), dt.date(2028, 7, 12))
    assert weihai.moneyprovisions.exists()
    assert weihai.rule_drafts.count() == weihai.moneyprovisions.count()


@pytest.mark.django_db
def test_without_the_parser_loading_fails_with_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "policies.ingest", None)

    with pytest.raises(ImproperlyConfigured, match="政策文件解析器"):
        demo.load(io.StringIO())

    assert not PolicyDocument.objects.exists()

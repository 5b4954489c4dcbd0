"""Goals a document states before its first clause (a 工作要点's "2025年主要目标是：…") are targets with no
clause: contract 2 prints `"clause_path": null`, the store keeps them on the document, the review page lists
them under 总体目标（正文前）, and indicators made from them carry no clause path."""

import json
import subprocess
import sys

import pytest
from django.urls import reverse

from bench.ingest import HELDOUT_DIR, seed_documents
from planning.from_policy import create_indicators_from_document
from policies.ingest import parse_file
from policies.models import PolicyTarget
from policies.store import store_parsed
from registry.models import Region
from tests.policy_samples import sample_parsed

DEZHOU = HELDOUT_DIR / "dezhou-2025-work-points.html"
PREAMBLE_GOALS = [
    ("高新技术企业净增", 100, "家", 2025, "="),
    ("技术合同成交额", 150, "亿元", 2025, ">="),
    ("全社会研发投入强度", 2.6, "%", 2025, ">="),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own console command
        [sys.executable, "-m", "kechuang.cli", "ingest", str(DEZHOU), *args],
        capture_output=True,
        check=False,
    )


def test_contract_json_prints_a_null_clause_for_the_preamble_goals():
    result = _ingest("--json")
    assert result.returncode == 0, result.stderr.decode()
    targets = json.loads(result.stdout.decode("utf-8"))["targets"]
    preamble = [
        (t["indicator"], t["value"], t["unit"], t["year"], t["comparator"])
        for t in targets
        if t["clause_path"] is None
    ]
    assert preamble == PREAMBLE_GOALS
    assert all(t["clause_path"] for t in targets[len(preamble) :])


def test_the_text_report_marks_preamble_goals():
    result = _ingest()
    assert result.returncode == 0, result.stderr.decode()
    assert "[正文前] 2025年 技术合同成交额 >= 150亿元" in result.stdout.decode("utf-8")


def test_no_seed_policy_has_a_preamble_goal():
    # the seeds' openings say why and how, not how much; their gold files have no clause-less targets
    for _code, source, _gold in seed_documents():
        assert [t.text for t in parse_file(source).targets if t.clause_path is None] == []


@pytest.fixture
def dezhou(db, bureau_admin):
    return store_parsed(
        parse_file(DEZHOU),
        code="dezhou",
        region=Region.objects.get(code="370300"),
        user=bureau_admin,
        confirmed=True,
    )


@pytest.mark.django_db
def test_preamble_goals_are_stored_without_a_clause(dezhou):
    stored = PolicyTarget.objects.filter(document=dezhou, clause__isnull=True).order_by("start")
    assert [t.indicator for t in stored] == [goal[0] for goal in PREAMBLE_GOALS]
    assert PolicyTarget.objects.filter(document=dezhou, clause__isnull=False).exists()


@pytest.mark.django_db
def test_the_review_page_lists_preamble_goals_apart(client, bureau_admin, dezhou):
    client.force_login(bureau_admin)

    page = client.get(reverse("policies:document_detail", args=[dezhou.pk])).content.decode()

    panel = page[page.index('id="group-target"') : page.index('id="group-date"')]
    heading = panel.index("总体目标（正文前）")
    preamble, in_clauses = panel[heading:].split("</ul>", 1)
    assert all(f"<strong>{goal[0]}</strong>" in preamble for goal in PREAMBLE_GOALS)
    assert "条款" not in preamble and "条款" in in_clauses


@pytest.mark.django_db
def test_a_document_without_preamble_goals_has_no_such_group(client, bureau_admin):
    document = store_parsed(sample_parsed(), code="sample", region=Region.objects.get(code="370300"))
    client.force_login(bureau_admin)

    page = client.get(reverse("policies:document_detail", args=[document.pk])).content.decode()

    assert "总体目标（正文前）" not in page
    assert "高新技术企业数量</strong>" in page


@pytest.mark.django_db
def test_indicators_from_preamble_goals_have_no_clause(bureau_admin, dezhou):
    indicators = {i.name: i for i in create_indicators_from_document(dezhou, bureau_admin)}

    goal = indicators["技术合同成交额"]
    assert (goal.clause_path, goal.clause) == ("", None)
    assert [(t.year, t.value) for t in goal.targets.all()] == [(2025, 150)]

"""Every page and report, as each role reads it with the demo data, is written in words: no raw vocabulary
code, no ASCII comma or colon between Chinese characters, no doubled label, no `>=` (tests/page_walk.py).

The walk finds its pages itself (the URL conf, a record of every model with a page, then every link), so a
new page is walked without being listed here; a URL pattern the walk cannot reach must be named in
NOT_WALKED with the reason, or this test fails."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from benefits import tasks as benefit_tasks
from benefits.pages import default_year
from tests import page_walk

pytestmark = pytest.mark.django_db(transaction=False)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ROLES = ("demo-bureau", "demo-officer", "demo-enterprise", "demo-expert")

# Patterns the walk does not reach, and why. Actions answer POST only (their pages are walked); the rest
# need a record the demo does not create.
ACTIONS = (
    "matching/candidates/<int:pk>/<str:action>/",
    "matching/challenges/<int:pk>/apply/",
    "matching/challenges/<int:pk>/award/",
    "matching/challenges/<int:pk>/draw/",
    "matching/challenges/<int:pk>/invite/",
    "matching/challenges/<int:pk>/publish/",
    "matching/milestones/<int:pk>/accept/",
    "planning/indicators/<slug:code>/report/",
    "planning/tasks/<int:pk>/close/",
    "planning/tasks/<int:pk>/progress/",
    "policies/<int:pk>/actions/<slug:action>/",
    "policies/<int:pk>/confirm/",
    "policies/<int:pk>/items/<slug:kind>/<int:item_pk>/delete/",
    "policies/<int:pk>/items/<slug:kind>/<int:item_pk>/edit/",
    "policies/<int:pk>/items/<slug:kind>/add/",
    "policies/benefits/runs/",
    "policies/units/<int:pk>/delete/",
    "evaluation/submissions/<int:pk>/draws/",
    "finance/loans/<int:pk>/bad/",
    "finance/loans/<int:pk>/compensation/",
    "finance/loans/<int:pk>/recoveries/",
    "finance/loans/<int:pk>/repayments/",
    "finance/loans/<int:pk>/subsidies/",
    "finance/requests/<int:pk>/accept/",
    "finance/requests/<int:pk>/decline/",
    "finance/requests/<int:pk>/submit/",
    "registry/import/confirm/",
    "registry/import/jobs/<int:pk>/retry/",
    "sharing/bookings/<int:pk>/cancel/",
    "sharing/bookings/<int:pk>/decision/",
    "sharing/bookings/<int:pk>/move/",
    "sharing/bookings/<int:pk>/usage/",
    "sharing/claims/<int:pk>/decision/",
    "sharing/vouchers/<int:pk>/decision/",
    "transfer/agreements/<int:pk>/contract/",
    "transfer/contracts/<int:pk>/acts/<slug:action>/",
    "transfer/contracts/<int:pk>/attachments/",
    "transfer/contracts/<int:pk>/objections/<int:objection>/decision/",
    "transfer/contracts/<int:pk>/payments/",
    "transfer/contracts/<int:pk>/subsidies/",
)
NOT_WALKED = dict.fromkeys(ACTIONS, "answers POST only") | {
    "^media/(?P<path>.*)$": "uploaded files",
    "matching/unsubscribe/<str:token>/": "a link in a notice e-mail, with its token",
    "matching/agreements/<int:pk>/": "the demo makes no agreement",
    "matching/challenges/<int:pk>/": "the demo publishes no challenge",
    "matching/draws/<int:pk>/": "the demo publishes no challenge",
    "matching/reviews/<int:pk>/": "the demo publishes no challenge",
    "policies/<int:pk>/edit/": "the demo's documents are confirmed, and only drafts are edited",
    "policies/benefits/what-if/<int:pk>/": "the demo runs no scenario",
    "policies/benefits/runs/<int:pk>/progress/": "polled by the finder page while a run is under way",
    "registry/import/jobs/<int:pk>/": "polled by the import page while an import runs",
    "sharing/instruments/<int:pk>/book/": "the booking form opens inside the instrument page",
    "sharing/vouchers/<int:pk>/claims/": "the claim form opens inside the voucher page",
    # Landed while this walk was written; each needs a demo record or a link before the walk reaches it.
    **dict.fromkeys(
        (
            "evaluation/objections/<int:pk>/decision/",
            "evaluation/platforms/<int:pk>/",
            "evaluation/reviews/<int:pk>/",
            "evaluation/rounds/<int:pk>/",
            "evaluation/rounds/<int:pk>/<slug:action>/",
            "evaluation/rounds/<int:pk>/export.xlsx",
            "evaluation/rounds/<int:pk>/objections/",
            "evaluation/rounds/new/",
            "evaluation/submissions/<int:pk>/",
            "evaluation/submissions/<int:pk>/reviewers/",
            "evaluation/systems/<int:pk>/",
        ),
        "the demo opens no evaluation round",
    ),
    "planning/tasks/<int:pk>/evidence/": "an uploaded file",
    "planning/tasks/<int:pk>/reports/<int:report>/attachment/": "an uploaded file",
    "policies/<int:pk>/source/": "the uploaded original, a download",
    "transfer/contracts/<int:pk>/attachments/<int:attachment>/": "an uploaded file",
    "transfer/contracts/<int:pk>/edit/": "the demo's contracts are registered, and only drafts are edited",
    "registry/platforms/<int:pk>/approve/": "a lifecycle form opened from a platform in the pool",
    "registry/platforms/<int:pk>/pool/": "a lifecycle form opened from a platform's page",
}


@pytest.fixture
def demo(db, settings) -> None:
    """The demo population with every app's part (seed policies, targets, tasks, sharing) and a finished
    city-wide run, so that the finder's winners and their benefit pages are walked too."""
    settings.DEBUG = True  # demo logins exist on development machines only
    settings.TASKS = IMMEDIATE
    call_command("demo", scale=0.02, stdout=io.StringIO(), stderr=io.StringIO())
    benefit_tasks.start_run(default_year(), User.objects.get(username="demo-bureau"))


def test_the_checks_find_what_issue_16_saw():
    regions = page_walk.region_codes()
    seen = [
        "所在地区 371073,适用于 371000",
        "计算:rd_increment * 0.05",
        "缺少数据(revenue_growth)",
        "后台任务由 kechuang db_worker 执行",
        "zibo-2020-platforms · 三",
        ">= 310",
        "演示数据（演示数据（非真实统计））",
    ]
    found = page_walk.check_text(seen, url="/", role="anyone", regions=regions)
    assert {finding.check for finding in found} == {
        "region code",
        "punctuation",
        "code",
        "comparison",
        "doubled",
    }
    assert {finding.excerpt for finding in found} >= {"所在地区 371073,适用于 371000"}
    assert (
        len({f.excerpt for f in found if f.check == "code"}) == 4
    )  # the key, the field, the worker, the slug
    words = [
        "所在地区 荣成市，适用于 威海市",
        "研发投入增量 × 5% = 75,000 元",
        "不低于310",
        "统一社会信用代码 91371082MA1243063C",
    ]
    assert page_walk.check_text(words, url="/", role="anyone", regions=regions) == []


def test_every_page_and_report_reads_in_words_for_every_role(client, demo):
    findings, failures, walked = [], [], set()
    counts: dict[str, int] = {}
    for role in ("anonymous", *ROLES):
        client.logout()
        if role != "anonymous":
            client.force_login(User.objects.get(username=role))
        result = page_walk.walk(client, role)
        findings += result.findings
        failures += result.failures
        walked |= result.patterns
        for kind, count in result.pages.items():
            counts[kind] = counts.get(kind, 0) + count
    report = "\n".join(f"{f.role} {f.url} [{f.check}] {f.excerpt}" for f in findings[:40])
    assert not findings, f"{len(findings)} findings:\n{report}"
    assert not failures
    patterns = {route.lstrip("/") for route, _ in page_walk.get_patterns()}
    patterns = {p for p in patterns if not ("/" + p).startswith(page_walk.SKIPPED_PREFIXES)}
    unexplained = sorted(patterns - walked - set(NOT_WALKED))
    assert not unexplained, (
        f"pages the walk never reached (link them, or say why in NOT_WALKED): {unexplained}"
    )
    # What a walk covers, so that a walk that silently stops early fails too.
    assert counts["html"] > 250 and counts["pdf"] >= 2 and counts["xlsx"] >= 20

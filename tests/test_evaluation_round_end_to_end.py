"""A round from opening to its consequences: forms pre-filled from the other apps' facts with their
sources, experts in conflict refused, scores, ranks and grades by the frozen system, 公示 with an objection,
publication; the grade is a `platform_evaluated` fact the benefit rules pay, 不合格 moves the platform to
整改 with a ledger task, and a second 不合格 in a row revokes it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from benefits.snapshots import snapshot_for
from evaluation import consequences, indicators, rounds
from evaluation.models import Review, SubmissionValue
from planning.indicators import SeriesRequest
from registry.models import AnnualData
from tests import evaluation_world

pytestmark = pytest.mark.django_db

EXPERT_MARKS = ("95", "90", "60")  # by lab, from every expert
SELF_REPORTED_HOURS = ("520", "250", "0")


@pytest.fixture
def world():
    return evaluation_world.build()


def value(submission, code):
    return SubmissionValue.objects.get(submission=submission, indicator__code=code)


def run_to_results(world):
    round_ = rounds.create_round(world.system, world.year, "371000", by=world.bureau)
    rounds.open_round(round_, by=world.bureau)
    submissions = [round_.submissions.get(platform=lab) for lab in world.labs]
    for submission, hours in zip(submissions, SELF_REPORTED_HOURS, strict=True):
        rounds.save_values(submission, {"sharing_hours": hours}, {"sharing_hours": "仪器使用台账"})
        rounds.submit(submission, by=world.bureau)
    rounds.start_review(round_)
    assert rounds.assign_panel(round_, by=world.bureau) == {}
    for submission, mark in zip(submissions, EXPERT_MARKS, strict=True):
        for review in submission.reviews.all():
            rounds.record_review(review, {"operation": mark}, "组织管理规范")
    return round_, submissions, rounds.compute_results(round_)


def test_the_form_is_pre_filled_with_its_sources(world):
    round_ = rounds.create_round(world.system, world.year, "371000", by=world.bureau)
    rounds.open_round(round_, by=world.bureau)
    assert world.system.__class__.objects.get(pk=world.system.pk).frozen
    first = round_.submissions.get(platform=world.labs[0])
    rd = value(first, "rd_expense")
    assert (rd.value, rd.prefilled) == (Decimal(6_000_000), Decimal(6_000_000))
    assert rd.source_label == "创新资源库·年度数据：研发费用"
    assert rd.evidence == f"{world.year}年度数据：6000000元"
    contracts = value(first, "contract_amount")
    assert contracts.value == Decimal(2_500_000)
    assert contracts.source_label == "技术合同登记：技术合同成交额"
    assert contracts.evidence == f"{world.year}年作为卖方登记技术合同 1 项，成交额合计 2,500,000.00 元"
    assert value(first, "operation").source_label == "专家评分"
    # A figure other than the data's needs its reason; nothing is saved without one.
    with pytest.raises(ValidationError, match="请说明理由"):
        rounds.save_values(first, {"rd_expense": "8000000"}, {})
    assert value(first, "rd_expense").value == Decimal(6_000_000)
    rounds.save_values(first, {"rd_expense": "8000000"}, {"rd_expense": "审计报告附后"})
    changed = value(first, "rd_expense")
    assert (changed.value, changed.prefilled, changed.changed) == (
        Decimal(8_000_000),
        Decimal(6_000_000),
        True,
    )


def test_an_expert_in_conflict_is_refused_and_never_drawn(world):
    round_ = rounds.create_round(world.system, world.year, "371000", by=world.bureau)
    rounds.open_round(round_, by=world.bureau)
    first = round_.submissions.get(platform=world.labs[0])
    with pytest.raises(ValidationError, match="孙工 须回避：与被评平台依托单位为同一单位"):
        rounds.assign_reviewer(first, world.conflicted, by=world.bureau)
    rounds.assign_panel(round_, by=world.bureau)
    assert not Review.objects.filter(submission=first, reviewer=world.conflicted).exists()
    assert first.reviews.count() == 2


def test_scores_ranks_and_grades(world):
    _round, submissions, results = run_to_results(world)
    by_lab = {r.submission.platform: r for r in results}
    first, second, third = (by_lab[lab] for lab in world.labs)
    # 20 + 15 + 15 + 15 + 10 + 25 × 95 % = 98.75; the best 30 % of 3 is the first place
    assert (first.score, first.rank, first.grade) == (Decimal("98.75"), 1, "excellent")
    # 16 + 10 + 10 + 0 + 6 + 22.5
    assert (second.score, second.rank, second.grade) == (Decimal("64.50"), 2, "pass")
    # 4 + 0 + 5 + 0 + 0 + 15
    assert (third.score, third.rank, third.grade) == (Decimal("24.00"), 3, "fail")
    assert {row["code"]: row["points"] for row in first.breakdown}["operation"] == "23.75"


def test_publicity_objections_publication_and_consequences(world):
    round_, submissions, results = run_to_results(world)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="公示期内"):
        rounds.file_objection(results[2], "数据有误", by=world.host_users[2])
    rounds.start_publicity(round_, today, today)
    third = submissions[2].result
    objection = rounds.file_objection(third, "研发人员应为12人，见社保缴纳名单", by=world.host_users[2])
    with pytest.raises(ValidationError, match="未处理的公示异议"):
        rounds.publish(round_, by=world.bureau, document="威科字〔2026〕1号")
    rounds.handle_objection(
        objection, True, "经核社保名单，研发人员12人", by=world.bureau, corrections={"rd_staff": "12"}
    )
    third.refresh_from_db()
    assert third.score == Decimal("29.00")  # 5 more points for 10 to 19 staff; still 不合格
    rounds.publish(round_, by=world.bureau, document="威科字〔2026〕1号")

    snapshot = snapshot_for(world.hosts[0], today.year)
    assert {
        "type": "platform_evaluated",
        "date": today.isoformat(),
        "platform_type": "key_laboratory",
        "level": "municipal",
        "grade": "excellent",
        "score": Decimal("98.75"),
        "rank": 1,
        "cohort": 3,
    } in snapshot["events"]
    first = submissions[0].result
    (reward,) = consequences.rewards_for(first)
    assert (reward.rule, reward.amount) == ("weihai-2023.municipal-lab-center-evaluated", Decimal(500_000))
    paid = first.consequences.get(kind="reward")
    assert paid.task.lead_units == ["市科技局"] and paid.deadline == today + dt.timedelta(days=90)
    assert consequences.rewards_for(submissions[1].result) == []

    failed = world.labs[2]
    failed.refresh_from_db()
    assert failed.stage == "rectifying"
    assert failed.events.get(stage="rectifying").document == "威科字〔2026〕1号"
    task = third.consequences.get(kind="rectification").task
    assert task.title == "威海市智能渔具重点实验室绩效评价不合格整改"
    assert task.lead_units == ["威海远洋渔具有限公司"]
    assert task.deadline == today + dt.timedelta(days=180)
    # The planning indicator counts the same results its drill-down lists.
    excellent = {"grades": ["excellent"]}
    assert list(indicators.records("371000", excellent, today)) == [first]
    assert indicators.series([SeriesRequest("371000", excellent, [today])]) == [[Decimal(1)]]
    assert indicators.series([SeriesRequest("370300", {}, [today])]) == [[Decimal(0)]]


def test_a_second_failure_in_a_row_revokes(world):
    for data in AnnualData.objects.filter(year=world.year):
        data.pk, data.year = None, world.year - 1
        data.save()
    for year in (world.year - 1, world.year):
        world.year = year
        round_, submissions, _results = run_to_results(world)
        rounds.start_publicity(round_, timezone.localdate(), timezone.localdate())
        rounds.publish(round_, by=world.bureau, document=f"威科字〔{year}〕1号")
    failed = world.labs[2]
    failed.refresh_from_db()
    assert failed.stage == "revoked"
    result = submissions[2].result
    assert consequences.consecutive_failures(result) == 2
    assert result.consequences.get(kind="revocation").task.title == "撤销威海市智能渔具重点实验室认定并公告"

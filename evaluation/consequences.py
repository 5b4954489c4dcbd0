"""What a published grade leads to (评价结果运用), each consequence a ledger task with a deadline:

- a reward: the benefit rules decide it. The published grade is a `platform_evaluated` fact of the host
  (evaluation.facts), so the calculator, on the host's snapshot from the database, pays whatever rule reads
  that grade (威政发〔2023〕5号 二.(一).1: 择优给予不超过50万元补助 …); each item it pays becomes a task
  for the bureau and the finance bureau to pay it within the index system's `reward_days`;
- 不合格: the platform moves to 整改 (rectifying) with a rectification task for its host within
  `rectification_days`; the `failures_to_revoke`-th 不合格 in a row (rounds of the same index system,
  any version) revokes it (撤销), with the bureau's task to announce the revocation;
- a rectifying platform graded 合格 or better is back to 认定 (approved). No approval event is recorded, so
  no approval reward is paid twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from benefits import rule_store
from benefits.calculator import Calculator, parse_snapshot
from benefits.snapshots import snapshot_for
from evaluation.models import Consequence, Result, Round
from evaluation.vocabulary import ConsequenceKind, Grade, RoundStatus
from planning.models import Task
from planning.plans import set_units
from registry import lifecycle
from registry.vocabulary import PlatformStage

POLICY_CODE = "evaluation"
BUREAU = "市科技局"
FINANCE = "市财政局"
REVOCATION_DAYS = 30


@dataclass(frozen=True)
class Reward:
    rule: str
    title: str
    policy: str
    clause: str
    kind: str
    amount: Decimal
    explanation: dict | None


def rewards_for(result: Result) -> list[Reward]:
    """What the live benefit rules pay the host for this published grade, computed from the database."""
    round_ = result.submission.round
    if round_.status != RoundStatus.PUBLISHED or round_.published_on is None:
        return []
    platform = result.submission.platform
    year = round_.published_on.year
    rulebook = rule_store.live_rulebook()
    snapshot = snapshot_for(platform.host, year, rulebook)
    calculated = Calculator(rulebook).evaluate(parse_snapshot(snapshot), year)
    found = []
    for item in calculated.items:
        event = item.event
        if event is None or event.type != "platform_evaluated" or item.amount <= 0 or item.excluded_by:
            continue
        if (
            event.fields.get("platform_type") != platform.platform_type
            or event.fields.get("grade") != result.grade
        ):
            continue
        if event.date != round_.published_on:
            continue
        rule, policy, clause, title, kind = item.rule.heading
        found.append(Reward(rule, title, policy, clause, kind, item.amount, item.explanation))
    return found


def consecutive_failures(result: Result) -> int:
    """This 不合格 and those right before it, in published rounds of the same index system."""
    platform = result.submission.platform
    round_ = result.submission.round
    earlier = (
        Result.objects.filter(
            submission__platform=platform,
            submission__round__system__code=round_.system.code,
            submission__round__status=RoundStatus.PUBLISHED,
            submission__round__year__lt=round_.year,
        )
        .order_by("-submission__round__year")
        .values_list("grade", flat=True)
    )
    count = 1
    for grade in earlier:
        if grade != Grade.FAIL:
            break
        count += 1
    return count


def _task(
    result: Result, title: str, text: str, deadline: dt.date, lead: list[str], cooperating: list[str]
) -> Task:
    round_ = result.submission.round
    task, _created = Task.objects.update_or_create(
        policy_code=POLICY_CODE,
        clause_path=f"{round_.year}-{round_.pk}",
        title=title[:300],
        defaults={"region_id": round_.region_id, "text": text, "deadline": deadline, "deadline_text": ""},
    )
    set_units(task, lead, cooperating)
    return task


def _consequence(
    result: Result, kind: str, task: Task | None, deadline: dt.date | None, note: str
) -> Consequence:
    consequence, _created = Consequence.objects.update_or_create(
        result=result, kind=kind, defaults={"task": task, "deadline": deadline, "note": note}
    )
    return consequence


def _move(result: Result, step: str, day: dt.date, note: str, by: User | None) -> None:
    """The registry's lifecycle step (整改 or 撤销), with the round's document as its basis; a platform
    already in 整改 that fails again, short of revocation, stays there."""
    platform = result.submission.platform
    if step == "rectify" and platform.stage == PlatformStage.RECTIFYING:
        return
    lifecycle.take(platform, step, by=by, day=day, document=result.submission.round.document, note=note)


@transaction.atomic
def apply(round_: Round, *, by: User | None) -> list[Consequence]:
    """Every consequence of a published round (run once, at publication)."""
    day = round_.published_on
    system = round_.system
    made = []
    results = Result.objects.filter(submission__round=round_).select_related(
        "submission__platform__host", "submission__platform__competent_department"
    )
    for result in results:
        platform = result.submission.platform
        for reward in rewards_for(result):
            deadline = day + dt.timedelta(days=system.reward_days)
            title = _("兑现%(platform)s%(year)d年度绩效评价奖补：%(rule)s") % {
                "platform": platform.name,
                "year": round_.year,
                "rule": reward.title,
            }
            text = _("%(policy)s %(clause)s；计算器核定最高 %(amount)s 元（评价等次：%(grade)s）。") % {
                "policy": reward.policy,
                "clause": reward.clause,
                "amount": f"{reward.amount:,.2f}",
                "grade": result.get_grade_display(),
            }
            task = _task(result, title, text, deadline, [BUREAU], [FINANCE])
            made.append(_consequence(result, ConsequenceKind.REWARD, task, deadline, text))
        if result.grade == Grade.FAIL:
            made.append(_failed(result, day, by))
        elif platform.stage == PlatformStage.RECTIFYING:
            platform.stage = PlatformStage.APPROVED
            platform._change_reason = _("%(year)d年度绩效评价%(grade)s，整改合格") % {
                "year": round_.year,
                "grade": result.get_grade_display(),
            }
            platform.save(update_fields=["stage", "updated_at"])
            made.append(_consequence(result, ConsequenceKind.RESTORED, None, None, platform._change_reason))
    return made


def _failed(result: Result, day: dt.date, by: User | None) -> Consequence:
    round_, platform = result.submission.round, result.submission.platform
    system = round_.system
    failures = consecutive_failures(result)
    supervisor = platform.competent_department.name if platform.competent_department else BUREAU
    if failures >= system.failures_to_revoke:
        note = _("连续%(n)d次绩效评价不合格，撤销认定（%(round)s）") % {"n": failures, "round": round_.title}
        _move(result, "revoke", day, note, by)
        deadline = day + dt.timedelta(days=REVOCATION_DAYS)
        title = _("撤销%(platform)s认定并公告") % {"platform": platform.name}
        task = _task(result, title, note, deadline, [BUREAU], [supervisor] if supervisor != BUREAU else [])
        return _consequence(result, ConsequenceKind.REVOCATION, task, deadline, note)
    note = _("%(year)d年度绩效评价不合格（%(score)s分，第%(rank)d名），限期整改") % {
        "year": round_.year,
        "score": result.score,
        "rank": result.rank,
    }
    _move(result, "rectify", day, note, by)
    deadline = day + dt.timedelta(days=system.rectification_days)
    title = _("%(platform)s绩效评价不合格整改") % {"platform": platform.name}
    text = _("%(note)s；整改期限至%(deadline)s，逾期未整改或整改后仍不合格的撤销认定。") % {
        "note": note,
        "deadline": deadline.isoformat(),
    }
    task = _task(result, title, text, deadline, [platform.host.name], [supervisor])
    return _consequence(result, ConsequenceKind.RECTIFICATION, task, deadline, text)

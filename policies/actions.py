"""What a confirmed document feeds: ledger tasks from its clauses, indicators from its targets, and
benefit-rule drafts from its money provisions. The planning app builds tasks and indicators; the
rule drafts wait here for the calculator to encode them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from policies.models import MoneyProvision, PolicyDocument, RuleDraft

# A rule draft's title quotes its provision; long sentences are cut for the list pages.
TITLE_LENGTH = 120


def _require_confirmed(document: PolicyDocument) -> None:
    if not document.is_confirmed:
        raise ValidationError(_("文件确认后才能生成任务、指标和规则草稿。"))


def create_tasks(document: PolicyDocument, user: User) -> list[Any]:
    """Ledger tasks from the document's clauses, with their lead and cooperating units and deadlines."""
    from planning.from_policy import create_tasks_from_document

    _require_confirmed(document)
    return create_tasks_from_document(document, user)


def create_indicators(document: PolicyDocument, user: User) -> list[Any]:
    """Indicators with yearly targets from the document's targets."""
    from planning.from_policy import create_indicators_from_document

    _require_confirmed(document)
    return create_indicators_from_document(document, user)


def open_rule_drafts(document: PolicyDocument, user: User | None) -> list[RuleDraft]:
    """One draft per money provision that has none yet; running it again opens only the new ones."""
    _require_confirmed(document)
    provisions = (
        MoneyProvision.objects.filter(document=document, rule_draft__isnull=True)
        .select_related("clause")
        .order_by("start", "id")
    )
    with transaction.atomic():
        drafts = []
        for money in provisions:
            draft = RuleDraft(
                document=document, clause=money.clause, money=money, title=rule_title(money), created_by=user
            )
            draft._history_user = user
            draft.save()
            drafts.append(draft)
    return drafts


def rule_title(money: MoneyProvision) -> str:
    where = money.clause.heading or money.clause.path if money.clause else ""
    text = money.text if len(money.text) <= TITLE_LENGTH else money.text[: TITLE_LENGTH - 1] + "…"
    return f"{where}：{text}" if where else text


def _tasks_of(document: PolicyDocument) -> int:
    from planning.models import Task

    return Task.objects.filter(policy_code=document.code).count()


def _indicators_of(document: PolicyDocument) -> int:
    from planning.models import Indicator

    return Indicator.objects.filter(policy_code=document.code).count()


def _drafts_of(document: PolicyDocument) -> int:
    return RuleDraft.objects.filter(document=document).count()


@dataclass(frozen=True)
class Action:
    code: str
    label: str | Promise
    run: Callable[[PolicyDocument, User], list[Any]]
    counted: Callable[[PolicyDocument], int]  # how many records of this kind the document already fed
    done: str | Promise  # the message after a run that created some, with %(count)s
    again: str | Promise  # the message when everything was created before
    confirm: str | Promise = ""  # what the button asks before a bulk creation

    def perform(self, document: PolicyDocument, user: User) -> str:
        """Run the action and say what it created; a second run creates nothing and says so."""
        before = self.counted(document)
        self.run(document, user)
        created = self.counted(document) - before
        return str(self.done % {"count": created} if created else self.again)


ACTIONS = {
    action.code: action
    for action in (
        Action(
            "tasks",
            _("生成任务台账"),
            create_tasks,
            _tasks_of,
            _("已生成 %(count)s 项台账任务。"),
            _("这份文件的任务台账已经生成过，没有新建任务。"),
            _("将按文件各条款的责任单位和时限批量生成台账任务，并通知到各单位。确定生成吗？"),
        ),
        Action(
            "indicators",
            _("生成指标"),
            create_indicators,
            _indicators_of,
            _("已生成 %(count)s 项指标。"),
            _("这份文件的指标已经生成过，没有新建指标。"),
            _("将按文件的目标批量生成监测指标。确定生成吗？"),
        ),
        Action(
            "rules",
            _("生成规则草稿"),
            open_rule_drafts,
            _drafts_of,
            _("已生成 %(count)s 份规则草稿。"),
            _("这份文件的规则草稿已经生成过，没有新建草稿。"),
            _("将为每条资金条款生成一份规则草稿。确定生成吗？"),
        ),
    )
}

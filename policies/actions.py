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
        .select_related("clause").order_by("start", "id")
    )
    with transaction.atomic():
        drafts = []
        for money in provisions:
            draft = RuleDraft(document=document, clause=money.clause, money=money, title=rule_title(money),
                              created_by=user)
            draft._history_user = user  # type: ignore[attr-defined]
            draft.save()
            drafts.append(draft)
    return drafts


def rule_title(money: MoneyProvision) -> str:
    where = money.clause.heading or money.clause.path if money.clause else ""
    text = money.text if len(money.text) <= TITLE_LENGTH else money.text[: TITLE_LENGTH - 1] + "…"
    return f"{where}：{text}" if where else text


@dataclass(frozen=True)
class Action:
    code: str
    label: str | Promise
    run: Callable[[PolicyDocument, User], list[Any]]
    done: str | Promise  # the message after a run, with %(count)s


ACTIONS = {
    action.code: action
    for action in (
        Action("tasks", _("生成任务台账"), create_tasks, _("已生成 %(count)s 项台账任务。")),
        Action("indicators", _("生成指标"), create_indicators, _("已生成 %(count)s 项指标。")),
        Action("rules", _("生成规则草稿"), open_rule_drafts, _("已生成 %(count)s 份规则草稿。")),
    )
}

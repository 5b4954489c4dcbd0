"""The planning app's workbench items: the bureau's overdue and due-soon tasks and indicators behind their
path; a department officer's own tasks and the progress reports they owe (kechuang/workbench.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kechuang.access import AnyUser, is_bureau
from kechuang.workbench import TODO, WATCH, Item
from planning import ledger
from planning.monitor import evaluate_many, indicators_in
from planning.permissions import can_view_plans, officer_unit_key
from planning.status import AT_RISK, DONE, OFF_TRACK, OVERDUE, TASK_WARNING_DAYS


def _ledger(**query: str) -> str:
    return reverse("planning:ledger") + ("?" + urlencode(query) if query else "")


def _dashboard(status: str) -> str:
    return reverse("planning:dashboard") + "?" + urlencode({"status": status}) + "#indicators"


def items(user: AnyUser) -> Iterator[Item]:
    if not can_view_plans(user):
        return
    today = timezone.localdate()
    if is_bureau(user):
        entries = ledger.rows(ledger.ledger(), today)
        yield from _task_items(entries, today, mine=False)
        # The dashboard's counted values (cached as there), without building its league table again.
        statuses = Counter(e.status for e in evaluate_many(indicators_in(), today, cached=True))
        yield Item(
            WATCH,
            _("滞后指标"),
            _dashboard(OFF_TRACK),
            count=statuses[OFF_TRACK],
            urgent=True,
            order=10,
            key="planning.off_track",
        )
        yield Item(
            WATCH,
            _("有风险指标"),
            _dashboard(AT_RISK),
            count=statuses[AT_RISK],
            order=20,
            key="planning.at_risk",
        )
    elif officer_unit_key(user):
        entries = ledger.rows(ledger.tasks_of_user(ledger.ledger(), user), today)
        yield Item(
            TODO,
            _("本单位任务"),
            _ledger(mine="on"),
            count=sum(1 for entry in entries if entry.status != DONE),
            detail=_("牵头或配合、尚未销号的任务"),
            order=5,
            key="planning.own_tasks",
        )
        yield from _task_items(entries, today, mine=True)


def _task_items(entries: list[ledger.Row], today: dt.date, *, mine: bool) -> Iterator[Item]:
    scope = {"mine": "on"} if mine else {}
    yield Item(
        TODO,
        _("逾期任务"),
        _ledger(**scope, status=OVERDUE),
        count=sum(1 for entry in entries if entry.status == OVERDUE),
        detail=_("已过完成时限、尚未销号"),
        urgent=True,
        order=10,
        key="planning.overdue_tasks",
    )
    yield Item(
        TODO,
        _("临近时限的任务"),
        _ledger(**scope, attention=ledger.DUE_SOON),
        count=len(ledger.needing(entries, ledger.DUE_SOON, today)),
        detail=_("%(days)s 天内到期、进度未满") % {"days": TASK_WARNING_DAYS},
        order=20,
        key="planning.due_soon_tasks",
    )
    if mine:
        yield Item(
            TODO,
            _("待报进展"),
            _ledger(**scope, attention=ledger.REPORT_DUE),
            count=len(ledger.needing(entries, ledger.REPORT_DUE, today)),
            detail=_("%(days)s 天内没有报告进展的任务") % {"days": ledger.REPORT_INTERVAL_DAYS},
            urgent=True,
            order=15,
            key="planning.reports_due",
        )

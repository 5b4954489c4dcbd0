"""The columns of the task ledger and of the departments' view (按部门查看): what their pages sort by and
what their exports write (kechuang.listing)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from kechuang.listing import Column
from planning.forms import TASK_STATUS_LABELS
from planning.ledger import Row, group_by_unit
from planning.status import DONE, OVERDUE, TASK_STATUSES
from registry.models import Region


def _policy(entry: Row) -> str:
    task = entry.task
    return task.policy.title if task.policy else task.policy_code


LEDGER_COLUMNS = (
    Column(_("任务"), attrgetter("task.title"), key="title"),
    Column(_("文件 · 条款"), _policy, key="policy"),
    Column(_("牵头单位"), lambda entry: "、".join(entry.lead_units), key="lead"),
    Column(_("配合单位"), lambda entry: "、".join(entry.cooperating_units)),
    Column(_("完成时限"), attrgetter("task.deadline"), key="deadline"),
    Column(_("进度"), attrgetter("progress"), key="progress"),
    Column(
        _("状态"),
        lambda entry: str(TASK_STATUS_LABELS[entry.status]),
        key="status",
        sort_value=lambda entry: TASK_STATUSES.index(entry.status),
    ),
)


def task_id(entry: Row) -> int:
    return entry.task.pk


@dataclass(frozen=True)
class UnitTasks:
    """One department's tasks in one region: a row of 按部门查看."""

    region: str
    unit: str
    entries: list[Row]

    @property
    def key(self) -> tuple[str, str]:
        return (self.region, self.unit)

    @property
    def ledger_url(self) -> str:
        return reverse("planning:ledger") + "?" + urlencode({"unit": self.unit})

    @property
    def tasks(self) -> int:
        return len(self.entries)

    @property
    def leading(self) -> int:
        return sum(self.unit in entry.lead_units for entry in self.entries)

    @property
    def done(self) -> int:
        return sum(entry.status == DONE for entry in self.entries)

    @property
    def overdue(self) -> int:
        return sum(entry.status == OVERDUE for entry in self.entries)

    @property
    def at_risk(self) -> int:
        return sum(entry.at_risk for entry in self.entries)


def units(entries: Iterable[Row]) -> list[UnitTasks]:
    """Every department named by a task, by region, with its tasks."""
    grouped = group_by_unit(entries)
    codes = {code for code, _unit in grouped}
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return [UnitTasks(names.get(code, code), unit, found) for (code, unit), found in grouped.items()]


UNIT_COLUMNS = (
    Column(_("地区"), attrgetter("region"), key="region"),
    Column(_("责任单位"), attrgetter("unit"), key="unit", link=attrgetter("ledger_url")),
    Column(_("任务数"), attrgetter("tasks"), key="tasks"),
    Column(_("牵头任务"), attrgetter("leading"), key="leading"),
    Column(_("已销号"), attrgetter("done"), key="done"),
    Column(_("已逾期"), attrgetter("overdue"), key="overdue"),
    Column(_("临近时限"), attrgetter("at_risk"), key="at_risk"),
)

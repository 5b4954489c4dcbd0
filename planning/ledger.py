"""The task ledger (工作台账): who owns what, where it stands, progress reports and close-out (销号)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from kechuang.downloads import check_attachment
from planning.models import ProgressReport, Task, TaskUnit, UnitRole
from planning.permissions import can_close_out, can_report_progress, officer_unit_key
from planning.status import DONE, OVERDUE, task_at_risk, task_status
from planning.units import city_of, unit_key
from policies.models import PolicyDocument
from registry.models import Region, RegionLevel
from registry.region_lookups import in_region

ROW_FIELDS = (
    "title",
    "policy_code",
    "clause_path",
    "region_id",
    "deadline",
    "deadline_text",
    "closed_at",
    "order",
    "policy",
)


def ledger(region: str | None = None) -> QuerySet[Task]:
    """Tasks, optionally of a region; `rows` adds their units and reports in two queries for any number."""
    # Only what a ledger row shows: a city's ledger has thousands of tasks. A handful of documents hold them
    # all, so each document is read once and shared by its tasks rather than joined into every row.
    queryset = Task.objects.only(*ROW_FIELDS).prefetch_related(
        Prefetch("policy", queryset=PolicyDocument.objects.only("code", "title"))
    )
    if region:
        queryset = queryset.filter(in_region(region))
    return queryset


def for_unit(queryset: QuerySet[Task], name: str) -> QuerySet[Task]:
    """Tasks a unit leads or cooperates on, whichever form of its name is given;
    a full name (淄博市科学技术局) keeps to its own city's tasks."""
    queryset = queryset.filter(pk__in=TaskUnit.objects.filter(key=unit_key(name)).values("task_id"))
    city = city_of(name)
    region = Region.objects.filter(name=city, level=RegionLevel.CITY).first() if city else None
    if region is not None:
        queryset = queryset.filter(in_region(region))
    return queryset


class UnitRef(NamedTuple):
    name: str
    key: str
    role: str


class LatestReport(NamedTuple):
    percentage: int
    text: str
    reported_at: dt.datetime | None = None


@dataclass(slots=True)
class Row:
    """A task with what the ledger derives from it (slots: a city's ledger makes thousands per request)."""

    task: Task
    units: list[UnitRef]
    status: str
    progress: int
    at_risk: bool
    latest_report: LatestReport | None

    @property
    def lead_units(self) -> list[str]:
        return [unit.name for unit in self.units if unit.role == UnitRole.LEAD]

    @property
    def cooperating_units(self) -> list[str]:
        return [unit.name for unit in self.units if unit.role == UnitRole.COOPERATING]

    @property
    def share(self) -> float:
        return self.progress / 100

    @property
    def on_time(self) -> bool:
        closed = self.task.closed_at
        return closed is not None and (
            self.task.deadline is None or timezone.localtime(closed).date() <= self.task.deadline
        )


def _row(task: Task, units: list[UnitRef], latest: LatestReport | None, today: dt.date) -> Row:
    closed = task.closed_at is not None
    progress = 100 if closed else (latest.percentage if latest else 0)
    return Row(
        task=task,
        units=units,
        status=task_status(
            deadline=task.deadline, closed=closed, has_progress=latest is not None, today=today
        ),
        progress=progress,
        at_risk=task_at_risk(deadline=task.deadline, closed=closed, percentage=progress, today=today),
        latest_report=latest,
    )


def rows(tasks: Iterable[Task], today: dt.date | None = None, status: str = "") -> list[Row]:
    """Ledger rows; units and latest reports are fetched for all tasks at once, not task by task."""
    today = today or timezone.localdate()
    # A queryset's tasks are named by a subquery, not by thousands of parameters.
    ids = tasks.values("pk") if isinstance(tasks, QuerySet) else [task.pk for task in tasks]
    tasks = list(tasks)
    # Plain tuples, not model instances: a city's ledger has thousands of units and reports.
    units: dict[int, list[UnitRef]] = defaultdict(list)
    # A city has a few dozen units named by thousands of tasks: one UnitRef each, shared, keeps the garbage
    # collector's work per request small.
    shared: dict[tuple[str, str, str], UnitRef] = {}
    for task_id, *unit in (
        TaskUnit.objects.filter(task_id__in=ids)
        .order_by("task_id", "role", "order")
        .values_list("task_id", "name", "key", "role")
    ):
        units[task_id].append(shared.setdefault(tuple(unit), UnitRef(*unit)))
    latest: dict[int, LatestReport] = {}
    for task_id, *report in (
        ProgressReport.objects.filter(task_id__in=ids)
        .order_by("task_id", "-reported_at", "-id")
        .values_list("task_id", "percentage", "text", "reported_at")
    ):
        latest.setdefault(task_id, LatestReport(*report))
    found = [_row(task, units[task.pk], latest.get(task.pk), today) for task in tasks]
    return [r for r in found if r.status == status] if status else found


def row(task: Task, today: dt.date | None = None) -> Row:
    return rows([task], today)[0]


def as_contract(entry: Row) -> dict[str, Any]:
    """One row of `kechuang tasks --json` (contract 6 in docs/interfaces.md)."""
    task = entry.task
    return {
        "id": task.pk,
        "policy": task.policy.code if task.policy else task.policy_code,
        "clause": task.clause_path,
        "title": task.title,
        "lead_units": entry.lead_units,
        "cooperating_units": entry.cooperating_units,
        "deadline": task.deadline.isoformat() if task.deadline else None,
        "status": entry.status,
        "progress": entry.progress,
    }


# How often a unit reports progress on an open task (月报): a task silent this long has a report due.
REPORT_INTERVAL_DAYS = 30
DUE_SOON = "due_soon"
REPORT_DUE = "report_due"


def report_due(entry: Row, today: dt.date) -> bool:
    """An open task whose unit has not reported progress in the last REPORT_INTERVAL_DAYS."""
    if entry.status == DONE:
        return False
    latest = entry.latest_report
    if latest is None or latest.reported_at is None:
        return True
    return (today - timezone.localtime(latest.reported_at).date()).days > REPORT_INTERVAL_DAYS


def needing(entries: Iterable[Row], attention: str, today: dt.date | None = None) -> list[Row]:
    """The rows that need attention of one kind: due soon (DUE_SOON) or with a report due (REPORT_DUE)."""
    today = today or timezone.localdate()
    if attention == DUE_SOON:
        return [entry for entry in entries if entry.at_risk]
    if attention == REPORT_DUE:
        return [entry for entry in entries if report_due(entry, today)]
    return list(entries)


def reminders(entries: Iterable[Row]) -> dict[str, list[Row]]:
    """What needs chasing: overdue tasks, and tasks due soon that are not done."""
    entries = list(entries)
    return {
        "overdue": [r for r in entries if r.status == OVERDUE],
        "at_risk": [r for r in entries if r.at_risk],
    }


@dataclass
class UnitScore:
    name: str
    region: str
    tasks: int = 0
    lead: int = 0
    done: int = 0
    on_time: int = 0
    overdue: int = 0
    indicators: int = 0
    indicators_on_track: int = 0

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.tasks if self.tasks else None

    @property
    def on_track_share(self) -> float | None:
        return self.indicators_on_track / self.indicators if self.indicators else None


def league_table(entries: Iterable[Row], evaluations: Iterable[Any]) -> list[UnitScore]:
    """Departments ranked by tasks closed on time, then indicators on track or met."""
    scores: dict[tuple[str, str], UnitScore] = {}

    # The same short name (市科技局) in two cities is two departments.
    def score(name: str, key: str, region: str) -> UnitScore:
        if (region, key) not in scores:
            scores[(region, key)] = UnitScore(name=name, region=region)
        return scores[(region, key)]

    for entry in entries:
        for unit in entry.units:
            unit_score = score(unit.name, unit.key, entry.task.region_id)
            unit_score.tasks += 1
            unit_score.lead += unit.role == UnitRole.LEAD
            unit_score.done += entry.status == DONE
            unit_score.on_time += entry.on_time
            unit_score.overdue += entry.status == OVERDUE
    for evaluation in evaluations:
        for name in evaluation.indicator.responsible_units:
            unit_score = score(name, unit_key(name), evaluation.indicator.region_id)
            unit_score.indicators += 1
            unit_score.indicators_on_track += evaluation.status in {"on_track", "met"}
    return sorted(
        scores.values(),
        key=lambda s: (-(s.on_time_share or 0), -(s.on_track_share or 0), s.overdue, -s.tasks, s.name),
    )


def tasks_of_user(queryset: QuerySet[Task], user: User) -> QuerySet[Task]:
    """A department officer's own tasks (its unit leads or cooperates); nothing for anyone else."""
    key = officer_unit_key(user)
    if not key:
        return queryset.none()
    return queryset.filter(
        pk__in=TaskUnit.objects.filter(key=key).values("task_id"),
        region_id__in=_regions_containing(user.organization.region_id),
    )


def _regions_containing(code: str) -> list[str]:
    """A county department also answers to its city's and province's plans."""
    return list(dict.fromkeys([code, code[:4] + "00", code[:2] + "0000"]))


@transaction.atomic
def report_progress(
    task: Task, user: User, *, text: str, percentage: int, attachment: UploadedFile | None = None
) -> ProgressReport:
    if not can_report_progress(user, task):
        raise PermissionDenied(_("只能填报本单位牵头或配合的任务。"))
    errors = {}
    if not text.strip():
        errors["text"] = "请填写进展情况。"
    if not 0 <= percentage <= 100:
        errors["percentage"] = "完成进度应在0到100之间。"
    if attachment:
        try:
            check_attachment(attachment)
        except ValidationError as refusal:
            errors["attachment"] = refusal.messages
    if errors:
        raise ValidationError(errors)
    key = officer_unit_key(user)
    unit = next((u.name for u in task.units.all() if u.key == key), "") if key else ""
    return ProgressReport.objects.create(
        task=task,
        unit=unit or str(user.organization or ""),
        text=text.strip(),
        percentage=percentage,
        attachment=attachment or "",
        reported_by=user,
    )


@transaction.atomic
def close_out(task: Task, user: User, *, note: str, evidence: UploadedFile | None = None) -> Task:
    """销号: the bureau closes a task, citing evidence (an uploaded file or a report's attachment)."""
    if not can_close_out(user, task):
        raise PermissionDenied(_("只有科技局可以对未销号的任务销号。"))
    errors = {}
    if not note.strip():
        errors["note"] = "请填写销号说明。"
    if evidence is None and not task.reports.exclude(attachment="").exists():
        errors["evidence"] = "销号需要佐证材料：请上传文件，或由责任单位在进展报告中附上材料。"
    elif evidence is not None:
        try:
            check_attachment(evidence)
        except ValidationError as refusal:
            errors["evidence"] = refusal.messages
    if errors:
        raise ValidationError(errors)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.closed_at is not None:
        # Another submission closed it after `task` was read: the first close-out and its evidence stand.
        raise ValidationError(_("任务已销号，不能重复销号。"))
    task.closed_at = timezone.now()
    task.closed_by = user
    task.closure_note = note.strip()
    if evidence is not None:
        task.closure_evidence = evidence
    task.save()
    return task


def group_by_unit(entries: Iterable[Row]) -> dict[tuple[str, str], list[Row]]:
    """The per-department view: (region code, unit name) with the unit's tasks."""
    grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for entry in entries:
        for unit in entry.units:
            grouped[(entry.task.region_id, unit.name)].append(entry)
    return dict(sorted(grouped.items()))

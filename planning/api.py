"""The planning JSON API: indicators (contract 5 in docs/interfaces.md), the task ledger (contract 6),
progress reports.

Reads are for government staff (bureau and department officers), as the pages are; a department officer
reports progress only on the tasks its unit leads or cooperates on. Permissions are planning.permissions',
the same functions the pages ask, and the work is done by the same domain functions (monitor, ledger).
"""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time.
import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from kechuang.api_schemas import Problem
from planning import ledger, monitor
from planning.models import Task
from planning.permissions import can_report_progress, can_view_plans
from planning.status import INDICATOR_STATUSES, TASK_STATUSES

router = Router(tags=["planning"])

IndicatorStatus = Literal[INDICATOR_STATUSES]
TaskStatus = Literal[TASK_STATUSES]


class Baseline(Schema):
    year: int
    value: int | float


class TargetOut(Schema):
    year: int
    value: int | float
    comparator: str = Field(description=">=、>、=、<= 或 <")


class ActualOut(Schema):
    year: int
    value: int | float
    source: str = Field(description="computed 表示由资源库计算，否则为填报的数据来源")


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    region: str = Field(description="行政区划代码")
    policy: str
    clause: str
    responsible_units: list[str]
    baseline: Baseline | None
    targets: list[TargetOut]
    actuals: list[ActualOut]
    status: IndicatorStatus


class TaskOut(Schema):
    id: int
    policy: str
    clause: str
    title: str
    lead_units: list[str]
    cooperating_units: list[str]
    deadline: dt.date | None
    status: TaskStatus
    progress: int = Field(description="完成进度（%），已销号为 100")


class PageRequest(Schema):
    limit: int = Field(50, ge=1, le=500, description="每页条数")
    offset: int = Field(0, ge=0, description="从第几条开始（0 起）")


class IndicatorFilters(PageRequest):
    region: str | None = Field(None, pattern=r"^\d{6}$", description="行政区划代码，含其下辖地区")


class TaskFilters(PageRequest):
    unit: str | None = Field(None, description="责任单位（牵头或配合），简称或全称均可")
    status: TaskStatus | None = None
    policy: str | None = Field(None, description="政策文件标识")


class IndicatorPage(Schema):
    count: int
    items: list[IndicatorOut]


class TaskPage(Schema):
    count: int
    items: list[TaskOut]


class ProgressIn(Schema):
    text: str = Field(description="进展情况")
    percentage: int = Field(ge=0, le=100, description="完成进度（%）")


def require_viewer(request: HttpRequest) -> None:
    if not can_view_plans(request.user):
        raise HttpError(403, "目标监测与任务台账仅对科技局和部门联络员开放。")


def task_or_404(task_id: int) -> Task:
    task = Task.objects.select_related("policy").filter(pk=task_id).first()
    if task is None:
        raise HttpError(404, f"找不到编号为 {task_id} 的任务。")
    return task


@router.get("/indicators/", response={200: IndicatorPage, 403: Problem}, summary="指标与目标（约定5）")
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilters]) -> dict[str, Any]:
    require_viewer(request)
    indicators = monitor.indicators_in(filters.region)
    page = indicators[filters.offset : filters.offset + filters.limit]
    # Counted live, as `kechuang targets` does: one query per definition and region, whatever the page size.
    evaluations = monitor.evaluate_many(page)
    return {"count": indicators.count(), "items": [monitor.as_contract(e) for e in evaluations]}


@router.get("/tasks/", response={200: TaskPage, 403: Problem}, summary="任务台账（约定6）")
def list_tasks(request: HttpRequest, filters: Query[TaskFilters]) -> dict[str, Any]:
    require_viewer(request)
    tasks = ledger.ledger()
    if filters.policy:
        tasks = tasks.filter(policy_code=filters.policy)
    if filters.unit:
        tasks = ledger.for_unit(tasks, filters.unit)
    # Status is derived from deadlines and reports, so it filters the rows rather than the query.
    rows = ledger.rows(tasks, status=filters.status or "")
    page = rows[filters.offset : filters.offset + filters.limit]
    return {"count": len(rows), "items": [ledger.as_contract(row) for row in page]}


@router.get("/tasks/{task_id}", response={200: TaskOut, 403: Problem, 404: Problem}, summary="任务详情")
def get_task(request: HttpRequest, task_id: int) -> dict[str, Any]:
    require_viewer(request)
    return ledger.as_contract(ledger.row(task_or_404(task_id)))


@router.post(
    "/tasks/{task_id}/progress",
    response={201: TaskOut, 403: Problem, 404: Problem, 422: Problem},
    summary="填报任务进展",
    description="部门联络员只能填报本单位牵头或配合的任务；已销号的任务不能再填报。返回填报后的任务。",
)
def report_progress(request: HttpRequest, task_id: int, payload: ProgressIn) -> Status:
    require_viewer(request)
    task = task_or_404(task_id)
    if task.closed_at is not None:
        raise HttpError(403, "任务已销号，不能再填报进展。")
    if not can_report_progress(request.user, task):
        raise HttpError(403, "只能填报本单位牵头或配合的任务。")
    try:
        ledger.report_progress(task, request.user, text=payload.text, percentage=payload.percentage)
    except ValidationError as error:
        return Status(422, {"detail": "提交的数据有误，请按字段提示修改。", "errors": error.message_dict})
    return Status(201, ledger.as_contract(ledger.row(task)))

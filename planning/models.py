"""Indicators with their baselines, targets and actuals, and the task ledger (工作台账).

Status is never stored: `planning.status` derives an indicator's status (contract 5 in docs/interfaces.md)
and a task's
status (contract 6) from the records here, so a late report or a changed deadline can never leave a stale
flag behind.

Units (责任单位, 牵头, 配合) are kept as the names the text gives (市科技局, 安顺学院, 各县人民政府 …), not as
foreign keys to registry organizations: documents name bodies that are not in the registry (universities,
county governments, central-bank branches), and a unit must stay readable even if a department is renamed.
`planning.units.unit_key` normalises a name so that an officer of 淄博市科学技术局 matches 市科技局.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models import Region
from registry.vocabulary import Comparator

VALUE = {"max_digits": 20, "decimal_places": 4}


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", _("由资源库计算")
    REPORTED = "reported", _("部门填报")


class Accumulation(models.TextChoices):
    CUMULATIVE = "cumulative", _("累计达到")
    YEARLY = "yearly", _("当年完成")


class PathShape(models.TextChoices):
    LINEAR = "linear", _("线性")
    GROWTH = "growth", _("按年均增速")


class Indicator(models.Model):
    code = models.SlugField(_("指标标识"), max_length=80, unique=True)
    name = models.CharField(_("指标名称"), max_length=200)
    unit = models.CharField(_("计量单位"), max_length=32, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+")
    definition = models.TextField(_("指标口径"), blank=True)
    responsible_units = models.JSONField(_("责任部门"), default=list, blank=True)
    policy = models.ForeignKey(
        "policies.PolicyDocument",
        verbose_name=_("政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    policy_code = models.CharField(
        _("政策文件标识"),
        max_length=64,
        blank=True,
        help_text=_("文件尚未导入时保留其标识，导入后自动关联。"),
    )
    clause = models.ForeignKey(
        "policies.Clause",
        verbose_name=_("条款"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    clause_path = models.CharField(_("条款编号"), max_length=64, blank=True)
    source_text = models.TextField(_("原文"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级指标"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
        help_text=_("分项指标（如国家级、省级）指向其合计指标。"),
    )
    kind = models.CharField(
        _("数据来源"), max_length=16, choices=IndicatorKind.choices, default=IndicatorKind.REPORTED
    )
    definition_key = models.CharField(
        _("计算口径"),
        max_length=64,
        blank=True,
        help_text=_("planning/indicators.py 中的口径名称，仅计算类指标填写。"),
    )
    params = models.JSONField(_("口径参数"), default=dict, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("基期年份"), null=True, blank=True)
    baseline_value = models.DecimalField(_("基期值"), null=True, blank=True, **VALUE)
    growth_rate = models.DecimalField(
        _("年均增速（%）"),
        null=True,
        blank=True,
        max_digits=7,
        decimal_places=2,
        help_text=_("文件给出年均增速时，目标路径按该增速复合增长。"),
    )
    path_shape = models.CharField(
        _("目标路径"), max_length=16, choices=PathShape.choices, default=PathShape.LINEAR
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "policy_code", "order", "id"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("planning:indicator_detail", args=[self.code])

    @property
    def baseline(self) -> tuple[int, Decimal] | None:
        if self.baseline_year is None or self.baseline_value is None:
            return None
        return self.baseline_year, self.baseline_value


class Target(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    value = models.DecimalField(_("目标值"), **VALUE)
    comparator = models.CharField(
        _("比较"), max_length=2, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    accumulation = models.CharField(
        _("口径"), max_length=16, choices=Accumulation.choices, default=Accumulation.CUMULATIVE
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="target_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year}年 {self.comparator} {self.value.normalize():f}"


class ReportedValue(models.Model):
    """A value a department reported; the latest report of a year is that year's actual."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="reported_values"
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    as_of = models.DateField(_("截至日期"), null=True, blank=True)
    value = models.DecimalField(_("数值"), **VALUE)
    source = models.CharField(_("数据来源"), max_length=200, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "reported_at", "id"]
        verbose_name = _("填报值")
        verbose_name_plural = _("填报值")

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}年 {self.value.normalize():f}"


class Task(models.Model):
    policy = models.ForeignKey(
        "policies.PolicyDocument",
        verbose_name=_("政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    policy_code = models.CharField(_("政策文件标识"), max_length=64, blank=True)
    clause = models.ForeignKey(
        "policies.Clause",
        verbose_name=_("条款"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    clause_path = models.CharField(_("条款编号"), max_length=64, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("任务"), max_length=300)
    text = models.TextField(_("任务内容"), blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    deadline_text = models.CharField(
        _("原文时限"), max_length=64, blank=True, help_text=_("如“6月底前”“年内”。")
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("销号人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closure_note = models.TextField(_("销号说明"), blank=True)
    closure_evidence = models.FileField(_("销号佐证材料"), upload_to="planning/closures/%Y/", blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["policy_code", "order", "id"]
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        constraints = [
            models.UniqueConstraint(
                fields=["policy_code", "clause_path", "title"], name="task_unique_in_clause"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:task_detail", args=[self.pk])

    def units_in(self, role: str) -> list[str]:
        return [unit.name for unit in self.units.all() if unit.role == role]

    @property
    def lead_units(self) -> list[str]:
        return self.units_in(UnitRole.LEAD)

    @property
    def cooperating_units(self) -> list[str]:
        return self.units_in(UnitRole.COOPERATING)


class UnitRole(models.TextChoices):
    LEAD = "lead", _("牵头")
    COOPERATING = "cooperating", _("配合")


class TaskUnit(models.Model):
    """A unit named by a task, kept as written; `key` is the normalised name lookups and permissions use."""

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("单位"), max_length=100)
    key = models.CharField(_("规范名称"), max_length=100, db_index=True, editable=False)
    role = models.CharField(_("角色"), max_length=16, choices=UnitRole.choices)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["task", "role", "order"]
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")
        constraints = [models.UniqueConstraint(fields=["task", "key"], name="task_unit_once")]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"

    def save(self, *args: object, **kwargs: object) -> None:
        from planning.units import unit_key

        self.key = unit_key(self.name)
        super().save(*args, **kwargs)


class Milestone(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("节点"), max_length=300)
    due = models.DateField(_("节点时限"))
    due_text = models.CharField(_("原文时限"), max_length=64, blank=True)
    achieved_on = models.DateField(_("完成日期"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "due", "id"]
        verbose_name = _("节点")
        verbose_name_plural = _("节点")

    def __str__(self) -> str:
        return f"{self.due.isoformat()} {self.title}"


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="reports")
    unit = models.CharField(_("填报单位"), max_length=100, blank=True)
    text = models.TextField(_("进展情况"))
    percentage = models.PositiveSmallIntegerField(
        _("完成进度（%）"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    attachment = models.FileField(_("附件"), upload_to="planning/progress/%Y/", blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "-reported_at", "-id"]
        get_latest_by = "reported_at"
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")

    def __str__(self) -> str:
        return f"{self.task} {self.percentage}%"

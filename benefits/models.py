"""The benefit engine's records: staff edits of rules (versions), what-if scenarios, city-wide runs with
their chunks and awards. They were created in the policies app and keep its tables."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ops.chunks import ChunkState


class RuleVersion(models.Model):
    """A staff edit of one benefit rule. The newest version of a rule overrides the shipped YAML on the
    pages and in city-wide runs; the command line keeps reading the shipped files (see rule_store)."""

    rule_id = models.CharField(_("规则标识"), max_length=100, db_index=True)
    spec = models.TextField(_("规则定义(YAML)"))
    note = models.CharField(_("修改说明"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("保存时间"), auto_now_add=True)

    class Meta:
        db_table = "policies_ruleversion"  # the table it had before the benefits app existed
        ordering = ["rule_id", "-id"]
        verbose_name = _("规则版本")
        verbose_name_plural = _("规则版本")

    def __str__(self) -> str:
        return f"{self.rule_id} #{self.pk}"


class Scenario(models.Model):
    """A what-if: changes to rule parameters (a cap, a rate) evaluated beside the live rules, never
    written into them. `changes` is a list of {rule, field, value} (see benefits.scenarios)."""

    name = models.CharField(_("情景名称"), max_length=100)
    changes = models.JSONField(_("参数调整"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        db_table = "policies_scenario"  # the table it had before the benefits app existed
        ordering = ["-id"]
        verbose_name = _("测算情景")
        verbose_name_plural = _("测算情景")

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    RUNNING = "running", _("计算中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class BenefitRun(models.Model):
    """A city-wide evaluation of every organization for one year, split into chunks any worker takes."""

    year = models.PositiveSmallIntegerField(_("年度"))
    scenario = models.ForeignKey(
        Scenario,
        verbose_name=_("测算情景"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="runs",
    )
    # A scenario run is compared with this run of the live rules.
    baseline = models.ForeignKey(
        "self", verbose_name=_("对照批次"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Rule versions saved after the run started do not leak into its later chunks.
    rules_as_of = models.PositiveBigIntegerField(_("规则版本截至"), default=0)
    status = models.CharField(_("状态"), max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING)
    total = models.PositiveIntegerField(_("机构总数"), default=0)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    summary = models.JSONField(_("结果汇总"), default=dict)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        db_table = "policies_benefitrun"  # the table it had before the benefits app existed
        ordering = ["-id"]
        verbose_name = _("政策计算批次")
        verbose_name_plural = _("政策计算批次")

    def __str__(self) -> str:
        return f"{self.year}年 #{self.pk}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total


class BenefitRunChunk(ChunkState):
    """Organizations with ids in [first_id, last_id] of one run; done once, however often retried."""

    run = models.ForeignKey(BenefitRun, on_delete=models.CASCADE, related_name="chunks")
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    size = models.PositiveIntegerField()

    class Meta:
        db_table = "policies_benefitrunchunk"  # the table it had before the benefits app existed
        ordering = ["run", "first_id"]

    def __str__(self) -> str:
        return f"{self.run} [{self.first_id}, {self.last_id}]"


class BenefitAward(models.Model):
    """One benefit an organization receives in a run (stacking losers kept with `excluded_by`)."""

    run = models.ForeignKey(BenefitRun, on_delete=models.CASCADE, related_name="awards")
    organization = models.ForeignKey("registry.Organization", on_delete=models.CASCADE, related_name="+")
    rule_id = models.CharField(_("规则标识"), max_length=100)
    policy = models.CharField(_("政策"), max_length=100)
    title = models.CharField(_("名称"), max_length=300)
    department = models.CharField(_("责任部门"), max_length=200)
    budget_line = models.CharField(_("资金渠道"), max_length=200)
    amount = models.DecimalField(_("金额(元)"), max_digits=16, decimal_places=2)
    excluded_by = models.CharField(_("被就高排除"), max_length=100, blank=True)

    class Meta:
        db_table = "policies_benefitaward"  # the table it had before the benefits app existed
        ordering = ["run", "rule_id", "-amount"]
        indexes = [models.Index(fields=["run", "rule_id"])]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.amount}"

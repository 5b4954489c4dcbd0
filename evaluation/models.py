"""Performance evaluation (绩效评价) of platforms: index systems with their indicators and grade rules,
yearly rounds, the platforms' submissions with pre-filled values, expert reviews, results, objections
during 公示 and the consequences of a published grade.

An index system is versioned and frozen when a round opens: from then on its system, indicators and
grade rules refuse every change (`FrozenIndexSystem`), whoever asks — a page, the admin or the API — so a
published grade can always be traced to the rules it was computed by. A change is a new version.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from evaluation.vocabulary import (
    ConsequenceKind,
    Grade,
    IndexStatus,
    Method,
    ObjectionStatus,
    ReviewStatus,
    RoundStatus,
    SubmissionStatus,
)
from registry.models import Person, Platform, Region

USER = settings.AUTH_USER_MODEL
POINTS = {"max_digits": 7, "decimal_places": 2}
VALUE = {"max_digits": 20, "decimal_places": 4}


class FrozenIndexSystem(ValidationError):
    """An edit of an index system that a round has frozen."""


class IndexSystem(models.Model):
    """指标体系: the indicators, weights and grade rules that one kind of platform is evaluated by."""

    code = models.CharField(_("体系代码"), max_length=64)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    name = models.CharField(_("名称"), max_length=200)
    platform_types = models.JSONField(_("适用平台类型"), default=list)
    region = models.ForeignKey(Region, verbose_name=_("适用地区"), on_delete=models.PROTECT, related_name="+")
    policy = models.CharField(_("政策依据"), max_length=200, blank=True)
    clause = models.CharField(_("条款"), max_length=64, blank=True)
    clause_text = models.TextField(_("条款原文"), blank=True)
    bonus_cap = models.DecimalField(
        _("加分上限"), default=Decimal(0), validators=[MinValueValidator(Decimal(0))], **POINTS
    )
    failures_to_revoke = models.PositiveSmallIntegerField(
        _("连续不合格几次撤销"), default=2, help_text=_("连续这么多轮评价不合格的平台撤销认定。")
    )
    rectification_days = models.PositiveSmallIntegerField(_("整改期限（天）"), default=180)
    reward_days = models.PositiveSmallIntegerField(_("奖补兑现期限（天）"), default=90)
    status = models.CharField(
        _("状态"), max_length=16, choices=IndexStatus.choices, default=IndexStatus.DRAFT
    )
    frozen_at = models.DateTimeField(_("冻结时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("指标体系")
        verbose_name_plural = _("指标体系")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="index_system_version")]

    def __str__(self) -> str:
        return f"{self.name}（v{self.version}）"

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            # A frozen system refuses every write; freezing a draft (systems.freeze) is its last one.
            stored = IndexSystem.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == IndexStatus.FROZEN:
                raise FrozenIndexSystem(_("指标体系已冻结（已有评价轮次使用），不能修改；请另建新版本。"))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("evaluation:system", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.frozen:
            raise FrozenIndexSystem(_("指标体系已冻结（已有评价轮次使用），不能删除。"))
        return super().delete(*args, **kwargs)

    @property
    def frozen(self) -> bool:
        return self.status == IndexStatus.FROZEN


class FrozenWithSystem(models.Model):
    """A part of an index system: refuses to change once its system is frozen."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self._refuse_when_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_when_frozen()
        return super().delete(*args, **kwargs)

    def _refuse_when_frozen(self) -> None:
        if IndexSystem.objects.filter(pk=self.system_id, status=IndexStatus.FROZEN).exists():
            raise FrozenIndexSystem(_("指标体系已冻结（已有评价轮次使用），不能修改；请另建新版本。"))


class IndexIndicator(FrozenWithSystem):
    """One indicator: its weight (points), where its value comes from and how the value scores.

    `expression` is the score in the benefit rules' expression language (benefits.calculator.expressions),
    reading `value`, `target`, `weight`, `rank`, `cohort` and `expert`; the result is kept between 0 and
    `weight`. A bonus indicator's points count towards the system's bonus cap instead of the 100."""

    system = models.ForeignKey(
        IndexSystem, verbose_name=_("指标体系"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("指标代码"), max_length=48)
    name = models.CharField(_("指标名称"), max_length=200)
    category = models.CharField(_("一级指标"), max_length=100, blank=True)
    weight = models.DecimalField(_("分值"), validators=[MinValueValidator(Decimal(0))], **POINTS)
    is_bonus = models.BooleanField(_("加分项"), default=False)
    method = models.CharField(_("计分方法"), max_length=16, choices=Method.choices)
    expression = models.TextField(_("计分公式"))
    target = models.DecimalField(_("目标值"), null=True, blank=True, **VALUE)
    higher_is_better = models.BooleanField(_("越大越好"), default=True)
    source = models.CharField(_("数据来源"), max_length=64, blank=True)
    unit = models.CharField(_("计量单位"), max_length=16, blank=True)
    description = models.TextField(_("评分标准"), blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["system_id", "order", "id"]
        verbose_name = _("评价指标")
        verbose_name_plural = _("评价指标")
        constraints = [models.UniqueConstraint(fields=["system", "code"], name="indicator_code_in_system")]

    def __str__(self) -> str:
        return self.name


class GradeRule(FrozenWithSystem):
    """A grade and what earns it: a score at least `min_score` and, where set, a rank in the cohort at most
    `max_rank` or within the best `max_share` of it. Rules are tried best grade first."""

    system = models.ForeignKey(
        IndexSystem, verbose_name=_("指标体系"), on_delete=models.CASCADE, related_name="grade_rules"
    )
    grade = models.CharField(_("等次"), max_length=16, choices=Grade.choices)
    min_score = models.DecimalField(_("最低得分"), **POINTS)
    max_rank = models.PositiveSmallIntegerField(_("名次不低于"), null=True, blank=True)
    max_share = models.DecimalField(
        _("位于前百分比"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("如 0.3 表示前30%。"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["system_id", "-min_score", "id"]
        verbose_name = _("等次规则")
        verbose_name_plural = _("等次规则")
        constraints = [models.UniqueConstraint(fields=["system", "grade"], name="one_rule_per_grade")]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} ≥ {self.min_score}"


class IndexSystemEdit(models.Model):
    """One edit of an index system saved from its page: who, when, why, and each change as before → after.
    An edit of a frozen version is saved as a new version: `system` is that version, `based_on` the
    frozen one it started from."""

    system = models.ForeignKey(
        IndexSystem, verbose_name=_("指标体系"), on_delete=models.CASCADE, related_name="edits"
    )
    based_on = models.ForeignKey(
        IndexSystem,
        verbose_name=_("所据版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_by = models.ForeignKey(
        USER, verbose_name=_("修改人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(_("修改时间"), auto_now_add=True)
    note = models.TextField(_("修改说明"))
    # [{"item": what changed (an indicator's name, a grade), "field": its label, "before": …, "after": …}]
    changes = models.JSONField(_("修改内容"), default=list)

    class Meta:
        ordering = ["-edited_at", "-id"]
        verbose_name = _("指标体系修改记录")
        verbose_name_plural = _("指标体系修改记录")

    def __str__(self) -> str:
        return f"{self.system} · {self.edited_at:%Y-%m-%d %H:%M}"


class Round(models.Model):
    """A yearly evaluation round (年度绩效评价) of the platforms one index system applies to in a region."""

    system = models.ForeignKey(
        IndexSystem, verbose_name=_("指标体系"), on_delete=models.PROTECT, related_name="rounds"
    )
    year = models.PositiveSmallIntegerField(_("评价年度"))
    title = models.CharField(_("名称"), max_length=200)
    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("状态"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    submission_deadline = models.DateField(_("填报截止日期"), null=True, blank=True)
    reviewers_per_submission = models.PositiveSmallIntegerField(_("每个平台的评审专家数"), default=2)
    opened_at = models.DateTimeField(_("启动时间"), null=True, blank=True)
    publicity_start = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_end = models.DateField(_("公示结束"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    document = models.CharField(_("发布文号"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title", "id"]
        verbose_name = _("评价轮次")
        verbose_name_plural = _("评价轮次")
        constraints = [models.UniqueConstraint(fields=["system", "year", "region"], name="one_round_a_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:round", args=[self.pk])


class Submission(models.Model):
    """A platform's form in a round: one value per indicator, pre-filled from the data the system holds."""

    round = models.ForeignKey(
        Round, verbose_name=_("评价轮次"), on_delete=models.CASCADE, related_name="submissions"
    )
    platform = models.ForeignKey(
        Platform, verbose_name=_("平台"), on_delete=models.PROTECT, related_name="evaluation_submissions"
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    note = models.TextField(_("情况说明"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER, verbose_name=_("提交人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["round_id", "platform__name", "id"]
        verbose_name = _("评价填报")
        verbose_name_plural = _("评价填报")
        constraints = [models.UniqueConstraint(fields=["round", "platform"], name="one_submission_a_round")]

    def __str__(self) -> str:
        return f"{self.platform} · {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:submission", args=[self.pk])


class SubmissionValue(models.Model):
    """One indicator's value in a submission, beside what the data said (`prefilled`) and where from."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("评价填报"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        IndexIndicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("填报值"), null=True, blank=True, **VALUE)
    prefilled = models.DecimalField(_("系统预填值"), null=True, blank=True, **VALUE)
    source_label = models.CharField(_("数据来源"), max_length=200, blank=True)
    evidence = models.TextField(_("佐证"), blank=True)
    explanation = models.TextField(
        _("填报说明"), blank=True, help_text=_("与系统数据不一致时写明理由和佐证。")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__order", "indicator_id"]
        verbose_name = _("填报值")
        verbose_name_plural = _("填报值")
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="one_value_an_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    @property
    def changed(self) -> bool:
        """The platform reported something other than what the data said."""
        return self.prefilled is not None and self.value != self.prefilled


class Review(models.Model):
    """One expert's scores (0–100) of a submission's expert-scored indicators."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("评价填报"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        Person, verbose_name=_("评审专家"), on_delete=models.PROTECT, related_name="evaluation_reviews"
    )
    scores = models.JSONField(_("各指标评分"), default=dict)
    comment = models.TextField(_("评审意见"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.ASSIGNED
    )
    assigned_by = models.ForeignKey(
        USER, verbose_name=_("指派人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("指派时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("评分时间"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submission_id", "reviewer__name", "id"]
        verbose_name = _("专家评审")
        verbose_name_plural = _("专家评审")
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="one_review_an_expert")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.submission}"


class ReviewerDraw(models.Model):
    """A random draw of reviewers for one submission (随机抽取评审专家), logged so that anyone can redo it:
    the pool as it stood (person ids, ascending), who was left out and why, the seed and whom it drew.
    A log row is written once and never changed."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("评价填报"), on_delete=models.CASCADE, related_name="draws"
    )
    wanted = models.PositiveSmallIntegerField(_("抽取人数"))
    seed = models.PositiveBigIntegerField(_("随机种子"))
    pool = models.JSONField(_("专家库"), default=list)
    excluded = models.JSONField(_("回避与已指派"), default=dict)  # {person id: [reasons]}
    drawn = models.JSONField(_("抽取结果"), default=list)  # person ids in the order drawn
    drawn_by = models.ForeignKey(
        USER, verbose_name=_("抽取人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(_("抽取时间"), auto_now_add=True)

    class Meta:
        ordering = ["submission_id", "drawn_at", "id"]
        verbose_name = _("评审专家抽取记录")
        verbose_name_plural = _("评审专家抽取记录")

    def __str__(self) -> str:
        return f"{self.submission} · {self.seed}"


class Result(models.Model):
    """A submission's score, points per indicator, rank in the round and grade."""

    submission = models.OneToOneField(
        Submission, verbose_name=_("评价填报"), on_delete=models.CASCADE, related_name="result"
    )
    score = models.DecimalField(_("总分"), **POINTS)
    breakdown = models.JSONField(_("各指标得分"), default=list)
    rank = models.PositiveIntegerField(_("名次"))
    cohort = models.PositiveIntegerField(_("参评数"))
    grade = models.CharField(_("等次"), max_length=16, choices=Grade.choices)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submission__round_id", "rank", "id"]
        verbose_name = _("评价结果")
        verbose_name_plural = _("评价结果")

    def __str__(self) -> str:
        return f"{self.submission.platform} {self.score} {self.get_grade_display()}"


class Objection(models.Model):
    """An objection (异议) raised during 公示, and how the bureau handled it."""

    result = models.ForeignKey(
        Result, verbose_name=_("评价结果"), on_delete=models.CASCADE, related_name="objections"
    )
    text = models.TextField(_("异议内容"))
    filed_by = models.ForeignKey(
        USER, verbose_name=_("提出人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    status = models.CharField(
        _("处理状态"), max_length=16, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    response = models.TextField(_("处理意见"), blank=True)
    handled_by = models.ForeignKey(
        USER, verbose_name=_("处理人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")

    def __str__(self) -> str:
        return f"{self.result.submission.platform}: {self.text[:30]}"


class Consequence(models.Model):
    """What a published grade leads to: a reward to pay, a rectification, a revocation; each a ledger task."""

    result = models.ForeignKey(
        Result, verbose_name=_("评价结果"), on_delete=models.CASCADE, related_name="consequences"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=ConsequenceKind.choices)
    deadline = models.DateField(_("期限"), null=True, blank=True)
    task = models.ForeignKey(
        "planning.Task",
        verbose_name=_("台账任务"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["result_id", "id"]
        verbose_name = _("评价结果运用")
        verbose_name_plural = _("评价结果运用")
        constraints = [models.UniqueConstraint(fields=["result", "kind"], name="one_consequence_a_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.result.submission.platform}"

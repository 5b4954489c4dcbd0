"""The matching app's records: the search index and vocabulary, match weights, the closed loop from a
need's candidates to an agreement draft, open challenges (揭榜挂帅), expert profiles and push notices."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ops.chunks import ChunkState

MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
USER = settings.AUTH_USER_MODEL


class Kind(models.TextChoices):
    """Every kind of record the search index holds (contract 8)."""

    ORGANIZATION = "organization", _("机构")
    PLATFORM = "platform", _("创新平台")
    PERSON = "person", _("专家人才")
    INSTRUMENT = "instrument", _("仪器设备")
    ACHIEVEMENT = "achievement", _("科技成果")
    NEED = "need", _("技术需求")
    POLICY = "policy", _("政策文件")
    CLAUSE = "clause", _("政策条款")
    CHALLENGE = "challenge", _("揭榜挂帅")


class SearchDocument(models.Model):
    """One indexed record. `terms` and `body_terms` hold the segmented text (space-separated terms with
    pinyin) that the database's full-text index reads: an FTS5 table on SQLite, a generated tsvector
    column on PostgreSQL (matching.backends); `title` and `body` keep the original text for highlights."""

    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField(_("记录编号"))
    # The organization kind, platform type … that facets and candidate filters ask for.
    subkind = models.CharField(_("子类型"), max_length=48, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("正文"), blank=True)
    terms = models.TextField(_("标题词"))
    body_terms = models.TextField(_("正文词"), blank=True)
    region = models.CharField(_("地区"), max_length=6, blank=True)
    field = models.CharField(_("领域"), max_length=200, blank=True)
    level = models.CharField(_("级别"), max_length=16, blank=True)
    organization_id = models.BigIntegerField(_("所属机构"), null=True, blank=True)
    public = models.BooleanField(_("公开"), default=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once")]
        indexes = [models.Index(fields=["kind", "subkind"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class Synonym(models.Model):
    """A group of words that mean the same to a searcher (动力电池 ≈ 锂电池 ≈ 锂离子电池), kept by staff."""

    words = models.CharField(
        _("同义词"), max_length=500, help_text=_("用顿号、逗号或空格分隔，例如 动力电池、锂电池")
    )
    industry = models.CharField(_("所属行业"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("添加人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["industry", "id"]
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词词表")

    def __str__(self) -> str:
        return self.words

    def word_list(self) -> list[str]:
        from matching.text import normalize

        return [word for word in normalize(self.words).replace("、", " ").replace(",", " ").split() if word]


class RebuildStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("重建中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class IndexRebuild(models.Model):
    """One rebuild of the search index, split into chunks that any task worker may take."""

    status = models.CharField(
        _("状态"), max_length=16, choices=RebuildStatus.choices, default=RebuildStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("记录总数"), default=0)
    done = models.PositiveIntegerField(_("已索引"), default=0)
    chunks = models.PositiveIntegerField(_("分块数"), default=0)
    chunks_done = models.PositiveIntegerField(_("已完成分块"), default=0)
    requested_by = models.ForeignKey(
        USER, verbose_name=_("发起人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("索引重建")
        verbose_name_plural = _("索引重建")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"

    @property
    def percent(self) -> int:
        if self.status == RebuildStatus.DONE:
            return 100
        return min(self.done, self.total) * 100 // self.total if self.total else 0

    @property
    def running(self) -> bool:
        return self.status in {RebuildStatus.QUEUED, RebuildStatus.RUNNING}


class IndexRebuildChunk(ChunkState):
    """Records of one kind with ids in [first_id, last_id] of one rebuild; written once however often
    retried (matching.tasks)."""

    rebuild = models.ForeignKey(IndexRebuild, on_delete=models.CASCADE, related_name="parts")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()

    class Meta:
        ordering = ["rebuild", "kind", "first_id"]

    def __str__(self) -> str:
        return f"{self.rebuild} {self.kind} [{self.first_id}, {self.last_id}]"


class MatchWeights(models.Model):
    """Staff-tuned weights of the match factors for one candidate kind (defaults in matching.scoring)."""

    kind = models.CharField(_("候选类型"), max_length=16, choices=Kind.choices, unique=True)
    weights = models.JSONField(_("权重"), default=dict)
    updated_by = models.ForeignKey(
        USER, verbose_name=_("修改人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("匹配权重")
        verbose_name_plural = _("匹配权重")

    def __str__(self) -> str:
        return self.get_kind_display()


class PreviewNeed(models.Model):
    """The fixed set of needs on which staff see the effect of new weights before saving them."""

    need = models.OneToOneField(
        "registry.TechnologyNeed", verbose_name=_("技术需求"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("权重预览需求")
        verbose_name_plural = _("权重预览需求")

    def __str__(self) -> str:
        return str(self.need)


# ---- The closed loop ---------------------------------------------------------------------------------


class CandidateStatus(models.TextChoices):
    PROPOSED = "proposed", _("已推荐")
    CONTACTED = "contacted", _("已联系")
    ACCEPTED = "accepted", _("已达成意向")
    DECLINED = "declined", _("已婉拒")


class DeclineReason(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("技术方向不对口")
    PRICE = "price", _("价格或预算不合适")
    NO_CAPACITY = "no_capacity", _("对方没有能力或档期")
    DISTANCE = "distance", _("距离太远，服务不便")
    CHOSE_OTHER = "chose_other", _("已选择其他方案")
    NO_RESPONSE = "no_response", _("对方未回复")
    OTHER = "other", _("其他原因")


class MatchCandidate(models.Model):
    """A candidate proposed for a need, as it moves through contact to acceptance or decline."""

    need = models.ForeignKey(
        "registry.TechnologyNeed",
        verbose_name=_("技术需求"),
        on_delete=models.CASCADE,
        related_name="match_candidates",
    )
    kind = models.CharField(_("候选类型"), max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField(_("候选记录"))
    title = models.CharField(_("候选名称"), max_length=300)
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("候选所属机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rank = models.PositiveSmallIntegerField(_("排名"))
    score = models.FloatField(_("匹配分"))
    reasons = models.JSONField(_("匹配理由"), default=list)
    status = models.CharField(
        _("状态"), max_length=16, choices=CandidateStatus.choices, default=CandidateStatus.PROPOSED
    )
    decline_reason = models.CharField(_("婉拒原因"), max_length=16, choices=DeclineReason.choices, blank=True)
    decline_note = models.TextField(_("补充说明"), blank=True)
    proposed_at = models.DateTimeField(_("推荐时间"), auto_now_add=True)
    contacted_at = models.DateTimeField(_("联系时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    updated_by = models.ForeignKey(
        USER, verbose_name=_("经办人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["need", "rank"]
        verbose_name = _("对接候选")
        verbose_name_plural = _("对接候选")
        constraints = [models.UniqueConstraint(fields=["need", "kind", "object_id"], name="candidate_once")]

    def __str__(self) -> str:
        return f"{self.need} ← {self.title}"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REGISTERED = "registered", _("已登记")
    CANCELLED = "cancelled", _("已撤销")


class AgreementDraft(models.Model):
    """The draft of a technology agreement an accepted candidate opens. The technology-contract app
    reads drafts (`matching.loop.open_drafts`) and calls `matching.loop.mark_registered` when the
    contract is registered, which moves the funnel's last step."""

    candidate = models.OneToOneField(
        MatchCandidate, verbose_name=_("对接候选"), on_delete=models.PROTECT, related_name="agreement"
    )
    need = models.ForeignKey(
        "registry.TechnologyNeed",
        verbose_name=_("技术需求"),
        on_delete=models.PROTECT,
        related_name="agreement_drafts",
    )
    buyer = models.ForeignKey(
        "registry.Organization", verbose_name=_("委托方（买方）"), on_delete=models.PROTECT, related_name="+"
    )
    seller = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("受托方（卖方）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    seller_person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("受托专家"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("合同名称"), max_length=300)
    contract_type = models.CharField(
        _("合同类型"),
        max_length=16,
        default="development",
        choices=[
            ("development", _("技术开发")),
            ("transfer", _("技术转让")),
            ("licensing", _("技术许可")),
            ("consulting", _("技术咨询")),
            ("service", _("技术服务")),
        ],
    )
    amount_yuan = models.DecimalField(_("合同金额（元）"), null=True, blank=True, **MONEY)
    status = models.CharField(
        _("状态"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    registration_no = models.CharField(_("登记编号"), max_length=64, blank=True)
    registered_on = models.DateField(_("登记日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("合同草稿")
        verbose_name_plural = _("合同草稿")

    def __str__(self) -> str:
        return self.title


# ---- Open challenges (揭榜挂帅) -------------------------------------------------------------------------


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("张榜中")
    REVIEWING = "reviewing", _("评审中")
    AWARDED = "awarded", _("已揭榜")
    CLOSED = "closed", _("已结束")


class Challenge(models.Model):
    title = models.CharField(_("榜单名称"), max_length=200)
    goal = models.TextField(_("攻关目标"))
    field = models.CharField(_("技术领域"), max_length=100)
    budget_yuan = models.DecimalField(_("榜单金额（元）"), **MONEY)
    deadline = models.DateField(_("揭榜截止日期"))
    conditions = models.TextField(_("揭榜条件"), blank=True)
    publisher = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("发榜单位"),
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+"
    )
    reviewers_per_challenge = models.PositiveSmallIntegerField(
        _("评审专家人数"), default=3, validators=[MinValueValidator(1)]
    )
    max_reviews_per_year = models.PositiveSmallIntegerField(
        _("每位专家每年最多评审次数"), default=5, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    winner = models.ForeignKey(
        "ChallengeApplication",
        verbose_name=_("揭榜团队"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("揭榜挂帅榜单")
        verbose_name_plural = _("揭榜挂帅榜单")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:challenge_detail", args=[self.pk])


class Criterion(models.Model):
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("评审指标"), max_length=100)
    guidance = models.CharField(_("填写说明"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("权重（%）"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["challenge", "order", "id"]
        verbose_name = _("评审指标")
        verbose_name_plural = _("评审指标")

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}%）"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    AWARDED = "awarded", _("揭榜成功")
    NOT_AWARDED = "not_awarded", _("未入选")


class ChallengeApplication(models.Model):
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE, related_name="applications"
    )
    team_name = models.CharField(_("团队名称"), max_length=200)
    applicant = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("牵头单位"),
        on_delete=models.PROTECT,
        related_name="challenge_applications",
    )
    co_applicants = models.ManyToManyField(
        "registry.Organization",
        verbose_name=_("联合单位"),
        blank=True,
        related_name="co_challenge_applications",
    )
    members = models.ManyToManyField(
        "registry.Person", verbose_name=_("团队成员"), blank=True, related_name="challenge_applications"
    )
    answers = models.JSONField(_("按评审指标填写的内容"), default=dict)
    status = models.CharField(
        _("状态"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        USER, verbose_name=_("提交人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[co_applicants, members])

    class Meta:
        ordering = ["challenge", "id"]
        verbose_name = _("揭榜申请")
        verbose_name_plural = _("揭榜申请")

    def __str__(self) -> str:
        return self.team_name


class ReviewerDraw(models.Model):
    """One random draw of reviewers: the seed and the constraints are kept so anyone can redo it."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE, related_name="draws"
    )
    seed = models.BigIntegerField(_("随机种子"))
    constraints = models.JSONField(_("抽取条件"), default=dict)
    pool = models.JSONField(_("候选专家"), default=list)
    excluded = models.JSONField(_("回避与排除"), default=list)
    drawn = models.JSONField(_("抽中专家"), default=list)
    drawn_by = models.ForeignKey(
        USER, verbose_name=_("抽取人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(_("抽取时间"), auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("专家抽取记录")
        verbose_name_plural = _("专家抽取记录")

    def __str__(self) -> str:
        return f"{self.challenge} #{self.pk} seed={self.seed}"


class ReviewStatus(models.TextChoices):
    INVITED = "invited", _("已邀请")
    SUBMITTED = "submitted", _("已评分")


class Review(models.Model):
    """One reviewer's scores of one application, per criterion 0–100."""

    application = models.ForeignKey(
        ChallengeApplication, verbose_name=_("揭榜申请"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        "registry.Person",
        verbose_name=_("评审专家"),
        on_delete=models.PROTECT,
        related_name="challenge_reviews",
    )
    draw = models.ForeignKey(
        ReviewerDraw,
        verbose_name=_("抽取记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    scores = models.JSONField(_("各指标得分"), default=dict)
    comment = models.TextField(_("评审意见"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.INVITED
    )
    invited_at = models.DateTimeField(_("邀请时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("评分时间"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("评审")
        verbose_name_plural = _("评审")
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="review_once")]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"


class MilestoneStatus(models.TextChoices):
    PENDING = "pending", _("待验收")
    ACCEPTED = "accepted", _("已验收，已拨付")


class Milestone(models.Model):
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("里程碑"), max_length=200)
    due = models.DateField(_("计划完成日期"))
    payment_yuan = models.DecimalField(_("拨付金额（元）"), **MONEY)
    status = models.CharField(
        _("状态"), max_length=16, choices=MilestoneStatus.choices, default=MilestoneStatus.PENDING
    )
    accepted_at = models.DateTimeField(_("验收时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        USER, verbose_name=_("验收人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["challenge", "due", "id"]
        verbose_name = _("里程碑")
        verbose_name_plural = _("里程碑")

    def __str__(self) -> str:
        return self.title


# ---- Expert library ------------------------------------------------------------------------------------


class ProfileStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已入库")
    REJECTED = "rejected", _("退回修改")


class ExpertProfile(models.Model):
    """What an expert states about themself, kept by the expert and approved by the bureau."""

    person = models.OneToOneField(
        "registry.Person", verbose_name=_("专家"), on_delete=models.CASCADE, related_name="expert_profile"
    )
    stated_fields = models.CharField(_("自述专业领域"), max_length=300, blank=True)
    achievements = models.ManyToManyField(
        "registry.Achievement", verbose_name=_("参与的科技成果"), blank=True, related_name="contributors"
    )
    statement = models.TextField(_("个人陈述"), blank=True)
    available = models.BooleanField(_("可接受对接与评审"), default=True)
    status = models.CharField(
        _("入库状态"), max_length=16, choices=ProfileStatus.choices, default=ProfileStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        USER, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[achievements])

    class Meta:
        verbose_name = _("专家档案")
        verbose_name_plural = _("专家库")

    def __str__(self) -> str:
        return str(self.person)


# ---- Subscriptions and push ----------------------------------------------------------------------------


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Subscription(models.Model):
    user = models.ForeignKey(
        USER, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="matching_subscriptions"
    )
    kinds = models.JSONField(_("订阅内容"), default=list)
    keywords = models.CharField(_("领域关键词"), max_length=300, blank=True)
    region = models.CharField(_("地区代码"), max_length=6, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("订阅时间"), auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("订阅")
        verbose_name_plural = _("订阅")

    def __str__(self) -> str:
        return f"{self.user} · {self.keywords}"


class Notice(models.Model):
    """An in-app notice of one new record for one user: at most one per user and record."""

    user = models.ForeignKey(
        USER, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="matching_notices"
    )
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("订阅"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField(_("记录编号"))
    title = models.CharField(_("标题"), max_length=300)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("推送时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    digested_at = models.DateTimeField(_("摘要发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "object_id"], name="notice_once")]

    def __str__(self) -> str:
        return self.title

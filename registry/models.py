"""The registry of innovation resources: organizations, platforms, people, instruments,
achievements and technology needs, with regions and the audit trail of every change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ops.chunks import ChunkState
from registry.search import text_search
from registry.validators import validate_uscc
from registry.vocabulary import (
    AchievementMaturity,
    InstrumentStatus,
    Level,
    NeedStatus,
    OrganizationKind,
    PersonCategory,
    PlatformStage,
    PlatformType,
    QualificationType,
    TransferMode,
)

MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("地级")
    COUNTY = "county", _("县级")


class Region(models.Model):
    """A GB/T 2260 administrative division, loaded from the official codes (see load_regions)."""

    code = models.CharField(_("行政区划代码"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("层级"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        names = [region.name for region in self.lineage()]
        return "".join(names)

    def lineage(self) -> list[Region]:
        """Province first, this region last."""
        chain: list[Region] = []
        node: Region | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def enterprises(self) -> OrganizationQuerySet:
        return self.filter(kind=OrganizationKind.ENTERPRISE)

    def holding(self, qualification: str, on: dt.date | None = None) -> OrganizationQuerySet:
        """Organizations holding a qualification that is valid on a date (today by default)."""
        on = on or dt.date.today()
        valid = Qualification.objects.filter(type=qualification, granted__lte=on).filter(
            models.Q(expires__isnull=True) | models.Q(expires__gte=on)
        )
        return self.filter(pk__in=valid.values("organization_id"))

    def search(self, text: str) -> OrganizationQuerySet:
        text = text.strip()
        if not text:
            return self
        matches = text_search(self, text, ["name", "industry"])
        # Only a text as long as a USCC can be one; an OR that cannot match would still slow SQLite down.
        if len(text) == self.model._meta.get_field("uscc").max_length:
            matches |= models.Q(uscc=text.upper())
        return self.filter(matches)


class Organization(models.Model):
    name = models.CharField(_("名称"), max_length=200, db_index=True)
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_uscc],
        help_text=_("18位，含GB 32100-2015校验位"),
    )
    kind = models.CharField(_("机构类型"), max_length=32, choices=OrganizationKind.choices, db_index=True)
    region = models.ForeignKey(Region, verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="+")
    industry = models.CharField(_("所属行业"), max_length=100, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    founded = models.DateField(_("成立日期"), null=True, blank=True)
    above_designated_size = models.BooleanField(_("规模以上"), default=False)
    website = models.URLField(_("网站"), blank=True)
    description = models.TextField(_("简介"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        indexes = [models.Index(fields=["kind", "region"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:organization_detail", args=[self.pk])


class Qualification(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="qualifications"
    )
    type = models.CharField(_("资质类型"), max_length=32, choices=QualificationType.choices, db_index=True)
    granted = models.DateField(_("认定日期"))
    expires = models.DateField(_("有效期至"), null=True, blank=True)
    certificate_no = models.CharField(_("证书编号"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted"]
        verbose_name = _("资质")
        verbose_name_plural = _("资质")

    def __str__(self) -> str:
        return f"{self.get_type_display()}（{self.granted.isoformat()}）"

    def clean(self) -> None:
        if self.expires and self.granted and self.expires < self.granted:
            raise ValidationError({"expires": "有效期至不能早于认定日期。"})

    def is_valid_on(self, day: dt.date) -> bool:
        return self.granted <= day and (self.expires is None or day <= self.expires)


class AnnualData(models.Model):
    """Yearly figures an enterprise reports; never shown to the public."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="annual_data"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    revenue = models.DecimalField(_("营业收入（元）"), null=True, blank=True, **MONEY)
    rd_expense = models.DecimalField(_("研发费用（元）"), null=True, blank=True, **MONEY)
    high_tech_revenue = models.DecimalField(_("高新技术产品收入（元）"), null=True, blank=True, **MONEY)
    employees = models.PositiveIntegerField(_("从业人员"), null=True, blank=True)
    rd_staff = models.PositiveIntegerField(_("研发人员"), null=True, blank=True)
    invention_patents = models.PositiveIntegerField(_("有效发明专利"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度数据")
        verbose_name_plural = _("年度数据")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="annual_data_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年"

    @property
    def rd_intensity(self) -> Decimal | None:
        if not self.revenue or self.rd_expense is None:
            return None
        return self.rd_expense / self.revenue


class PlatformQuerySet(models.QuerySet["Platform"]):
    def approved(self) -> PlatformQuerySet:
        return self.filter(stage=PlatformStage.APPROVED)

    def cultivation_pool(self) -> PlatformQuerySet:
        return self.filter(
            stage__in=[PlatformStage.RESERVE, PlatformStage.CULTIVATING, PlatformStage.APPLYING]
        )

    def search(self, text: str) -> PlatformQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(text_search(self, text, ["name", "host__name", "field"]))


class Platform(models.Model):
    """An innovation platform. `level` is the highest level it is approved at (blank until approved)."""

    name = models.CharField(_("平台名称"), max_length=200, db_index=True)
    platform_type = models.CharField(
        _("平台类型"), max_length=48, choices=PlatformType.choices, db_index=True
    )
    level = models.CharField(_("当前级别"), max_length=16, choices=Level.choices, blank=True, db_index=True)
    target_level = models.CharField(_("培育目标级别"), max_length=16, choices=Level.choices, blank=True)
    stage = models.CharField(
        _("生命周期阶段"),
        max_length=16,
        choices=PlatformStage.choices,
        default=PlatformStage.RESERVE,
        db_index=True,
    )
    host = models.ForeignKey(
        Organization, verbose_name=_("依托单位"), on_delete=models.PROTECT, related_name="hosted_platforms"
    )
    partners = models.ManyToManyField(
        Organization, verbose_name=_("共建单位"), blank=True, related_name="partner_platforms"
    )
    competent_department = models.ForeignKey(
        Organization,
        verbose_name=_("主管部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_platforms",
        limit_choices_to={"kind": OrganizationKind.GOVERNMENT_DEPARTMENT},
    )
    region = models.ForeignKey(Region, verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="+")
    field = models.CharField(_("技术领域"), max_length=100, blank=True)
    established = models.DateField(_("组建日期"), null=True, blank=True)
    description = models.TextField(_("简介"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[partners])
    objects = PlatformQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("创新平台")
        verbose_name_plural = _("创新平台")
        indexes = [models.Index(fields=["stage", "platform_type", "level"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:platform_detail", args=[self.pk])


class PlatformEventQuerySet(models.QuerySet["PlatformEvent"]):
    def approvals(self) -> PlatformEventQuerySet:
        """Approvals (认定) at a level: a platform back in 认定 after 整改完成 holds the level it already had,
        so that step is not an approval again (rules would pay the approval reward twice, indicators count the
        platform twice)."""
        previous = (
            PlatformEvent.objects.filter(platform=models.OuterRef("platform"))
            .filter(
                models.Q(date__lt=models.OuterRef("date"))
                | models.Q(date=models.OuterRef("date"), pk__lt=models.OuterRef("pk"))
            )
            .order_by("-date", "-pk")
            .values("stage")[:1]
        )
        return (
            self.filter(stage=PlatformStage.APPROVED)
            # A first event has no previous stage: NULL must not compare as "not 整改" and drop it.
            .alias(previous_stage=Coalesce(models.Subquery(previous), models.Value("")))
            .exclude(previous_stage=PlatformStage.RECTIFYING)
        )


class PlatformEvent(models.Model):
    """A dated step in a platform's lifecycle: entering the pool, applying, an approval at a level …"""

    platform = models.ForeignKey(
        Platform, verbose_name=_("平台"), on_delete=models.CASCADE, related_name="events"
    )
    stage = models.CharField(_("阶段"), max_length=16, choices=PlatformStage.choices)
    level = models.CharField(_("级别"), max_length=16, choices=Level.choices, blank=True)
    date = models.DateField(_("日期"))
    document = models.CharField(_("文件/文号"), max_length=200, blank=True)
    attachment = models.FileField(_("附件"), upload_to="platform-events/%Y/", blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PlatformEventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("平台生命周期事件")
        verbose_name_plural = _("平台生命周期事件")

    def __str__(self) -> str:
        level = self.get_level_display() if self.level else ""
        return f"{self.date.isoformat()} {level}{self.get_stage_display()}"


class PersonQuerySet(models.QuerySet["Person"]):
    def search(self, text: str) -> PersonQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(text_search(self, text, ["name", "fields", "organization__name"]))


class Person(models.Model):
    name = models.CharField(_("姓名"), max_length=64, db_index=True)
    category = models.CharField(
        _("类别"), max_length=16, choices=PersonCategory.choices, default=PersonCategory.EXPERT
    )
    title = models.CharField(_("职称"), max_length=64, blank=True)
    fields = models.CharField(
        _("专业领域"), max_length=200, blank=True, help_text=_("多个领域用顿号或逗号分隔")
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("所在单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    programmes = models.CharField(_("人才计划"), max_length=200, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    bio = models.TextField(_("简介"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("专家人才")
        verbose_name_plural = _("专家人才")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:person_detail", args=[self.pk])


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def search(self, text: str) -> InstrumentQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(text_search(self, text, ["name", "category", "owner__name"]))


class Instrument(models.Model):
    name = models.CharField(_("仪器名称"), max_length=200, db_index=True)
    owner = models.ForeignKey(
        Organization, verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="instruments"
    )
    category = models.CharField(_("仪器类别"), max_length=100)
    model_number = models.CharField(_("规格型号"), max_length=100, blank=True)
    value_yuan = models.DecimalField(_("原值（元）"), **MONEY)
    location = models.CharField(_("放置地点"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=InstrumentStatus.choices, default=InstrumentStatus.AVAILABLE
    )
    shareable = models.BooleanField(_("对外共享"), default=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    history = HistoricalRecords()
    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("仪器设备")
        verbose_name_plural = _("仪器设备")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:instrument_detail", args=[self.pk])


class AchievementQuerySet(models.QuerySet["Achievement"]):
    def search(self, text: str) -> AchievementQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(text_search(self, text, ["title", "field", "owner__name"]))


class Achievement(models.Model):
    title = models.CharField(_("成果名称"), max_length=200, db_index=True)
    owner = models.ForeignKey(
        Organization, verbose_name=_("成果单位"), on_delete=models.PROTECT, related_name="achievements"
    )
    field = models.CharField(_("技术领域"), max_length=100)
    maturity = models.CharField(_("成熟度"), max_length=32, choices=AchievementMaturity.choices)
    transfer_mode = models.CharField(_("转化方式"), max_length=16, choices=TransferMode.choices)
    price_yuan = models.DecimalField(_("意向价格（元）"), null=True, blank=True, **MONEY)
    description = models.TextField(_("成果简介"), blank=True)
    published = models.DateField(_("发布日期"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    history = HistoricalRecords()
    objects = AchievementQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "id"]
        verbose_name = _("科技成果")
        verbose_name_plural = _("科技成果")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registry:achievement_detail", args=[self.pk])


class TechnologyNeedQuerySet(models.QuerySet["TechnologyNeed"]):
    def search(self, text: str) -> TechnologyNeedQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(text_search(self, text, ["title", "field", "enterprise__name"]))


class TechnologyNeed(models.Model):
    title = models.CharField(_("需求名称"), max_length=200, db_index=True)
    enterprise = models.ForeignKey(
        Organization, verbose_name=_("需求企业"), on_delete=models.PROTECT, related_name="technology_needs"
    )
    field = models.CharField(_("技术领域"), max_length=100)
    budget_yuan = models.DecimalField(_("预算（元）"), null=True, blank=True, **MONEY)
    deadline = models.DateField(_("截止日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    description = models.TextField(_("需求描述"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    history = HistoricalRecords()
    objects = TechnologyNeedQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("技术需求")
        verbose_name_plural = _("技术需求")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registry:need_detail", args=[self.pk])


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    VALIDATING = "validating", _("校验中")
    WRITING = "writing", _("写入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ImportJob(models.Model):
    """A large import confirmed on the import page and run by a background worker (`kechuang db_worker`)."""

    kind = models.CharField(_("资源类型"), max_length=32)
    file_name = models.CharField(_("文件名"), max_length=255)
    # The upload kept in the media storage since its dry run (registry.io.uploads).
    kept_file = models.CharField(_("暂存文件"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("总行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已校验行数"), default=0)
    errors = models.JSONField(_("错误"), default=list)
    report = models.JSONField(_("导入结果"), default=dict)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # Touched every few seconds by the worker running the job (registry.tasks): a running job whose
    # heartbeat is older than the workers' lease lost its worker and is failed with a reason.
    heartbeat_at = models.DateTimeField(_("最近心跳"), null=True, blank=True)
    # Starts of the final write; a write whose worker died is started again, up to ops.chunks.MAX_ATTEMPTS.
    write_attempts = models.PositiveSmallIntegerField(_("写入次数"), default=0)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self) -> str:
        return f"{self.file_name} #{self.pk}"

    @property
    def running(self) -> bool:
        return self.status in {ImportJobStatus.QUEUED, ImportJobStatus.VALIDATING, ImportJobStatus.WRITING}

    @property
    def retryable(self) -> bool:
        """A job that failed without reading its file to the end (its worker died) can run again: the kept
        upload is removed only once a run has finished."""
        from django.core.files.storage import default_storage

        return (
            self.status == ImportJobStatus.FAILED
            and bool(self.kept_file)
            and default_storage.exists(self.kept_file)
        )

    @property
    def percent(self) -> int:
        """Validation fills the first half of the bar; the write is one transaction, so other
        connections cannot see how far it got, and the bar reaches 100 when it commits."""
        if self.status == ImportJobStatus.DONE:
            return 100
        if self.status == ImportJobStatus.WRITING:
            return 50
        return min(self.rows_done, self.total_rows) * 50 // self.total_rows if self.total_rows else 0


class ImportChunk(ChunkState):
    """Consecutive rows of a background import: their cells as read from the file, then, once a worker
    has validated them, their parsed values and errors (registry.io.staging's JSON), until the import's
    one write transaction publishes every chunk or none (registry.tasks)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    cells = models.JSONField(default=list)
    staged = models.JSONField(default=list)
    errors = models.JSONField(default=list)

    class Meta:
        ordering = ["job", "number"]
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="import_chunk_once")]

    def __str__(self) -> str:
        return f"{self.job} #{self.number}"

"""The registry of innovation resources: organizations, platforms, people, instruments,
achievements and technology needs, with regions and the audit trail of every change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from registry.search import text_search
from registry.validators import validate_uscc
from registry.vocabulary import (
    LEVEL_RANK,
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
    PROVINCE = "province", "省级"
    CITY = "city", "地级"
    COUNTY = "county", "县级"


class RegionQuerySet(models.QuerySet["Region"]):
    def within(self, code: str) -> RegionQuerySet:
        """The region itself and everything inside it."""
        return self.filter(code__startswith=region_prefix(code))


def region_prefix(code: str) -> str:
    """The adcode digits that every region inside `code` shares: 370000 → 37, 370300 → 3703."""
    if code == "000000":
        return ""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


class Region(models.Model):
    """A GB/T 2260 administrative division, loaded from the official codes (see load_regions)."""

    code = models.CharField("行政区划代码", max_length=6, primary_key=True)
    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"

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
    def in_region(self, code: str) -> OrganizationQuerySet:
        return self.filter(region__in=Region.objects.within(code))

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
        return self.filter(text_search(self, text, ["name", "industry"]) | models.Q(uscc=text.upper()))


class Organization(models.Model):
    name = models.CharField("名称", max_length=200, db_index=True)
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc],
        help_text="18位，含GB 32100-2015校验位",
    )
    kind = models.CharField("机构类型", max_length=32, choices=OrganizationKind.choices, db_index=True)
    region = models.ForeignKey(Region, verbose_name="所在地区", on_delete=models.PROTECT, related_name="+")
    industry = models.CharField("所属行业", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    founded = models.DateField("成立日期", null=True, blank=True)
    above_designated_size = models.BooleanField("规模以上", default=False)
    website = models.URLField("网站", blank=True)
    description = models.TextField("简介", blank=True)
    is_demo = models.BooleanField("演示数据", default=False, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "机构"
        verbose_name_plural = "机构"
        indexes = [models.Index(fields=["kind", "region"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:organization_detail", args=[self.pk])


class Qualification(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="机构", on_delete=models.CASCADE, related_name="qualifications"
    )
    type = models.CharField("资质类型", max_length=32, choices=QualificationType.choices, db_index=True)
    granted = models.DateField("认定日期")
    expires = models.DateField("有效期至", null=True, blank=True)
    certificate_no = models.CharField("证书编号", max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted"]
        verbose_name = "资质"
        verbose_name_plural = "资质"

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
        Organization, verbose_name="机构", on_delete=models.CASCADE, related_name="annual_data"
    )
    year = models.PositiveSmallIntegerField("年度")
    revenue = models.DecimalField("营业收入（元）", null=True, blank=True, **MONEY)
    rd_expense = models.DecimalField("研发费用（元）", null=True, blank=True, **MONEY)
    high_tech_revenue = models.DecimalField("高新技术产品收入（元）", null=True, blank=True, **MONEY)
    employees = models.PositiveIntegerField("从业人员", null=True, blank=True)
    rd_staff = models.PositiveIntegerField("研发人员", null=True, blank=True)
    invention_patents = models.PositiveIntegerField("有效发明专利", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = "年度数据"
        verbose_name_plural = "年度数据"
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="annual_data_once_a_year")]

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

    def at_level(self, level: str) -> PlatformQuerySet:
        return self.filter(level=level)

    def at_or_above(self, level: str) -> PlatformQuerySet:
        levels = [code for code, rank in LEVEL_RANK.items() if rank >= LEVEL_RANK[Level(level)]]
        return self.filter(level__in=levels)

    def in_region(self, code: str) -> PlatformQuerySet:
        return self.filter(region__in=Region.objects.within(code))

    def cultivation_pool(self) -> PlatformQuerySet:
        return self.filter(stage__in=[PlatformStage.RESERVE, PlatformStage.CULTIVATING, PlatformStage.APPLYING])

    def search(self, text: str) -> PlatformQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(text_search(self, text, ["name", "host__name", "field"]))


class Platform(models.Model):
    """An innovation platform. `level` is the highest level it is approved at (blank until approved)."""

    name = models.CharField("平台名称", max_length=200, db_index=True)
    platform_type = models.CharField("平台类型", max_length=48, choices=PlatformType.choices, db_index=True)
    level = models.CharField("当前级别", max_length=16, choices=Level.choices, blank=True, db_index=True)
    target_level = models.CharField("培育目标级别", max_length=16, choices=Level.choices, blank=True)
    stage = models.CharField(
        "生命周期阶段", max_length=16, choices=PlatformStage.choices, default=PlatformStage.RESERVE, db_index=True
    )
    host = models.ForeignKey(
        Organization, verbose_name="依托单位", on_delete=models.PROTECT, related_name="hosted_platforms"
    )
    partners = models.ManyToManyField(
        Organization, verbose_name="共建单位", blank=True, related_name="partner_platforms"
    )
    competent_department = models.ForeignKey(
        Organization, verbose_name="主管部门", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="supervised_platforms", limit_choices_to={"kind": OrganizationKind.GOVERNMENT_DEPARTMENT},
    )
    region = models.ForeignKey(Region, verbose_name="所在地区", on_delete=models.PROTECT, related_name="+")
    field = models.CharField("技术领域", max_length=100, blank=True)
    established = models.DateField("组建日期", null=True, blank=True)
    description = models.TextField("简介", blank=True)
    is_demo = models.BooleanField("演示数据", default=False, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[partners])
    objects = PlatformQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "创新平台"
        verbose_name_plural = "创新平台"
        indexes = [models.Index(fields=["stage", "platform_type", "level"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:platform_detail", args=[self.pk])


class PlatformEvent(models.Model):
    """A dated step in a platform's lifecycle: entering the pool, applying, an approval at a level …"""

    platform = models.ForeignKey(Platform, verbose_name="平台", on_delete=models.CASCADE, related_name="events")
    stage = models.CharField("阶段", max_length=16, choices=PlatformStage.choices)
    level = models.CharField("级别", max_length=16, choices=Level.choices, blank=True)
    date = models.DateField("日期")
    document = models.CharField("文件/文号", max_length=200, blank=True)
    attachment = models.FileField("附件", upload_to="platform-events/%Y/", blank=True)
    note = models.CharField("备注", max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = "平台生命周期事件"
        verbose_name_plural = "平台生命周期事件"

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
    name = models.CharField("姓名", max_length=64, db_index=True)
    category = models.CharField("类别", max_length=16, choices=PersonCategory.choices, default=PersonCategory.EXPERT)
    title = models.CharField("职称", max_length=64, blank=True)
    fields = models.CharField("专业领域", max_length=200, blank=True, help_text="多个领域用顿号或逗号分隔")
    organization = models.ForeignKey(
        Organization, verbose_name="所在单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    programmes = models.CharField("人才计划", max_length=200, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True)
    bio = models.TextField("简介", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="登录账号", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="person",
    )
    is_demo = models.BooleanField("演示数据", default=False, editable=False)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "专家人才"
        verbose_name_plural = "专家人才"

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
    name = models.CharField("仪器名称", max_length=200, db_index=True)
    owner = models.ForeignKey(Organization, verbose_name="所属单位", on_delete=models.PROTECT, related_name="instruments")
    category = models.CharField("仪器类别", max_length=100)
    model_number = models.CharField("规格型号", max_length=100, blank=True)
    value_yuan = models.DecimalField("原值（元）", **MONEY)
    location = models.CharField("放置地点", max_length=200, blank=True)
    status = models.CharField("状态", max_length=16, choices=InstrumentStatus.choices, default=InstrumentStatus.AVAILABLE)
    shareable = models.BooleanField("对外共享", default=True)
    is_demo = models.BooleanField("演示数据", default=False, editable=False)

    history = HistoricalRecords()
    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "仪器设备"
        verbose_name_plural = "仪器设备"

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
    title = models.CharField("成果名称", max_length=200, db_index=True)
    owner = models.ForeignKey(Organization, verbose_name="成果单位", on_delete=models.PROTECT, related_name="achievements")
    field = models.CharField("技术领域", max_length=100)
    maturity = models.CharField("成熟度", max_length=32, choices=AchievementMaturity.choices)
    transfer_mode = models.CharField("转化方式", max_length=16, choices=TransferMode.choices)
    price_yuan = models.DecimalField("意向价格（元）", null=True, blank=True, **MONEY)
    description = models.TextField("成果简介", blank=True)
    published = models.DateField("发布日期", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False, editable=False)

    history = HistoricalRecords()
    objects = AchievementQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "id"]
        verbose_name = "科技成果"
        verbose_name_plural = "科技成果"

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
    title = models.CharField("需求名称", max_length=200, db_index=True)
    enterprise = models.ForeignKey(
        Organization, verbose_name="需求企业", on_delete=models.PROTECT, related_name="technology_needs"
    )
    field = models.CharField("技术领域", max_length=100)
    budget_yuan = models.DecimalField("预算（元）", null=True, blank=True, **MONEY)
    deadline = models.DateField("截止日期", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    description = models.TextField("需求描述", blank=True)
    is_demo = models.BooleanField("演示数据", default=False, editable=False)

    history = HistoricalRecords()
    objects = TechnologyNeedQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = "技术需求"
        verbose_name_plural = "技术需求"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registry:need_detail", args=[self.pk])

"""Policy documents and their clause trees. Extracted items (units, money, targets, deadlines) point at
exact spans of `PolicyDocument.text`, the normalised text the ingestion pipeline produced."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models import Region
from registry.vocabulary import Comparator


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("待审核")
    CONFIRMED = "confirmed", _("已确认")


class PolicyDocument(models.Model):
    code = models.SlugField(
        _("文件标识"), max_length=64, unique=True, help_text=_("英文短标识，例如 weihai-2023-innovation-city")
    )
    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=300, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("适用地区"), on_delete=models.PROTECT, related_name="+")
    issued_date = models.DateField(_("印发日期"), null=True, blank=True)
    effective_from = models.DateField(_("施行日期"), null=True, blank=True)
    effective_until = models.DateField(_("有效期至"), null=True, blank=True)
    source_file = models.FileField(_("原始文件"), upload_to="policies/%Y/", blank=True)
    text = models.TextField(_("规范化全文"))
    status = models.CharField(
        _("状态"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_date", "id"]
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:document_detail", args=[self.pk])

    @property
    def is_confirmed(self) -> bool:
        return self.status == DocumentStatus.CONFIRMED


class Clause(models.Model):
    """One numbered clause; `path` joins the document's own numbering with dots: 二.(一).3."""

    document = models.ForeignKey(
        PolicyDocument, verbose_name=_("政策文件"), on_delete=models.CASCADE, related_name="clauses"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    path = models.CharField(_("条款编号"), max_length=64)
    heading = models.CharField(_("标题"), max_length=300, blank=True)
    text = models.TextField(_("条文"))
    order = models.PositiveIntegerField(_("顺序"))
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "order"]
        verbose_name = _("条款")
        verbose_name_plural = _("条款")
        constraints = [
            models.UniqueConstraint(fields=["document", "path"], name="clause_path_unique_in_document")
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.heading}".strip()


def plain_number(value: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 500000.00 → 500000, 0.050 → 0.05."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class Origin(models.TextChoices):
    EXTRACTED = "extracted", _("自动提取")
    EDITED = "edited", _("人工修改")
    ADDED = "added", _("人工添加")


class Extraction(models.Model):
    """An item found in (or added to) a document, anchored to its exact span of `PolicyDocument.text`."""

    document = models.ForeignKey(
        PolicyDocument, verbose_name=_("政策文件"), on_delete=models.CASCADE, related_name="%(class)ss"
    )
    # Null for what lies outside every numbered clause: the document's own dates, goals stated before
    # the first clause, and text a person marks in the preamble or the signature block.
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("条款"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    origin = models.CharField(_("来源"), max_length=16, choices=Origin.choices, default=Origin.EXTRACTED)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["document", "start", "id"]

    @property
    def is_by_person(self) -> bool:
        return self.origin != Origin.EXTRACTED

    @property
    def span_text(self) -> str:
        return self.document.text[self.start : self.end]


class UnitRole(models.TextChoices):
    LEAD = "lead", _("牵头")
    COOPERATING = "cooperating", _("配合")


class ResponsibleUnit(Extraction):
    name = models.CharField(_("单位名称"), max_length=100, help_text=_("规范名称，例如 市工业和信息化局"))
    raw = models.CharField(_("原文写法"), max_length=200, blank=True)
    role = models.CharField(_("职责"), max_length=16, choices=UnitRole.choices, default=UnitRole.LEAD)

    class Meta(Extraction.Meta):
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class MoneyKind(models.TextChoices):
    FIXED = "fixed", _("定额")
    CAP = "cap", _("上限")
    RATIO = "ratio", _("比例")


class MoneyProvision(Extraction):
    text = models.TextField(_("原文"))
    amount_yuan = models.DecimalField(
        _("金额（元）"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("纯比例（如按增量5%）时留空"),
    )
    kind = models.CharField(_("类型"), max_length=8, choices=MoneyKind.choices)
    ratio = models.DecimalField(
        _("比例"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("5% 记为 0.05，1:1 配套记为 1"),
    )
    per_unit = models.CharField(
        _("计量单位"), max_length=32, blank=True, help_text=_("每平方米100元 记为 平方米")
    )
    beneficiary = models.CharField(_("支持对象"), max_length=200, blank=True)

    class Meta(Extraction.Meta):
        verbose_name = _("资金条款")
        verbose_name_plural = _("资金条款")

    def __str__(self) -> str:
        return self.text

    @property
    def amount_display(self) -> str:
        """万元 when the amount is a whole number of them, as policy texts write it."""
        if self.amount_yuan is None:
            return ""
        if self.amount_yuan and self.amount_yuan % 10000 == 0:
            return plain_number(self.amount_yuan / 10000) + "万元"
        return plain_number(self.amount_yuan) + "元"


class PolicyTarget(Extraction):
    text = models.TextField(_("原文"))
    # Blank when the pipeline found the number but not what it counts; the reviewer names it.
    indicator = models.CharField(_("指标"), max_length=300, blank=True)
    value = models.DecimalField(_("目标值"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("单位"), max_length=32, blank=True)
    year = models.PositiveSmallIntegerField(_("目标年份"), null=True, blank=True)
    comparator = models.CharField(
        _("比较"), max_length=2, choices=Comparator.choices, default=Comparator.AT_LEAST
    )

    class Meta(Extraction.Meta):
        verbose_name = _("目标指标")
        verbose_name_plural = _("目标指标")

    def __str__(self) -> str:
        return self.text

    @property
    def value_display(self) -> str:
        return plain_number(self.value)


class DateKind(models.TextChoices):
    DEADLINE = "deadline", _("完成时限")
    ISSUED = "issued", _("印发日期")
    EFFECTIVE_FROM = "effective_from", _("施行日期")
    EFFECTIVE_UNTIL = "effective_until", _("有效期至")


class Deadline(Extraction):
    text = models.TextField(_("原文"))
    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=16, choices=DateKind.choices, default=DateKind.DEADLINE)

    class Meta(Extraction.Meta):
        verbose_name = _("时间节点")
        verbose_name_plural = _("时间节点")

    def __str__(self) -> str:
        return f"{self.text}（{self.date.isoformat()}）"


class RuleDraftStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")


class RuleDraft(models.Model):
    """A benefit rule waiting to be encoded, opened from one money provision of a confirmed document."""

    document = models.ForeignKey(
        PolicyDocument, verbose_name=_("政策文件"), on_delete=models.CASCADE, related_name="rule_drafts"
    )
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("条款"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rule_drafts",
    )
    money = models.OneToOneField(
        MoneyProvision,
        verbose_name=_("资金条款"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rule_draft",
    )
    title = models.CharField(_("标题"), max_length=300)
    status = models.CharField(
        _("状态"), max_length=16, choices=RuleDraftStatus.choices, default=RuleDraftStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "id"]
        verbose_name = _("规则草稿")
        verbose_name_plural = _("规则草稿")

    def __str__(self) -> str:
        return self.title


class UnitAlias(models.Model):
    """A unit spelling the dictionary learned: from a reviewer's correction or typed in by the bureau.
    Added to the shipped dictionary (policies/data/units.yaml) when documents are read; see unit_aliases."""

    alias = models.CharField(_("原文写法"), max_length=200)
    canonical = models.CharField(_("规范名称"), max_length=100)
    # Empty: every region; a region: documents of that region and the regions under it.
    region = models.ForeignKey(
        Region, verbose_name=_("适用地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        PolicyDocument,
        verbose_name=_("来源文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit_aliases",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("添加人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["canonical", "alias"]
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        constraints = [
            models.UniqueConstraint(
                fields=["alias"], condition=models.Q(region__isnull=True), name="unit_alias_unique_everywhere"
            ),
            models.UniqueConstraint(
                fields=["alias", "region"],
                condition=models.Q(region__isnull=False),
                name="unit_alias_unique_in_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.alias} → {self.canonical}"

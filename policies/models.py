"""Policy documents and their clause trees. Extracted items (units, money, targets, deadlines) point at
exact spans of `PolicyDocument.text`, the normalised text the ingestion pipeline produced."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from registry.models import Region


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "待审核"
    CONFIRMED = "confirmed", "已确认"


class PolicyDocument(models.Model):
    code = models.SlugField(
        "文件标识", max_length=64, unique=True, help_text="英文短标识，例如 weihai-2023-innovation-city"
    )
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    issuer = models.CharField("发文机关", max_length=300, blank=True)
    region = models.ForeignKey(Region, verbose_name="适用地区", on_delete=models.PROTECT, related_name="+")
    issued_date = models.DateField("印发日期", null=True, blank=True)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    effective_until = models.DateField("有效期至", null=True, blank=True)
    source_file = models.FileField("原始文件", upload_to="policies/%Y/", blank=True)
    text = models.TextField("规范化全文")
    status = models.CharField("状态", max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    created_at = models.DateTimeField("导入时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_date", "id"]
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:document_detail", args=[self.pk])


class Clause(models.Model):
    """One numbered clause; `path` joins the document's own numbering with dots: 二.(一).3."""

    document = models.ForeignKey(PolicyDocument, verbose_name="政策文件", on_delete=models.CASCADE,
                                 related_name="clauses")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    path = models.CharField("条款编号", max_length=64)
    heading = models.CharField("标题", max_length=300, blank=True)
    text = models.TextField("条文")
    order = models.PositiveIntegerField("顺序")
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "order"]
        verbose_name = "条款"
        verbose_name_plural = "条款"
        constraints = [models.UniqueConstraint(fields=["document", "path"], name="clause_path_unique_in_document")]

    def __str__(self) -> str:
        return f"{self.path} {self.heading}".strip()

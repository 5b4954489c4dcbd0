"""Technology contracts (技术合同) and their registration (认定登记), with the transfer agencies and brokers
that help register them.

A contract keeps each party as the certificate states it (name, USCC, kind, region at registration),
linked to the registry's organization when the USCC is known there, so that statistics read the
contract alone and a party outside the registry (a buyer from another province) still counts.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models import Organization, Person, Region, TechnologyNeed
from registry.validators import validate_uscc
from registry.vocabulary import Level, OrganizationKind
from transfer.vocabulary import (
    AttachmentKind,
    ContractStatus,
    ContractType,
    ObjectionStatus,
    StepKind,
)

MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class RegistrationOffice(models.Model):
    """A 技术合同登记机构: the seller registers where it is located, at the office of its region."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="+")
    host = models.ForeignKey(
        Organization,
        verbose_name=_("设立单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registration_offices",
        help_text=_("其工作人员可办理本机构受理的登记。"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["region_id", "name"]
        verbose_name = _("技术合同登记机构")
        verbose_name_plural = _("技术合同登记机构")

    def __str__(self) -> str:
        return self.name


class TransferAgency(models.Model):
    """A technology transfer agency (技术转移机构) on the city's record (备案)."""

    organization = models.OneToOneField(
        Organization, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="transfer_agency"
    )
    level = models.CharField(_("备案级别"), max_length=16, choices=Level.choices, default=Level.MUNICIPAL)
    recorded_on = models.DateField(_("备案日期"))
    services = models.CharField(_("服务内容"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organization__name"]
        verbose_name = _("技术转移机构")
        verbose_name_plural = _("技术转移机构")

    def __str__(self) -> str:
        return self.organization.name

    def get_absolute_url(self) -> str:
        return reverse("transfer:agency_detail", args=[self.pk])


class Broker(models.Model):
    """A 技术经理人 (technology broker) working for an agency."""

    name = models.CharField(_("姓名"), max_length=64)
    agency = models.ForeignKey(
        TransferAgency, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="brokers"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("人才库人员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_no = models.CharField(_("技术经理人证书编号"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency_id", "name"]
        verbose_name = _("技术经理人")
        verbose_name_plural = _("技术经理人")

    def __str__(self) -> str:
        return self.name


class ContractQuerySet(models.QuerySet["Contract"]):
    def registered(self) -> ContractQuerySet:
        return self.filter(status=ContractStatus.REGISTERED)


class Contract(models.Model):
    title = models.CharField(_("项目名称"), max_length=200)
    contract_type = models.CharField(_("合同类型"), max_length=16, choices=ContractType.choices)
    field = models.CharField(_("技术领域"), max_length=100, blank=True)

    seller = models.ForeignKey(
        Organization,
        verbose_name=_("卖方（资源库）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts_sold",
    )
    seller_name = models.CharField(_("卖方名称"), max_length=200)
    seller_uscc = models.CharField(_("卖方统一社会信用代码"), max_length=18, validators=[validate_uscc])
    seller_kind = models.CharField(_("卖方类型"), max_length=32, choices=OrganizationKind.choices)
    seller_region = models.ForeignKey(
        Region, verbose_name=_("卖方所在地区"), on_delete=models.PROTECT, related_name="+"
    )
    buyer = models.ForeignKey(
        Organization,
        verbose_name=_("买方（资源库）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts_bought",
    )
    buyer_name = models.CharField(_("买方名称"), max_length=200)
    buyer_uscc = models.CharField(_("买方统一社会信用代码"), max_length=18, blank=True)
    buyer_kind = models.CharField(
        _("买方类型"), max_length=32, choices=OrganizationKind.choices, default=OrganizationKind.OTHER
    )
    buyer_region = models.ForeignKey(
        Region,
        verbose_name=_("买方所在地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    signed = models.DateField(_("签订日期"))
    valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    amount_yuan = models.DecimalField(_("成交额（元）"), **MONEY)
    technical_amount_yuan = models.DecimalField(_("技术交易额（元）"), **MONEY)

    office = models.ForeignKey(
        RegistrationOffice,
        verbose_name=_("登记机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    agency = models.ForeignKey(
        TransferAgency,
        verbose_name=_("技术转移机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )
    broker = models.ForeignKey(
        Broker,
        verbose_name=_("技术经理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )
    need = models.ForeignKey(
        TechnologyNeed,
        verbose_name=_("来源技术需求"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )
    agreement = models.OneToOneField(
        "matching.AgreementDraft",
        verbose_name=_("来源对接协议"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contract",
        help_text=_("由技术需求对接达成的合同草稿转来；登记后对接漏斗记为“合同登记”。"),
    )

    status = models.CharField(
        _("登记状态"),
        max_length=20,
        choices=ContractStatus.choices,
        default=ContractStatus.DRAFT,
        db_index=True,
    )
    disputed = models.BooleanField(_("存在争议"), default=False)
    submitted_on = models.DateField(_("受理日期"), null=True, blank=True)
    clock_started_on = models.DateField(
        _("计时起算日"), null=True, blank=True, help_text=_("受理日，补正材料后为材料齐全之日。")
    )
    decision_due = models.DateField(_("办结期限"), null=True, blank=True)
    registration_no = models.CharField(_("登记号"), max_length=32, unique=True, null=True, blank=True)
    registered = models.DateField(_("登记日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-registered", "-id"]
        verbose_name = _("技术合同")
        verbose_name_plural = _("技术合同")
        indexes = [
            models.Index(fields=["status", "registered"]),
            models.Index(fields=["seller_region", "registered"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(technical_amount_yuan__lte=models.F("amount_yuan")),
                name="transfer_technical_amount_within_amount",
            )
        ]

    def __str__(self) -> str:
        return self.registration_no or self.title

    def get_absolute_url(self) -> str:
        return reverse("transfer:contract_detail", args=[self.pk])

    @property
    def needs_expert_review(self) -> bool:
        from transfer.clock import needs_expert_review

        return needs_expert_review(self.amount_yuan, self.disputed)


class Payment(models.Model):
    """Money the seller received under the contract, reconciled against 技术交易额."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("合同"), on_delete=models.CASCADE, related_name="payments"
    )
    received_on = models.DateField(_("到账日期"))
    amount_yuan = models.DecimalField(_("到账金额（元）"), **MONEY)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("到账记录")
        verbose_name_plural = _("到账记录")

    def __str__(self) -> str:
        return f"{self.contract} · {self.received_on} · {self.amount_yuan}"


class Attachment(models.Model):
    contract = models.ForeignKey(
        Contract, verbose_name=_("合同"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("材料类型"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("文件"), upload_to="transfer/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("登记材料")
        verbose_name_plural = _("登记材料")

    def __str__(self) -> str:
        return self.name


class Step(models.Model):
    """One dated act of the registration procedure; the clock is read from these."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("合同"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("事项"), max_length=24, choices=StepKind.choices)
    on = models.DateField(_("日期"))
    note = models.TextField(_("说明"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("登记办理记录")
        verbose_name_plural = _("登记办理记录")

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class Objection(models.Model):
    """An objection (异议) to a registration, raised by a party or a third person, decided by the office."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("合同"), on_delete=models.CASCADE, related_name="objections"
    )
    raised_by = models.CharField(_("异议人"), max_length=200)
    raised_on = models.DateField(_("提出日期"))
    reason = models.TextField(_("异议理由"))
    status = models.CharField(
        _("处理结果"), max_length=16, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    decided_on = models.DateField(_("处理日期"), null=True, blank=True)
    decision = models.TextField(_("处理意见"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["raised_on", "id"]
        verbose_name = _("登记异议")
        verbose_name_plural = _("登记异议")

    def __str__(self) -> str:
        return f"{self.contract} · {self.raised_by}"


class ContractSubsidy(models.Model):
    """A subsidy a registered contract earned its buyer, as the benefit rules computed it from the
    database when the bureau granted it (the rule, its clause and its explanation are kept as granted)."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("合同"), on_delete=models.PROTECT, related_name="subsidies"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("受补助单位"), on_delete=models.PROTECT, related_name="+"
    )
    rule = models.CharField(_("规则"), max_length=100)
    policy = models.CharField(_("政策"), max_length=100)
    clause = models.CharField(_("条款"), max_length=100)
    title = models.CharField(_("补助名称"), max_length=300)
    computed_yuan = models.DecimalField(_("规则计算额（元）"), **MONEY)
    amount_yuan = models.DecimalField(_("核定金额（元）"), **MONEY)
    explanation = models.JSONField(_("计算说明"), default=dict)
    granted_on = models.DateField(_("核定日期"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核定人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["granted_on", "id"]
        verbose_name = _("技术合同补助")
        verbose_name_plural = _("技术合同补助")
        constraints = [
            models.UniqueConstraint(fields=["contract", "organization", "rule"], name="transfer_subsidy_once")
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.title}"

"""Instrument sharing (共享仪器) and innovation vouchers (创新券).

The registry keeps the instrument itself; `SharedInstrument` adds what sharing needs (rates, hours,
rules, the national instrument fields) one-to-one beside it. Bookings of one instrument never overlap:
the database refuses it (an exclusion constraint on PostgreSQL, a trigger on SQLite, migration 0002),
so no race between two requests can get past it.

Money moves through three ledgers that the database keeps non-negative with CHECK constraints:
a `VoucherBudget` per year, region and level (total ≥ held + spent), each voucher's `VoucherShare`
of a budget (held ≥ redeemed), and the `ClaimPart`s of each claim, which record the split by level.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models import Instrument, Organization, Region
from sharing.vocabulary import (
    BookingStatus,
    ClaimStatus,
    FundingSource,
    Level,
    Origin,
    RunningStatus,
    SettlementMode,
    UserKind,
    VoucherStatus,
)

MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
ZERO = Decimal("0")


class SharedInstrumentQuerySet(models.QuerySet["SharedInstrument"]):
    def listed(self) -> SharedInstrumentQuerySet:
        """What the public catalogue shows: shareable instruments of the registry that are not retired."""
        return self.filter(instrument__shareable=True).exclude(instrument__status="retired")


class SharedInstrument(models.Model):
    instrument = models.OneToOneField(
        Instrument,
        verbose_name=_("仪器设备"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="sharing",
    )
    classification_code = models.CharField(
        _("分类编码"),
        max_length=16,
        blank=True,
        help_text=_("按《科研设施与仪器分类代码》填写，如 03040707。"),
    )
    origin = models.CharField(_("进口/国产"), max_length=16, choices=Origin.choices, default=Origin.DOMESTIC)
    funding_source = models.CharField(
        _("经费来源"), max_length=16, choices=FundingSource.choices, default=FundingSource.LOCAL
    )
    running_status = models.CharField(
        _("运行状态"), max_length=16, choices=RunningStatus.choices, default=RunningStatus.NORMAL
    )
    description = models.TextField(_("主要功能与服务内容"), blank=True)
    opens_at = models.TimeField(_("开放时间（起）"), default=dt.time(8, 30))
    closes_at = models.TimeField(_("开放时间（止）"), default=dt.time(17, 30))
    open_weekdays = models.CharField(
        _("开放日"), max_length=7, default="12345", help_text=_("星期几开放，1 为星期一，如 12345。")
    )
    lead_time_hours = models.PositiveIntegerField(_("提前预约（小时）"), default=24)
    min_minutes = models.PositiveIntegerField(_("最短使用（分钟）"), default=30)
    max_minutes = models.PositiveIntegerField(_("最长使用（分钟）"), default=480)
    cancel_notice_hours = models.PositiveIntegerField(_("取消须提前（小时）"), default=12)
    requires_approval = models.BooleanField(_("预约须审批"), default=True)
    requires_training = models.BooleanField(_("须经培训"), default=False)
    training_note = models.CharField(_("培训要求"), max_length=200, blank=True)

    history = HistoricalRecords()
    objects = SharedInstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["instrument__name", "instrument_id"]
        verbose_name = _("共享仪器")
        verbose_name_plural = _("共享仪器")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="sharing_hours_in_order"),
            models.CheckConstraint(
                condition=Q(max_minutes__gte=F("min_minutes")), name="sharing_durations_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.instrument.name

    def get_absolute_url(self) -> str:
        return reverse("sharing:instrument", args=[self.pk])


class Rate(models.Model):
    shared = models.ForeignKey(SharedInstrument, on_delete=models.CASCADE, related_name="rates")
    user_kind = models.CharField(_("用户类别"), max_length=16, choices=UserKind.choices)
    yuan_per_hour = models.DecimalField(_("收费标准（元/机时）"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["shared", "user_kind"]
        verbose_name = _("收费标准")
        verbose_name_plural = _("收费标准")
        constraints = [
            models.UniqueConstraint(fields=["shared", "user_kind"], name="sharing_one_rate_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.shared} · {self.get_user_kind_display()}"


class MaintenanceWindow(models.Model):
    shared = models.ForeignKey(SharedInstrument, on_delete=models.CASCADE, related_name="maintenance")
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    reason = models.CharField(_("原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("维护时段")
        verbose_name_plural = _("维护时段")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="sharing_maintenance_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.shared} {self.start:%Y-%m-%d %H:%M}"


class Training(models.Model):
    """A person trained (上机培训) on one instrument; instruments that require it accept only them."""

    shared = models.ForeignKey(SharedInstrument, on_delete=models.CASCADE, related_name="trainings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("人员"),
        on_delete=models.CASCADE,
        related_name="instrument_trainings",
    )
    trained_on = models.DateField(_("培训日期"))
    expires = models.DateField(_("有效期至"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-trained_on"]
        verbose_name = _("上机培训")
        verbose_name_plural = _("上机培训")

    def __str__(self) -> str:
        return f"{self.person} · {self.shared}"


class Series(models.Model):
    """A recurring booking (每周同一时段); each of its bookings can then be moved or cancelled alone."""

    shared = models.ForeignKey(SharedInstrument, on_delete=models.CASCADE, related_name="series")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    every_days = models.PositiveIntegerField(_("间隔（天）"), default=7)
    count = models.PositiveIntegerField(_("次数"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("周期预约")
        verbose_name_plural = _("周期预约")

    def __str__(self) -> str:
        return f"{self.shared} × {self.count}"


class Booking(models.Model):
    shared = models.ForeignKey(
        SharedInstrument, verbose_name=_("仪器"), on_delete=models.PROTECT, related_name="bookings"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("预约人"),
        on_delete=models.PROTECT,
        related_name="instrument_bookings",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("预约单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instrument_bookings",
    )
    user_kind = models.CharField(_("用户类别"), max_length=16, choices=UserKind.choices)
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    purpose = models.CharField(_("用途"), max_length=300)
    status = models.CharField(
        _("状态"), max_length=16, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        indexes = [models.Index(fields=["shared", "start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="sharing_booking_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.shared} {self.start:%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> Decimal:
        return Decimal((self.end - self.start).total_seconds()) / 3600


class Usage(models.Model):
    """What really happened on the instrument (上机记录): the basis of fees, statistics and vouchers."""

    shared = models.ForeignKey(
        SharedInstrument, verbose_name=_("仪器"), on_delete=models.PROTECT, related_name="usages"
    )
    booking = models.OneToOneField(
        Booking, null=True, blank=True, on_delete=models.PROTECT, related_name="usage"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("服务对象"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instrument_usages",
    )
    user_kind = models.CharField(_("用户类别"), max_length=16, choices=UserKind.choices)
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    operator = models.CharField(_("操作人员"), max_length=64)
    samples = models.PositiveIntegerField(_("样品数"), default=0)
    sample_note = models.CharField(_("样品说明"), max_length=200, blank=True)
    fee_yuan = models.DecimalField(_("服务费（元）"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("使用记录")
        verbose_name_plural = _("使用记录")
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="sharing_usage_in_order")]

    def __str__(self) -> str:
        return f"{self.shared} {self.start:%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> Decimal:
        return Decimal((self.end - self.start).total_seconds()) / 3600


class VoucherBudget(models.Model):
    """One year's voucher money of one level of government (省/市/县), by region."""

    year = models.PositiveIntegerField(_("年度"))
    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("资金来源"), max_length=16, choices=Level.choices)
    total_yuan = models.DecimalField(_("年度预算（元）"), **MONEY)
    held_yuan = models.DecimalField(_("已冻结（元）"), default=ZERO, **MONEY)
    spent_yuan = models.DecimalField(_("已兑付（元）"), default=ZERO, **MONEY)
    quota_per_enterprise_yuan = models.DecimalField(_("每家企业年度额度（元）"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "region", "level"]
        verbose_name = _("创新券预算")
        verbose_name_plural = _("创新券预算")
        constraints = [
            models.UniqueConstraint(fields=["year", "region", "level"], name="sharing_one_budget_per_level"),
            models.CheckConstraint(
                condition=Q(held_yuan__gte=0, spent_yuan__gte=0), name="sharing_budget_positive"
            ),
            models.CheckConstraint(
                condition=Q(total_yuan__gte=F("held_yuan") + F("spent_yuan")),
                name="sharing_budget_never_overspent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.region.name} {self.get_level_display()}"

    @property
    def available_yuan(self) -> Decimal:
        return self.total_yuan - self.held_yuan - self.spent_yuan


class Voucher(models.Model):
    enterprise = models.ForeignKey(
        Organization, verbose_name=_("申领企业"), on_delete=models.PROTECT, related_name="vouchers"
    )
    year = models.PositiveIntegerField(_("年度"))
    planned_cost_yuan = models.DecimalField(_("预计服务费（元）"), **MONEY)
    purpose = models.CharField(_("拟购买的服务"), max_length=300)
    settlement_mode = models.CharField(
        _("兑付方式"), max_length=20, choices=SettlementMode.choices, default=SettlementMode.FIRM_REIMBURSED
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=VoucherStatus.choices, default=VoucherStatus.APPLIED
    )
    deadline = models.DateField(_("使用截止日"), null=True, blank=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("审批意见"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("创新券")
        verbose_name_plural = _("创新券")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("sharing:voucher", args=[self.pk])


class VoucherShare(models.Model):
    """The part of one budget that a voucher holds; redeemed counts submitted and approved claims."""

    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="shares")
    budget = models.ForeignKey(VoucherBudget, on_delete=models.PROTECT, related_name="shares")
    held_yuan = models.DecimalField(_("额度（元）"), **MONEY)
    redeemed_yuan = models.DecimalField(_("已使用（元）"), default=ZERO, **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["voucher", "budget__level"]
        constraints = [
            models.UniqueConstraint(fields=["voucher", "budget"], name="sharing_one_share_per_budget"),
            models.CheckConstraint(
                condition=Q(redeemed_yuan__gte=0, held_yuan__gte=F("redeemed_yuan")),
                name="sharing_share_never_overdrawn",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher} · {self.budget}"

    @property
    def remaining_yuan(self) -> Decimal:
        return self.held_yuan - self.redeemed_yuan


def invoice_path(claim: Claim, filename: str) -> str:
    return f"sharing/invoices/{claim.voucher_id}/{filename}"


class Claim(models.Model):
    """A redemption (兑付申请) of a voucher against one usage record, with its invoice."""

    voucher = models.ForeignKey(
        Voucher, verbose_name=_("创新券"), on_delete=models.PROTECT, related_name="claims"
    )
    usage = models.ForeignKey(
        Usage, verbose_name=_("使用记录"), on_delete=models.PROTECT, related_name="claims"
    )
    cost_yuan = models.DecimalField(_("服务费（元）"), **MONEY)
    amount_yuan = models.DecimalField(_("申请兑付（元）"), **MONEY)
    invoice = models.FileField(_("发票"), upload_to=invoice_path, blank=True)
    payee = models.ForeignKey(
        Organization, verbose_name=_("收款单位"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(_("兑付日期"), null=True, blank=True)
    reason = models.CharField(_("审核意见"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("兑付申请")
        verbose_name_plural = _("兑付申请")
        constraints = [
            # A usage is paid for once: a returned claim frees it for a corrected one, nothing else does.
            models.UniqueConstraint(
                fields=["usage"], condition=~Q(status=ClaimStatus.REJECTED), name="sharing_usage_claimed_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher} · {self.amount_yuan}"


class ClaimPart(models.Model):
    """The part of a claim one level pays, and the rule that says so (the ledger's split by level)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="parts")
    share = models.ForeignKey(VoucherShare, on_delete=models.PROTECT, related_name="parts")
    level = models.CharField(_("资金来源"), max_length=16, choices=Level.choices)
    amount_yuan = models.DecimalField(_("金额（元）"), **MONEY)
    rule = models.CharField(_("依据规则"), max_length=120)
    clause = models.CharField(_("条款"), max_length=300, blank=True)

    class Meta:
        ordering = ["claim", "level"]

    def __str__(self) -> str:
        return f"{self.claim} · {self.get_level_display()} {self.amount_yuan}"

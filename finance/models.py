"""Science finance (科技金融): loans to enterprises with their repayment schedules and actual repayments,
the interest subsidies the benefit rules pay on them, and the risk-compensation pools (风险补偿资金池)
that pay a share of a bad loan's loss to the lender in tiers and claw it back when the loss is recovered.

Money is Decimal yuan; every record keeps its history (who changed what, before and after).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finance.vocabulary import (
    ClaimStatus,
    LoanProduct,
    LoanStatus,
    PoolEntryKind,
    RepaymentMethod,
    RequestStatus,
)
from registry.models import Organization, Region

MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
RATE = {
    "max_digits": 7,
    "decimal_places": 6,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
}


class RiskPool(models.Model):
    """A risk-compensation fund (风险补偿资金池) of a region: what it was funded with, what it compensated
    and what it clawed back are its ledger; its tiers say which share of a loss it pays."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+")
    products = models.JSONField(_("适用贷款品种"), default=list, blank=True)
    covered_per_borrower_yuan = models.DecimalField(
        _("每家企业纳入补偿的贷款余额上限（元）"), null=True, blank=True, **MONEY
    )
    clause = models.CharField(_("依据条款"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region_id", "name"]
        verbose_name = _("风险补偿资金池")
        verbose_name_plural = _("风险补偿资金池")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("finance:pool_detail", args=[self.pk])


class RiskTier(models.Model):
    """One band of the loss: the pool pays `share` of the part of a loan's loss from the band below up
    to `up_to_yuan` (the last band has none)."""

    pool = models.ForeignKey(
        RiskPool, verbose_name=_("资金池"), on_delete=models.CASCADE, related_name="tiers"
    )
    up_to_yuan = models.DecimalField(_("损失本金分档上限（元）"), null=True, blank=True, **MONEY)
    share = models.DecimalField(_("补偿比例"), **RATE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pool_id", models.F("up_to_yuan").asc(nulls_last=True)]
        verbose_name = _("补偿分档")
        verbose_name_plural = _("补偿分档")

    def __str__(self) -> str:
        return f"{self.pool} ≤ {self.up_to_yuan or '∞'}: {self.share}"


class LoanQuerySet(models.QuerySet["Loan"]):
    def of_borrower(self, organization_id: int) -> LoanQuerySet:
        return self.filter(borrower_id=organization_id)


class Loan(models.Model):
    product = models.CharField(_("贷款品种"), max_length=40, choices=LoanProduct.choices)
    contract_no = models.CharField(_("借款合同编号"), max_length=64, unique=True)
    lender = models.ForeignKey(
        Organization, verbose_name=_("贷款银行"), on_delete=models.PROTECT, related_name="loans_made"
    )
    borrower = models.ForeignKey(
        Organization, verbose_name=_("借款企业"), on_delete=models.PROTECT, related_name="loans"
    )
    amount_yuan = models.DecimalField(_("贷款金额（元）"), **MONEY)
    rate = models.DecimalField(_("年利率"), **RATE)
    lpr = models.DecimalField(
        _("参考LPR（1年期）"),
        null=True,
        blank=True,
        help_text=_("合同签订日上月的1年期贷款市场报价利率，取自政策参数。"),
        **RATE,
    )
    signed = models.DateField(_("合同签订日"))
    issued = models.DateField(_("放款日"))
    term_months = models.PositiveSmallIntegerField(
        _("期限（月）"), validators=[MinValueValidator(1), MaxValueValidator(360)]
    )
    method = models.CharField(
        _("还款方式"), max_length=20, choices=RepaymentMethod.choices, default=RepaymentMethod.BULLET
    )
    pool = models.ForeignKey(
        RiskPool,
        verbose_name=_("纳入风险补偿备案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
    )
    first_filing = models.BooleanField(_("首次纳入风险补偿备案"), default=False)
    status = models.CharField(
        _("状态"), max_length=12, choices=LoanStatus.choices, default=LoanStatus.ACTIVE, db_index=True
    )
    repaid_on = models.DateField(_("结清日"), null=True, blank=True)
    bad_on = models.DateField(_("认定不良日"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    history = HistoricalRecords()
    objects = LoanQuerySet.as_manager()

    class Meta:
        ordering = ["-issued", "-id"]
        verbose_name = _("贷款")
        verbose_name_plural = _("贷款")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(issued__gte=models.F("signed")), name="finance_issued_after_signed"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract_no} · {self.borrower}"

    def get_absolute_url(self) -> str:
        return reverse("finance:loan_detail", args=[self.pk])


class Installment(models.Model):
    """One due date of the repayment schedule (还款计划)."""

    loan = models.ForeignKey(
        Loan, verbose_name=_("贷款"), on_delete=models.CASCADE, related_name="installments"
    )
    number = models.PositiveSmallIntegerField(_("期次"))
    due = models.DateField(_("应还日"))
    principal_yuan = models.DecimalField(_("应还本金（元）"), **MONEY)
    interest_yuan = models.DecimalField(_("应还利息（元）"), **MONEY)

    class Meta:
        ordering = ["loan_id", "number"]
        verbose_name = _("还款计划")
        verbose_name_plural = _("还款计划")
        constraints = [models.UniqueConstraint(fields=["loan", "number"], name="finance_installment_once")]

    def __str__(self) -> str:
        return f"{self.loan} #{self.number} {self.due}"


class Repayment(models.Model):
    """Money the borrower actually repaid."""

    loan = models.ForeignKey(
        Loan, verbose_name=_("贷款"), on_delete=models.CASCADE, related_name="repayments"
    )
    paid_on = models.DateField(_("还款日"))
    principal_yuan = models.DecimalField(_("本金（元）"), **MONEY)
    interest_yuan = models.DecimalField(_("利息（元）"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("还款记录")
        verbose_name_plural = _("还款记录")

    def __str__(self) -> str:
        return f"{self.loan} · {self.paid_on}"


class InterestSubsidy(models.Model):
    """An interest subsidy (贴息) granted on a loan: the amount the benefit rule paid for the loan's
    `loan_issued` event, after the rule's caps per loan and per year and the firm's cap over the years."""

    loan = models.ForeignKey(Loan, verbose_name=_("贷款"), on_delete=models.PROTECT, related_name="subsidies")
    rule = models.CharField(_("规则"), max_length=120)
    policy = models.CharField(_("政策"), max_length=120)
    clause = models.CharField(_("条款"), max_length=40)
    title = models.CharField(_("事项"), max_length=200)
    computed_yuan = models.DecimalField(_("规则计算额（元）"), **MONEY)
    amount_yuan = models.DecimalField(_("核定贴息（元）"), **MONEY)
    explanation = models.JSONField(_("计算说明"), default=dict)
    granted_on = models.DateField(_("核定日期"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["granted_on", "id"]
        verbose_name = _("贷款贴息")
        verbose_name_plural = _("贷款贴息")
        constraints = [models.UniqueConstraint(fields=["loan", "rule"], name="finance_subsidy_once_per_rule")]

    def __str__(self) -> str:
        return f"{self.loan} · {self.title} · {self.amount_yuan}"


class CompensationClaim(models.Model):
    """The pool's compensation of a bad loan's loss to the lender, and what recoveries clawed back."""

    loan = models.OneToOneField(Loan, verbose_name=_("贷款"), on_delete=models.PROTECT, related_name="claim")
    pool = models.ForeignKey(
        RiskPool, verbose_name=_("资金池"), on_delete=models.PROTECT, related_name="claims"
    )
    claimed_on = models.DateField(_("补偿日期"))
    loss_yuan = models.DecimalField(_("损失本金（元）"), **MONEY)
    covered_yuan = models.DecimalField(_("纳入补偿的损失（元）"), **MONEY)
    compensated_yuan = models.DecimalField(_("补偿金额（元）"), **MONEY)
    tiers = models.JSONField(_("分档计算"), default=list)
    clawed_back_yuan = models.DecimalField(_("已追回（元）"), default=Decimal(0), **MONEY)
    status = models.CharField(
        _("状态"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.COMPENSATED
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-claimed_on", "-id"]
        verbose_name = _("风险补偿")
        verbose_name_plural = _("风险补偿")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(clawed_back_yuan__lte=models.F("compensated_yuan")),
                name="finance_claw_back_within_compensation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.loan} · {self.compensated_yuan}"


class Recovery(models.Model):
    """Money recovered on a bad loan after compensation (处置回收) and the share clawed back to the pool."""

    claim = models.ForeignKey(
        CompensationClaim, verbose_name=_("风险补偿"), on_delete=models.PROTECT, related_name="recoveries"
    )
    recovered_on = models.DateField(_("回收日期"))
    recovered_yuan = models.DecimalField(_("回收金额（元）"), **MONEY)
    clawed_back_yuan = models.DecimalField(_("追回资金池（元）"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recovered_on", "id"]
        verbose_name = _("损失回收")
        verbose_name_plural = _("损失回收")

    def __str__(self) -> str:
        return f"{self.claim} · {self.recovered_on}"


class PoolEntry(models.Model):
    """The pool's ledger: funding (+), compensation paid (−), claw-back (+). The balance is their sum."""

    pool = models.ForeignKey(
        RiskPool, verbose_name=_("资金池"), on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=PoolEntryKind.choices)
    on = models.DateField(_("日期"))
    amount_yuan = models.DecimalField(_("金额（元，支出为负）"), max_digits=16, decimal_places=2)
    claim = models.ForeignKey(
        CompensationClaim,
        verbose_name=_("风险补偿"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("资金池台账")
        verbose_name_plural = _("资金池台账")

    def __str__(self) -> str:
        return f"{self.pool} {self.on} {self.amount_yuan}"


class FinancialProduct(models.Model):
    """A bank's loan product in the public catalogue (科技金融产品): its kind, rate, longest term, the most it
    lends one enterprise, and who may borrow, written as conditions of the benefits app's expression
    language (`finance.eligibility`) on the enterprise's snapshot."""

    name = models.CharField(_("产品名称"), max_length=200)
    bank = models.ForeignKey(
        Organization, verbose_name=_("发放银行"), on_delete=models.PROTECT, related_name="financial_products"
    )
    kind = models.CharField(_("产品类型"), max_length=40, choices=LoanProduct.choices)
    rate = models.DecimalField(_("参考年利率"), **RATE)
    term_months = models.PositiveSmallIntegerField(
        _("最长期限（月）"), validators=[MinValueValidator(1), MaxValueValidator(360)]
    )
    ceiling_yuan = models.DecimalField(_("单户额度上限（元）"), **MONEY)
    # [{"label": "持有科技型中小企业资格", "test": "holds('tech_sme')"}, …], checked by finance.eligibility.
    eligibility = models.JSONField(_("申请条件"), default=list, blank=True)
    description = models.TextField(_("产品说明"), blank=True)
    on_offer = models.BooleanField(_("在售"), default=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["bank_id", "name"]
        verbose_name = _("金融产品")
        verbose_name_plural = _("金融产品")
        constraints = [models.UniqueConstraint(fields=["bank", "name"], name="finance_product_name_per_bank")]

    def __str__(self) -> str:
        return f"{self.name}（{self.bank}）"

    def get_absolute_url(self) -> str:
        return reverse("finance:product_detail", args=[self.pk])


class FinancingRequest(models.Model):
    """An enterprise's financing request (融资需求): filed, matched to the products it qualifies for, sent
    to one product's bank, and accepted (the loan it became) or declined with the bank's reason."""

    enterprise = models.ForeignKey(
        Organization, verbose_name=_("申请企业"), on_delete=models.PROTECT, related_name="financing_requests"
    )
    amount_yuan = models.DecimalField(
        _("融资金额（元）"), max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    term_months = models.PositiveSmallIntegerField(
        _("期限（月）"), validators=[MinValueValidator(1), MaxValueValidator(360)]
    )
    purpose = models.CharField(_("资金用途"), max_length=300)
    filed_on = models.DateField(_("提交日期"))
    # The ranking when the enterprise last looked (finance.matching.Match.as_json), kept so the bank sees
    # the reasons the enterprise saw.
    matches = models.JSONField(_("匹配结果"), default=list, blank=True)
    product = models.ForeignKey(
        FinancialProduct,
        verbose_name=_("申请产品"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.FILED, db_index=True
    )
    decided_on = models.DateField(_("银行答复日期"), null=True, blank=True)
    decision_reason = models.CharField(_("答复说明"), max_length=300, blank=True)
    loan = models.OneToOneField(
        Loan,
        verbose_name=_("发放的贷款"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="request",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("融资需求")
        verbose_name_plural = _("融资需求")

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.amount_yuan}"

    def get_absolute_url(self) -> str:
        return reverse("finance:request_detail", args=[self.pk])

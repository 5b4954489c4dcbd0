"""Codes of the sharing app; the UI shows the Chinese names (DESIGN.md, canonical vocabulary)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    """Who uses an instrument, which decides the rate (收费标准按用户类别)."""

    INTERNAL = "internal", _("本单位用户")
    ENTERPRISE = "enterprise", _("企业用户")
    EXTERNAL = "external", _("其他外部用户")


class Origin(models.TextChoices):
    DOMESTIC = "domestic", _("国产")
    IMPORTED = "imported", _("进口")


class FundingSource(models.TextChoices):
    CENTRAL = "central", _("中央财政")
    LOCAL = "local", _("地方财政")
    SELF_RAISED = "self_raised", _("单位自筹")
    OTHER = "other", _("其他")


class RunningStatus(models.TextChoices):
    NORMAL = "normal", _("正常")
    FAULTY = "faulty", _("故障")
    AWAITING_REPAIR = "awaiting_repair", _("待修")
    AWAITING_SCRAP = "awaiting_scrap", _("待报废")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已拒绝")
    CANCELLED = "cancelled", _("已取消")


# Bookings in these states hold their slot; the database refuses any other booking overlapping them.
ACTIVE_BOOKING_STATES = (BookingStatus.REQUESTED, BookingStatus.APPROVED)


class Level(models.TextChoices):
    """The level of government a budget belongs to (DESIGN.md levels)."""

    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    COUNTY = "county", _("县级")


class SettlementMode(models.TextChoices):
    FIRM_REIMBURSED = "firm_reimbursed", _("企业先付后补（通用）")
    PROVIDER_REDEEMS = "provider_redeems", _("服务机构兑付（通兑）")


class VoucherStatus(models.TextChoices):
    APPLIED = "applied", _("待审批")
    APPROVED = "approved", _("已发放")
    REJECTED = "rejected", _("未通过")
    EXPIRED = "expired", _("已到期")


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已兑付")
    REJECTED = "rejected", _("已退回")

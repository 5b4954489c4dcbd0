"""The codes of technology contracts (DESIGN.md vocabulary), stored everywhere; the labels are shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractType(models.TextChoices):
    DEVELOPMENT = "development", _("技术开发")
    TRANSFER = "transfer", _("技术转让")
    LICENSING = "licensing", _("技术许可")
    CONSULTING = "consulting", _("技术咨询")
    SERVICE = "service", _("技术服务")


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    FILED = "filed", _("待受理")
    SUBMITTED = "submitted", _("已受理")
    AWAITING_MATERIAL = "awaiting_material", _("待补正材料")
    EXPERT_REVIEW = "expert_review", _("专家评审中")
    REGISTERED = "registered", _("已登记")
    REFUSED = "refused", _("不予登记")
    CANCELLED = "cancelled", _("已撤销登记")


class StepKind(models.TextChoices):
    """The procedural acts of registration, each a dated line on the contract's record."""

    FILED = "filed", _("提交登记申请")
    SUBMITTED = "submitted", _("受理登记申请")
    MATERIAL_REQUESTED = "material_requested", _("通知补正材料")
    MATERIAL_RECEIVED = "material_received", _("收到补正材料（重新计时）")
    EXPERT_REVIEW = "expert_review", _("转专家评审")
    REGISTERED = "registered", _("准予登记")
    REFUSED = "refused", _("不予登记")
    CHANGED = "changed", _("变更登记")
    CANCELLED = "cancelled", _("撤销登记")
    OBJECTION_RAISED = "objection_raised", _("提出异议")
    OBJECTION_DECIDED = "objection_decided", _("异议处理")
    IMPORTED = "imported", _("导入登记数据")


class AttachmentKind(models.TextChoices):
    CONTRACT_TEXT = "contract_text", _("合同文本")
    TECHNICAL_ANNEX = "technical_annex", _("技术附件")
    INVOICE = "invoice", _("发票或付款凭证")
    OTHER = "other", _("其他材料")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")

"""The codes of science finance (DESIGN.md vocabulary), stored everywhere; the labels are shown.

Loan product codes are the `product` of `loan_issued` events (contract 3), which the rules match on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LoanProduct(models.TextChoices):
    ACHIEVEMENT_TRANSFORMATION = "achievement_transformation_loan", _("科技成果转化贷款")
    TALENT = "talent_loan", _("人才贷")
    IP_PLEDGE = "ip_pledge_loan", _("知识产权质押贷款")
    TECH_BANK = "tech_bank_loan", _("科技支行贷款")


class RepaymentMethod(models.TextChoices):
    BULLET = "bullet", _("按月付息、到期还本")
    EQUAL_PRINCIPAL = "equal_principal", _("等额本金（按月）")


class LoanStatus(models.TextChoices):
    ACTIVE = "active", _("还款中")
    REPAID = "repaid", _("已结清")
    BAD = "bad", _("不良")


class ClaimStatus(models.TextChoices):
    COMPENSATED = "compensated", _("已补偿")
    PARTLY_CLAWED_BACK = "partly_clawed_back", _("部分收回")
    CLAWED_BACK = "clawed_back", _("全部收回")


class PoolEntryKind(models.TextChoices):
    FUNDING = "funding", _("注资")
    COMPENSATION = "compensation", _("风险补偿支出")
    CLAW_BACK = "claw_back", _("追回")


class RequestStatus(models.TextChoices):
    FILED = "filed", _("待选择产品")
    SUBMITTED = "submitted", _("待银行答复")
    ACCEPTED = "accepted", _("已放款")
    DECLINED = "declined", _("银行未受理")

    @classmethod
    def sent_to_bank(cls) -> tuple[str, ...]:
        return (cls.SUBMITTED, cls.ACCEPTED, cls.DECLINED)

"""Innovation vouchers (创新券): application, approval that holds budget, claims against real usage,
the bureau's approval that spends it, and release of what is left at the deadline.

Every amount moves with a conditional UPDATE (`… WHERE held + amount <= total`) inside a transaction,
and the database's CHECK constraints (sharing.models) refuse any state below zero, so two claims racing
for the last yuan of a voucher cannot both win: the loser's UPDATE matches no row and it is told why.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from sharing import permissions, split
from sharing.invoices import InvoiceRejected, check_invoice
from sharing.models import Claim, ClaimPart, Usage, Voucher, VoucherBudget, VoucherShare
from sharing.vocabulary import ClaimStatus, Level, SettlementMode, VoucherStatus

ZERO = Decimal("0")
FEN = Decimal("0.01")


class VoucherRefused(Exception):
    """A voucher step cannot be taken; the message says why, in Chinese."""


def _yuan(amount: Decimal) -> str:
    """Yuan with thousands separators, as the messages print them before 元."""
    return f"{amount:,.2f}"


def _level_name(level: str) -> str:
    return str(Level(level).label)


def apply(
    user: User,
    year: int,
    planned_cost_yuan: Decimal,
    purpose: str,
    settlement_mode: str = SettlementMode.FIRM_REIMBURSED,
) -> Voucher:
    if not permissions.can_apply_for_voucher(user):
        raise VoucherRefused(_("只有企业用户可以为本企业申领创新券。"))
    if planned_cost_yuan <= 0:
        raise VoucherRefused(_("预计服务费必须大于零。"))
    if not purpose.strip():
        raise VoucherRefused(_("请填写拟购买的服务。"))
    if settlement_mode not in SettlementMode.values:
        raise VoucherRefused(_("兑付方式无效。"))
    return Voucher.objects.create(
        enterprise=user.organization,
        year=year,
        planned_cost_yuan=planned_cost_yuan,
        purpose=purpose.strip(),
        settlement_mode=settlement_mode,
        applied_by=user,
    )


def approve(user: User, voucher: Voucher, deadline: dt.date, today: dt.date | None = None) -> Voucher:
    """Grant the voucher what the rules pay on its planned cost, holding each level's part in its budget."""
    if not permissions.can_decide_voucher(user):
        raise VoucherRefused(_("只有科技局可以审批创新券。"))
    today = today or timezone.localdate()
    if deadline < today:
        raise VoucherRefused(_("使用截止日不能早于今天。"))
    parts = split.split(voucher.enterprise, voucher.planned_cost_yuan, today)
    if not parts:
        raise VoucherRefused(_("按现行政策规则，该企业的服务费不能获得创新券补助。"))
    with transaction.atomic():
        voucher = Voucher.objects.select_for_update().get(pk=voucher.pk)
        if voucher.status != VoucherStatus.APPLIED:
            raise VoucherRefused(
                _("这张创新券已审批（%(status)s）。") % {"status": voucher.get_status_display()}
            )
        for part in parts:
            _hold(voucher, part)
        voucher.status, voucher.deadline, voucher.decided_by = VoucherStatus.APPROVED, deadline, user
        voucher.save()
    return voucher


def _hold(voucher: Voucher, part: split.Part) -> None:
    region = split.budget_region(voucher.enterprise, part.level)
    budget = (
        VoucherBudget.objects.select_for_update()
        .filter(year=voucher.year, region_id=region, level=part.level)
        .first()
    )
    if budget is None:
        raise VoucherRefused(
            _("尚未设立 %(year)s 年%(level)s创新券预算（%(region)s）。")
            % {"year": voucher.year, "level": _level_name(part.level), "region": region}
        )
    already = (
        VoucherShare.objects.filter(
            budget=budget, voucher__enterprise=voucher.enterprise, voucher__status=VoucherStatus.APPROVED
        ).aggregate(total=Sum("held_yuan"))["total"]
        or ZERO
    )
    if already + part.amount_yuan > budget.quota_per_enterprise_yuan:
        raise VoucherRefused(
            _("超出每家企业%(level)s年度额度 %(quota)s 元（已获 %(already)s 元）。")
            % {
                "level": _level_name(part.level),
                "quota": _yuan(budget.quota_per_enterprise_yuan),
                "already": _yuan(already),
            }
        )
    held = VoucherBudget.objects.filter(
        pk=budget.pk, total_yuan__gte=F("held_yuan") + F("spent_yuan") + part.amount_yuan
    ).update(held_yuan=F("held_yuan") + part.amount_yuan)
    if not held:
        raise VoucherRefused(
            _("%(level)s创新券预算余额不足（尚余 %(left)s 元，需 %(need)s 元）。")
            % {
                "level": _level_name(part.level),
                "left": _yuan(budget.available_yuan),
                "need": _yuan(part.amount_yuan),
            }
        )
    VoucherShare.objects.create(voucher=voucher, budget=budget, held_yuan=part.amount_yuan)


def reject(user: User, voucher: Voucher, reason: str) -> Voucher:
    if not permissions.can_decide_voucher(user):
        raise VoucherRefused(_("只有科技局可以审批创新券。"))
    if not reason.strip():
        raise VoucherRefused(_("请填写不予通过的理由。"))
    with transaction.atomic():
        voucher = Voucher.objects.select_for_update().get(pk=voucher.pk)
        if voucher.status != VoucherStatus.APPLIED:
            raise VoucherRefused(
                _("这张创新券已审批（%(status)s）。") % {"status": voucher.get_status_display()}
            )
        voucher.status, voucher.reason, voucher.decided_by = VoucherStatus.REJECTED, reason.strip(), user
        voucher.save()
    return voucher


def entitlement(voucher: Voucher, usage: Usage) -> list[split.Part]:
    """What the rules pay towards this usage's fee, level by level."""
    return split.split(voucher.enterprise, usage.fee_yuan, timezone.localtime(usage.start).date())


def claim(
    user: User,
    voucher: Voucher,
    usage: Usage,
    amount_yuan: Decimal,
    invoice: UploadedFile | None = None,
    today: dt.date | None = None,
) -> Claim:
    """Redeem `amount_yuan` of the voucher for one usage record (the invoice may follow: attach_invoice)."""
    today = today or timezone.localdate()
    if not permissions.can_claim(user, voucher, usage):
        if voucher.settlement_mode == SettlementMode.PROVIDER_REDEEMS:
            raise VoucherRefused(_("这张创新券由服务机构兑付，须由提供服务的单位申请。"))
        raise VoucherRefused(_("只有申领企业可以申请兑付这张创新券。"))
    if invoice is not None:
        _check(invoice)
    if usage.organization_id != voucher.enterprise_id:
        raise VoucherRefused(_("这条使用记录的服务对象不是申领企业。"))
    if amount_yuan <= 0:
        raise VoucherRefused(_("兑付金额必须大于零。"))
    entitled = entitlement(voucher, usage)
    allowed = sum((part.amount_yuan for part in entitled), ZERO)
    if amount_yuan > allowed:
        raise VoucherRefused(
            _("按政策规则，这次服务（服务费 %(cost)s 元）最多可兑付 %(allowed)s 元。")
            % {"cost": _yuan(usage.fee_yuan), "allowed": _yuan(allowed)}
        )
    parts = split.apportion(entitled, amount_yuan)
    payee = (
        usage.shared.instrument.owner
        if voucher.settlement_mode == SettlementMode.PROVIDER_REDEEMS
        else voucher.enterprise
    )
    try:
        with transaction.atomic():
            voucher = Voucher.objects.select_for_update().get(pk=voucher.pk)
            if voucher.status != VoucherStatus.APPROVED:
                raise VoucherRefused(
                    _("这张创新券不在可使用状态（%(status)s）。") % {"status": voucher.get_status_display()}
                )
            if voucher.deadline is not None and today > voucher.deadline:
                raise VoucherRefused(
                    _("这张创新券已过使用截止日 %(day)s。") % {"day": voucher.deadline.isoformat()}
                )
            if timezone.localtime(usage.start).date() > today:
                raise VoucherRefused(_("服务尚未发生，不能兑付。"))
            new = Claim.objects.create(
                voucher=voucher,
                usage=usage,
                cost_yuan=usage.fee_yuan,
                amount_yuan=amount_yuan,
                payee=payee,
                claimed_by=user,
            )
            for part in parts:
                _redeem(new, voucher, part)
            if invoice is not None:
                new.invoice.save(invoice.name, invoice, save=True)
    except IntegrityError:
        raise VoucherRefused(_("这条使用记录已申请过兑付，同一服务不能重复兑付。")) from None
    return new


def _check(invoice: UploadedFile) -> None:
    try:
        check_invoice(invoice)
    except InvoiceRejected as problem:
        raise VoucherRefused(str(problem)) from None


def _redeem(new: Claim, voucher: Voucher, part: split.Part) -> None:
    share = VoucherShare.objects.filter(voucher=voucher, budget__level=part.level).first()
    taken = 0
    if share is not None:
        taken = VoucherShare.objects.filter(
            pk=share.pk, held_yuan__gte=F("redeemed_yuan") + part.amount_yuan
        ).update(redeemed_yuan=F("redeemed_yuan") + part.amount_yuan)
    if not taken:
        left = share.remaining_yuan if share is not None else ZERO
        raise VoucherRefused(
            _("创新券%(level)s额度不足（尚余 %(left)s 元，本次需 %(need)s 元）。")
            % {"level": _level_name(part.level), "left": _yuan(left), "need": _yuan(part.amount_yuan)}
        )
    ClaimPart.objects.create(
        claim=new,
        share=share,
        level=part.level,
        amount_yuan=part.amount_yuan,
        rule=part.rule,
        clause=part.clause,
    )


def attach_invoice(user: User, claim_: Claim, invoice: UploadedFile) -> Claim:
    if not permissions.can_claim(user, claim_.voucher, claim_.usage):
        raise VoucherRefused(_("只有申请兑付的单位可以上传发票。"))
    if claim_.status != ClaimStatus.SUBMITTED:
        raise VoucherRefused(_("已审核的兑付申请不能更换发票。"))
    _check(invoice)
    claim_.invoice.save(invoice.name, invoice, save=True)
    return claim_


def decide_claim(
    user: User, claim_: Claim, approve: bool, reason: str = "", today: dt.date | None = None
) -> Claim:
    """Approve: each level's part moves from held to spent in its budget. Return: back to the voucher."""
    if not permissions.can_decide_claim(user):
        raise VoucherRefused(_("只有科技局可以审核兑付申请。"))
    with transaction.atomic():
        claim_ = Claim.objects.select_for_update().get(pk=claim_.pk)
        if claim_.status != ClaimStatus.SUBMITTED:
            raise VoucherRefused(
                _("这条兑付申请已审核（%(status)s）。") % {"status": claim_.get_status_display()}
            )
        if approve and not claim_.invoice:
            raise VoucherRefused(_("尚未上传发票，不能兑付。"))
        if not approve and not reason.strip():
            raise VoucherRefused(_("请填写退回理由。"))
        for part in claim_.parts.select_related("share"):
            if approve:
                moved = VoucherBudget.objects.filter(
                    pk=part.share.budget_id, held_yuan__gte=part.amount_yuan
                ).update(
                    held_yuan=F("held_yuan") - part.amount_yuan, spent_yuan=F("spent_yuan") + part.amount_yuan
                )
                if not moved:
                    raise VoucherRefused(_("预算冻结金额与兑付不符，请核对预算。"))
            else:
                VoucherShare.objects.filter(pk=part.share_id).update(
                    redeemed_yuan=F("redeemed_yuan") - part.amount_yuan
                )
        claim_.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
        claim_.decided_by, claim_.reason = user, reason.strip()
        claim_.decided_on = today or timezone.localdate()
        claim_.save()
    return claim_


def release_expired(today: dt.date | None = None) -> int:
    """Vouchers past their deadline give back to their budgets what they hold and have not redeemed."""
    today = today or timezone.localdate()
    released = 0
    for pk in Voucher.objects.filter(status=VoucherStatus.APPROVED, deadline__lt=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            voucher = Voucher.objects.select_for_update().get(pk=pk)
            if voucher.status != VoucherStatus.APPROVED:
                continue
            for share in VoucherShare.objects.select_for_update().filter(voucher=voucher):
                unused = share.held_yuan - share.redeemed_yuan
                if unused > 0:
                    VoucherBudget.objects.filter(pk=share.budget_id).update(held_yuan=F("held_yuan") - unused)
                    share.held_yuan = share.redeemed_yuan
                    share.save()
            voucher.status = VoucherStatus.EXPIRED
            voucher.save()
            released += 1
    return released


def remaining_yuan(voucher: Voucher) -> Decimal:
    totals = voucher.shares.aggregate(held=Sum("held_yuan"), redeemed=Sum("redeemed_yuan"))
    return ((totals["held"] or ZERO) - (totals["redeemed"] or ZERO)).quantize(FEN)


def ledger(voucher: Voucher) -> list[dict[str, object]]:
    """Each level's part of the voucher, province first: granted, claimed (pending or paid) and paid."""
    rows = []
    shares = voucher.shares.select_related("budget__region").annotate(
        paid=Sum("parts__amount_yuan", filter=Q(parts__claim__status=ClaimStatus.APPROVED))
    )
    for share in sorted(shares, key=lambda share: Level.values.index(share.budget.level)):
        rows.append(
            {
                "level": share.budget.get_level_display(),
                "level_code": share.budget.level,
                "region": share.budget.region.name,
                "region_code": share.budget.region_id,
                "granted": share.held_yuan,
                "redeemed": share.redeemed_yuan,
                "paid": (share.paid or ZERO).quantize(FEN),
                "remaining": share.remaining_yuan,
            }
        )
    return rows

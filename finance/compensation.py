"""Risk compensation (风险补偿) of bad loans from a pool, in tiers, and claw-back of recoveries.

- What a pool covers of a bad loan is its outstanding principal (the loss), within what the pool covers
  per borrower (威政发〔2023〕5号 二.(六).23: 每家企业纳入风险补偿的贷款余额不超过2000万元) less what
  earlier claims of the same borrower on the pool already covered.
- The compensation is progressive over the covered loss: each tier pays its share of the part of the
  loss inside its band. The tiers are the pool's data (the seeds state none), edited with their history.
- A pool never pays out more than its balance.
- Money recovered later (处置回收) goes back to the pool in the share of the loss the pool bore
  (compensated ÷ loss), until everything it paid on the loan is back.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import User
from finance import loans as loan_logic
from finance.loans import FinanceError
from finance.models import CompensationClaim, Loan, PoolEntry, Recovery, RiskPool
from finance.vocabulary import ClaimStatus, LoanStatus, PoolEntryKind

FEN = Decimal("0.01")
ZERO = Decimal(0)


def balance(pool: RiskPool) -> Decimal:
    return pool.entries.aggregate(total=Sum("amount_yuan"))["total"] or ZERO


def tiered(pool: RiskPool, covered: Decimal) -> tuple[Decimal, list[dict[str, str]]]:
    """The pool's compensation of a covered loss, with the arithmetic of each tier."""
    total, lower, steps = ZERO, ZERO, []
    for tier in pool.tiers.all():
        upper = covered if tier.up_to_yuan is None else min(covered, tier.up_to_yuan)
        if upper <= lower:
            break
        part = ((upper - lower) * tier.share).quantize(FEN, ROUND_HALF_UP)
        steps.append({"from": str(lower), "to": str(upper), "share": str(tier.share), "amount": str(part)})
        total += part
        lower = upper
    return total, steps


def covered_left(pool: RiskPool, loan: Loan) -> Decimal | None:
    if pool.covered_per_borrower_yuan is None:
        return None
    used = (
        CompensationClaim.objects.filter(pool=pool, loan__borrower_id=loan.borrower_id)
        .exclude(loan=loan)
        .aggregate(total=Sum("covered_yuan"))["total"]
        or ZERO
    )
    return max(pool.covered_per_borrower_yuan - used, ZERO)


def fund(
    pool: RiskPool, on: dt.date, amount_yuan: Decimal, note: str = "", by: User | None = None
) -> PoolEntry:
    if amount_yuan <= 0:
        raise FinanceError(_("注资金额应大于零。"))
    entry = PoolEntry(pool=pool, kind=PoolEntryKind.FUNDING, on=on, amount_yuan=amount_yuan, note=note)
    entry._history_user = by
    entry.save()
    return entry


def compensate(loan: Loan, on: dt.date, by: User | None = None) -> CompensationClaim:
    with transaction.atomic():
        loan = Loan.objects.select_for_update().get(pk=loan.pk)
        if loan.status != LoanStatus.BAD:
            raise FinanceError(_("只有认定为不良的贷款才能申请风险补偿。"))
        if loan.pool_id is None:
            raise FinanceError(_("这笔贷款未纳入风险补偿备案。"))
        if CompensationClaim.objects.filter(loan=loan).exists():
            raise FinanceError(_("这笔贷款已获风险补偿。"))
        if on < loan.bad_on:
            raise FinanceError(_("补偿日期不能早于认定不良日。"))
        pool = RiskPool.objects.select_for_update().get(pk=loan.pool_id)
        loss = loan_logic.outstanding(loan)
        left = covered_left(pool, loan)
        covered = loss if left is None else min(loss, left)
        amount, steps = tiered(pool, covered)
        if amount <= 0:
            raise FinanceError(_("按资金池的分档与额度，这笔损失没有可补偿的金额。"))
        if amount > balance(pool):
            raise FinanceError(
                _("资金池余额 %(balance)s 元不足以支付补偿 %(amount)s 元。")
                % {"balance": f"{balance(pool):,.2f}", "amount": f"{amount:,.2f}"}
            )
        claim = CompensationClaim(
            loan=loan,
            pool=pool,
            claimed_on=on,
            loss_yuan=loss,
            covered_yuan=covered,
            compensated_yuan=amount,
            tiers=steps,
        )
        claim._history_user = by
        claim.save()
        entry = PoolEntry(
            pool=pool,
            kind=PoolEntryKind.COMPENSATION,
            on=on,
            amount_yuan=-amount,
            claim=claim,
            note=loan.contract_no,
        )
        entry._history_user = by
        entry.save()
    return claim


def recover(
    claim: CompensationClaim, on: dt.date, recovered_yuan: Decimal, by: User | None = None
) -> Recovery:
    if recovered_yuan <= 0:
        raise FinanceError(_("回收金额应大于零。"))
    with transaction.atomic():
        claim = CompensationClaim.objects.select_for_update().get(pk=claim.pk)
        if on < claim.claimed_on:
            raise FinanceError(_("回收日期不能早于补偿日期。"))
        recovered_before = claim.recoveries.aggregate(total=Sum("recovered_yuan"))["total"] or ZERO
        if recovered_before + recovered_yuan > claim.loss_yuan:
            raise FinanceError(
                _("累计回收不能超过损失本金 %(loss)s 元。") % {"loss": f"{claim.loss_yuan:,.2f}"}
            )
        share = claim.compensated_yuan / claim.loss_yuan
        back = min(
            (recovered_yuan * share).quantize(FEN, ROUND_HALF_UP),
            claim.compensated_yuan - claim.clawed_back_yuan,
        )
        recovery = Recovery(
            claim=claim, recovered_on=on, recovered_yuan=recovered_yuan, clawed_back_yuan=back
        )
        recovery._history_user = by
        recovery.save()
        claim.clawed_back_yuan += back
        claim.status = (
            ClaimStatus.CLAWED_BACK
            if claim.clawed_back_yuan >= claim.compensated_yuan
            else ClaimStatus.PARTLY_CLAWED_BACK
        )
        claim._history_user = by
        claim._change_reason = _("追回")
        claim.save()
        if back > 0:
            entry = PoolEntry(
                pool=claim.pool,
                kind=PoolEntryKind.CLAW_BACK,
                on=on,
                amount_yuan=back,
                claim=claim,
                note=claim.loan.contract_no,
            )
            entry._history_user = by
            entry.save()
    return recovery

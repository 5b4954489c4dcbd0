"""Loans as plain functions: issue with its schedule, record repayments, judge on-time repayment, declare
a loan bad. Each validates first and changes the loan, its records and their history in one
transaction, or raises `FinanceError` with a message a person can act on and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import User
from finance.models import Installment, Loan, Repayment
from finance.schedule import schedule
from finance.vocabulary import LoanStatus
from registry.vocabulary import OrganizationKind

ZERO = Decimal(0)
# The rulebook's parameter of the one-year LPR (全国银行间同业拆借中心), read for a loan's reference rate.
LPR_PARAMETER = "lpr_1y"


class FinanceError(Exception):
    """An act the rules do not allow now; the message says why, in the user's language."""


def previous_month_end(day: dt.date) -> dt.date:
    return day.replace(day=1) - dt.timedelta(days=1)


def reference_lpr(signed: dt.date) -> Decimal | None:
    """The 1-year LPR in force at the end of the month before signing (威政发〔2023〕5号 二.(六).25: 按照
    贷款合同签订日上月1年期贷款市场报价利率), from the rulebook's dated parameter."""
    from benefits import rule_store  # imported late: benefits reaches planning, whose indicators load ours

    for policy in rule_store.live_rulebook().policies:
        value = policy.parameter(LPR_PARAMETER, previous_month_end(signed))
        if value is not None:
            return value
    return None


def _save(record: object, by: User | None, reason: str = "") -> None:
    record._history_user = by
    if reason:
        record._change_reason = reason
    record.save()


def issue(loan: Loan, by: User | None = None) -> Loan:
    """Save a new loan with its reference LPR and repayment schedule."""
    if loan.amount_yuan <= 0:
        raise FinanceError(_("贷款金额应大于零。"))
    if loan.issued < loan.signed:
        raise FinanceError(_("放款日不能早于合同签订日。"))
    if loan.lender.kind != OrganizationKind.FINANCIAL_INSTITUTION:
        raise FinanceError(_("贷款银行须为资源库中的金融机构。"))
    if loan.pool_id and loan.pool.products and loan.product not in loan.pool.products:
        raise FinanceError(_("该资金池不覆盖此贷款品种。"))
    with transaction.atomic():
        loan.lpr = reference_lpr(loan.signed)
        loan.created_by = loan.created_by or by
        _save(loan, by, _("放款"))
        Installment.objects.bulk_create(
            Installment(
                loan=loan,
                number=d.number,
                due=d.due,
                principal_yuan=d.principal_yuan,
                interest_yuan=d.interest_yuan,
            )
            for d in schedule(loan.amount_yuan, loan.rate, loan.issued, loan.term_months, loan.method)
        )
    return loan


def principal_repaid(loan: Loan, by_day: dt.date | None = None) -> Decimal:
    repayments = loan.repayments.all()
    if by_day:
        repayments = repayments.filter(paid_on__lte=by_day)
    return repayments.aggregate(total=Sum("principal_yuan"))["total"] or ZERO


def outstanding(loan: Loan) -> Decimal:
    return loan.amount_yuan - principal_repaid(loan)


def late_installments(loan: Loan, today: dt.date) -> list[Installment]:
    """Instalments due by `today` that were not covered by their due date: what was repaid (principal and
    interest) up to each due date must reach what was due up to it."""
    repayments = list(loan.repayments.all())
    late, due_total = [], ZERO
    for installment in loan.installments.all():
        if installment.due > today:
            break
        due_total += installment.principal_yuan + installment.interest_yuan
        paid = sum(
            (r.principal_yuan + r.interest_yuan for r in repayments if r.paid_on <= installment.due), ZERO
        )
        if paid < due_total:
            late.append(installment)
    return late


def repaid_on_time(loan: Loan) -> bool:
    """结清 with every instalment covered by its due date (按时还本付息)."""
    return loan.status == LoanStatus.REPAID and not late_installments(loan, loan.repaid_on)


def record_repayment(
    loan: Loan, paid_on: dt.date, principal_yuan: Decimal, interest_yuan: Decimal, by: User | None = None
) -> Repayment:
    if principal_yuan < 0 or interest_yuan < 0 or principal_yuan + interest_yuan <= 0:
        raise FinanceError(_("还款金额应大于零。"))
    with transaction.atomic():
        loan = Loan.objects.select_for_update().get(pk=loan.pk)
        if loan.status != LoanStatus.ACTIVE:
            raise FinanceError(
                _("贷款当前为“%(status)s”，不能登记还款。") % {"status": loan.get_status_display()}
            )
        if paid_on < loan.issued:
            raise FinanceError(_("还款日不能早于放款日。"))
        if principal_yuan > outstanding(loan):
            raise FinanceError(
                _("归还本金不能超过贷款余额 %(left)s 元。") % {"left": f"{outstanding(loan):,.2f}"}
            )
        repayment = Repayment(
            loan=loan,
            paid_on=paid_on,
            principal_yuan=principal_yuan,
            interest_yuan=interest_yuan,
            recorded_by=by,
        )
        _save(repayment, by)
        if outstanding(loan) == 0:
            loan.status = LoanStatus.REPAID
            loan.repaid_on = paid_on
            _save(loan, by, _("结清"))
    return repayment


def declare_bad(loan: Loan, on: dt.date, by: User | None = None) -> Loan:
    """认定不良: only a loan with an instalment past due and unpaid."""
    with transaction.atomic():
        loan = Loan.objects.select_for_update().get(pk=loan.pk)
        if loan.status != LoanStatus.ACTIVE:
            raise FinanceError(
                _("贷款当前为“%(status)s”，不能认定不良。") % {"status": loan.get_status_display()}
            )
        if not late_installments(loan, on):
            raise FinanceError(_("贷款没有逾期未还的款项，不能认定不良。"))
        loan.status = LoanStatus.BAD
        loan.bad_on = on
        _save(loan, by, _("认定不良"))
    return loan

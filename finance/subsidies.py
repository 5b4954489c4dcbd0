"""Interest subsidies (贷款贴息) computed by the benefit rules, never by a rate written here.

A repaid loan's subsidy is what the live rulebook pays for the loan's `loan_issued` event in its
borrower's real snapshot of the signing year (so the enterprise's qualifications and size decide, and
the rule's cap per loan and per year apply in date order over the firm's loans of the year). On top,
a rule whose clause caps the firm over all years (威政发〔2023〕5号 二.(六).23: 每家企业贴息不超过50万元)
names the parameter of that cap in `FIRM_CAPS`; what the firm was granted before under the same rule
is deducted. A subsidy of interest never exceeds the interest the borrower actually paid on the loan,
which is also what a rule of kind `cap` (最高…万元, the province's share unstated) grants up to. A loan
gets each rule's subsidy once.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import User
from benefits import rule_store
from benefits.calculator import Calculator, Rulebook, parse_snapshot
from benefits.calculator.engine import Item
from benefits.snapshots import snapshot_for
from finance.facts import loans_signed_in
from finance.loans import FinanceError
from finance.models import InterestSubsidy, Loan
from finance.vocabulary import LoanStatus

ZERO = Decimal(0)
TRIGGER = "loan_issued"
# Rule id → the parameter of its cap per firm over all years (the clause states it per enterprise).
FIRM_CAPS = {"weihai-2023.achievement-loan-interest": "achievement_loan_interest_amount"}


def _items_for(loan: Loan, rulebook: Rulebook) -> list[Item]:
    """The calculator's items for this loan's event in its borrower's snapshot of the signing year."""
    year = loan.signed.year
    snapshot = snapshot_for(loan.borrower, year, rulebook)
    order = [pk for pk in loans_signed_in([loan.borrower_id], year).values_list("pk", flat=True)]
    positions = [i for i, event in enumerate(snapshot["events"], 1) if event["type"] == TRIGGER]
    wanted = dict(zip(order, positions, strict=True)).get(loan.pk)
    result = Calculator(rulebook).evaluate(parse_snapshot(snapshot), year)
    return [
        item
        for item in result.items
        if item.event is not None and item.event.index == wanted and item.rule.trigger == TRIGGER
    ]


def firm_cap_left(loan: Loan, rule_id: str, rulebook: Rulebook) -> Decimal | None:
    name = FIRM_CAPS.get(rule_id)
    if name is None:
        return None
    rule = rulebook.by_id[rule_id]
    cap = rule.policy.parameter(name, loan.signed)
    if cap is None:
        return None
    granted = (
        InterestSubsidy.objects.filter(loan__borrower_id=loan.borrower_id, rule=rule_id)
        .exclude(loan=loan)
        .aggregate(total=Sum("amount_yuan"))["total"]
        or ZERO
    )
    return max(cap - granted, ZERO)


def interest_paid(loan: Loan) -> Decimal:
    return loan.repayments.aggregate(total=Sum("interest_yuan"))["total"] or ZERO


def preview(loan: Loan) -> list[dict]:
    """What the rules would pay on this loan now: each item, its amount before and after the caps."""
    rulebook = rule_store.live_rulebook()
    paid = interest_paid(loan)
    found = []
    for item in _items_for(loan, rulebook):
        if item.excluded_by:
            continue
        left = firm_cap_left(loan, item.rule.id, rulebook)
        amount = min(item.amount, paid)
        if left is not None:
            amount = min(amount, left)
        found.append({"item": item, "computed": item.amount, "amount": amount})
    return found


def grant(loan: Loan, on: dt.date, by: User | None = None) -> list[InterestSubsidy]:
    """Grant every subsidy the rules pay on a repaid loan (each rule once); raises FinanceError when the
    loan is not repaid or the rules pay nothing more."""
    with transaction.atomic():
        loan = Loan.objects.select_for_update().get(pk=loan.pk)
        if loan.status != LoanStatus.REPAID:
            raise FinanceError(_("贷款结清后才能核定贴息。"))
        if on < loan.repaid_on:
            raise FinanceError(_("核定日期不能早于结清日。"))
        done = set(loan.subsidies.values_list("rule", flat=True))
        granted = []
        for found in preview(loan):
            item = found["item"]
            if item.rule.id in done or found["amount"] <= 0:
                continue
            rule, policy, clause, title, _kind = item.rule.heading
            subsidy = InterestSubsidy(
                loan=loan,
                rule=rule,
                policy=policy,
                clause=clause,
                title=title,
                computed_yuan=found["computed"],
                amount_yuan=found["amount"],
                explanation=json.loads(json.dumps(item.explanation or {}, default=str)),
                granted_on=on,
                granted_by=by,
            )
            subsidy._history_user = by
            subsidy.save()
            granted.append(subsidy)
        if not granted:
            raise FinanceError(_("按现行规则，这笔贷款没有（更多）可核定的贴息。"))
    return granted

"""Who may see and do what with loans, subsidies and risk pools; pages, forms and the API all ask here.

- the bureau and department officers see everything; the bureau grants subsidies, manages the pools,
  compensates bad loans and records recoveries;
- a lender's users (bank staff) see the loans their bank made, enter new ones, record repayments and
  declare a loan bad;
- a borrower's users see their own loans and subsidies;
- nobody else sees a loan (loan terms are confidential).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from finance.models import Loan, RiskPool
from kechuang.access import AnyUser, is_bureau, is_staff_member, own_organization_id
from registry.models import Organization
from registry.vocabulary import OrganizationKind


def loans_for_user(user: AnyUser) -> QuerySet[Loan]:
    loans = Loan.objects.select_related("lender", "borrower", "pool")
    if is_staff_member(user):
        return loans
    organization_id = own_organization_id(user)
    if organization_id is None:
        return loans.none()
    return loans.filter(Q(lender_id=organization_id) | Q(borrower_id=organization_id))


def pools_for_user(user: AnyUser) -> QuerySet[RiskPool]:
    return RiskPool.objects.all() if is_staff_member(user) else RiskPool.objects.none()


def is_lender_side(user: AnyUser, loan: Loan) -> bool:
    organization_id = own_organization_id(user)
    return bool(organization_id and loan.lender_id == organization_id)


def can_enter_loans(user: AnyUser) -> bool:
    """The bureau, or a financial institution's users (for their own bank)."""
    if is_bureau(user):
        return True
    organization_id = own_organization_id(user)
    return bool(
        organization_id
        and Organization.objects.filter(
            pk=organization_id, kind=OrganizationKind.FINANCIAL_INSTITUTION
        ).exists()
    )


def can_service(user: AnyUser, loan: Loan) -> bool:
    """Record repayments and declare the loan bad: the lender's users and the bureau."""
    return is_bureau(user) or is_lender_side(user, loan)


def can_decide(user: AnyUser) -> bool:
    """Grant interest subsidies, compensate bad loans, record recoveries, fund pools: the bureau."""
    return is_bureau(user)


def can_view_statistics(user: AnyUser) -> bool:
    return is_staff_member(user)

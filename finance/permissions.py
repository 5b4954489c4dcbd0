"""Who may see and do what with loans, subsidies and risk pools; pages, forms and the API all ask here.

- the bureau and department officers see everything; the bureau grants subsidies, manages the pools,
  compensates bad loans and records recoveries;
- a lender's users (bank staff) see the loans their bank made, enter new ones, record repayments and
  declare a loan bad;
- a borrower's users see their own loans and subsidies;
- nobody else sees a loan (loan terms are confidential).

Financial products are a public catalogue; their bank's users and the bureau maintain them. A financing
request is seen by its enterprise, by the bank once it is sent to one of the bank's products, and by staff;
only that bank answers it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from finance.models import FinancialProduct, FinancingRequest, Loan, RiskPool
from finance.vocabulary import RequestStatus
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
    return is_bureau(user) or _bank_id(user) is not None


def can_service(user: AnyUser, loan: Loan) -> bool:
    """Record repayments and declare the loan bad: the lender's users and the bureau."""
    return is_bureau(user) or is_lender_side(user, loan)


def can_decide(user: AnyUser) -> bool:
    """Grant interest subsidies, compensate bad loans, record recoveries, fund pools: the bureau."""
    return is_bureau(user)


def can_view_statistics(user: AnyUser) -> bool:
    return is_staff_member(user)


def products_for_user(user: AnyUser) -> QuerySet[FinancialProduct]:
    """The public catalogue: products on offer; those withdrawn too for their bank and the staff."""
    products = FinancialProduct.objects.select_related("bank")
    if is_staff_member(user):
        return products
    organization_id = own_organization_id(user)
    own = Q(bank_id=organization_id) if organization_id else Q(pk__in=[])
    return products.filter(Q(on_offer=True) | own)


def _bank_id(user: AnyUser) -> int | None:
    """The user's organization when it is a financial institution."""
    organization_id = own_organization_id(user)
    if (
        organization_id
        and Organization.objects.filter(
            pk=organization_id, kind=OrganizationKind.FINANCIAL_INSTITUTION
        ).exists()
    ):
        return organization_id
    return None


def can_maintain_product(user: AnyUser, product: FinancialProduct | None = None) -> bool:
    """The bureau any product; a bank's users their own bank's (and new ones for it)."""
    if is_bureau(user):
        return True
    bank_id = _bank_id(user)
    return bool(bank_id and (product is None or product.bank_id == bank_id))


def requests_for_user(user: AnyUser) -> QuerySet[FinancingRequest]:
    """Staff see every request; an enterprise its own; a bank those sent to its products."""
    requests = FinancingRequest.objects.select_related("enterprise", "product__bank", "loan")
    if is_staff_member(user):
        return requests
    organization_id = own_organization_id(user)
    if organization_id is None:
        return requests.none()
    return requests.filter(
        Q(enterprise_id=organization_id)
        | Q(product__bank_id=organization_id, status__in=RequestStatus.sent_to_bank())
    )


def can_file_request(user: AnyUser) -> bool:
    """An enterprise's users, for their own enterprise."""
    organization_id = own_organization_id(user)
    return bool(
        organization_id
        and Organization.objects.filter(pk=organization_id, kind=OrganizationKind.ENTERPRISE).exists()
    )


def is_requester(user: AnyUser, request: FinancingRequest) -> bool:
    organization_id = own_organization_id(user)
    return bool(organization_id and request.enterprise_id == organization_id)


def can_answer_request(user: AnyUser, request: FinancingRequest) -> bool:
    """Accept or decline: the users of the bank whose product the request was sent to."""
    organization_id = own_organization_id(user)
    return bool(organization_id and request.product_id and request.product.bank_id == organization_id)

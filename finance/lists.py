"""The loan list's columns: what its page sorts by and what its export writes (kechuang.listing)."""

from __future__ import annotations

from operator import attrgetter, methodcaller

from django.utils.translation import gettext_lazy as _

from finance.vocabulary import LoanProduct, LoanStatus
from kechuang.listing import Column, in_choice_order

LOAN_COLUMNS = (
    Column(_("借款合同编号"), attrgetter("contract_no"), key="contract", order_by=("contract_no",)),
    Column(
        _("贷款品种"),
        methodcaller("get_product_display"),
        key="product",
        order_by=(in_choice_order("product", LoanProduct.choices),),
    ),
    Column(_("借款企业"), attrgetter("borrower.name"), key="borrower", order_by=("borrower__name",)),
    Column(_("贷款银行"), attrgetter("lender.name"), key="lender", order_by=("lender__name",)),
    Column(_("放款日"), lambda loan: loan.issued.isoformat(), key="issued"),
    Column(_("贷款金额（元）"), attrgetter("amount_yuan"), key="amount", order_by=("amount_yuan",)),
    Column(_("年利率"), attrgetter("rate"), key="rate"),
    Column(
        _("状态"),
        methodcaller("get_status_display"),
        key="status",
        order_by=(in_choice_order("status", LoanStatus.choices),),
    ),
)

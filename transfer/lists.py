"""The columns of every list of contracts (the contract list, a statistics cell's records, an agency's
contracts): what their pages sort by and what their exports write (kechuang.listing)."""

from __future__ import annotations

from operator import attrgetter, methodcaller

from django.utils.translation import gettext_lazy as _

from kechuang.listing import Column, in_choice_order
from transfer.models import Contract
from transfer.vocabulary import ContractStatus, ContractType

ROWS_TEMPLATE = "transfer/partials/contract_rows.html"


def _registered(contract: Contract) -> str:
    return contract.registered.isoformat() if contract.registered else ""


CONTRACT_COLUMNS = (
    Column(_("登记号"), attrgetter("registration_no"), key="number", order_by=("registration_no",)),
    Column(_("项目名称"), attrgetter("title"), key="title"),
    Column(
        _("合同类型"),
        methodcaller("get_contract_type_display"),
        key="type",
        order_by=(in_choice_order("contract_type", ContractType.choices),),
    ),
    Column(_("卖方"), attrgetter("seller_name"), key="seller", order_by=("seller_name",)),
    Column(_("买方"), attrgetter("buyer_name"), key="buyer", order_by=("buyer_name",)),
    Column(_("登记日期"), _registered, key="registered"),
    Column(_("成交额（元）"), attrgetter("amount_yuan"), key="amount", order_by=("amount_yuan",)),
    Column(
        _("技术交易额（元）"),
        attrgetter("technical_amount_yuan"),
        key="technical",
        order_by=("technical_amount_yuan",),
    ),
    Column(
        _("登记状态"),
        methodcaller("get_status_display"),
        key="status",
        order_by=(in_choice_order("status", ContractStatus.choices),),
    ),
)

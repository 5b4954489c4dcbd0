"""The transfer app's facts for benefit snapshots (kechuang.plugins): every contract registered in the
year is a `contract_registered` event of both parties, each seeing the other as its counterparty.

The event's date is the registration date (a contract counts from the day it is registered), its
amount the registered 成交额. One query, whatever the number of organizations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from kechuang.plugins import Facts, whole_yuan
from transfer.models import Contract


def collect(organization_ids: Sequence[int], year: int, years: Sequence[int]) -> dict[int, Facts]:
    wanted = set(organization_ids)
    contracts = (
        Contract.objects.registered()
        .filter(registered__year=year)
        .filter(Q(seller_id__in=organization_ids) | Q(buyer_id__in=organization_ids))
        .order_by("registered", "pk")
        .values(
            "seller_id",
            "buyer_id",
            "registered",
            "contract_type",
            "amount_yuan",
            "seller_kind",
            "seller_region_id",
            "buyer_kind",
            "buyer_region_id",
        )
    )
    found: dict[int, Facts] = {}
    for contract in contracts:
        for role, party, other in (("seller", "seller", "buyer"), ("buyer", "buyer", "seller")):
            organization_id = contract[f"{party}_id"]
            if organization_id in wanted:
                found.setdefault(organization_id, Facts()).events.append(_event(contract, role, other))
    return found


def _event(contract: dict[str, Any], role: str, other: str) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "contract_registered",
        "date": contract["registered"].isoformat(),
        "contract_type": contract["contract_type"],
        "amount_yuan": whole_yuan(contract["amount_yuan"]),
        "counterparty_kind": contract[f"{other}_kind"],
        "role": role,
    }
    if contract[f"{other}_region_id"]:
        event["counterparty_region"] = contract[f"{other}_region_id"]
    return event

"""Subsidies a registered contract earns its parties (Weihai's buyer subsidy: 5 % of the contract, at most
30万 a year, 威政发〔2023〕5号 二.(三).14), computed by the live benefit rules, never by a rate written here.

A contract is a `contract_registered` event in each party's real snapshot of its registration year
(transfer.facts), so the party's qualifications, the counterparty's kind and region and the rule's yearly
cap (applied in registration order over the party's contracts of the year) all decide. A contract earns
each party each rule's subsidy once.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from benefits import rule_store
from benefits.calculator import Calculator, parse_snapshot
from benefits.calculator.engine import Item
from benefits.snapshots import snapshot_for
from registry.models import Organization
from transfer.models import Contract, ContractSubsidy
from transfer.registration import RegistrationError
from transfer.vocabulary import ContractStatus

TRIGGER = "contract_registered"


@dataclass(frozen=True)
class Due:
    organization: Organization
    item: Item

    @property
    def amount_yuan(self) -> Decimal:
        return self.item.amount


def _items_for(contract: Contract, party: Organization) -> list[Item]:
    """The calculator's items for this contract's event in the party's snapshot of the registration year."""
    year = contract.registered.year
    rulebook = rule_store.live_rulebook()
    snapshot = snapshot_for(party, year, rulebook)
    order = list(
        Contract.objects.registered()
        .filter(registered__year=year)
        .filter(Q(seller_id=party.pk) | Q(buyer_id=party.pk))
        .order_by("registered", "pk")
        .values_list("pk", flat=True)
    )
    positions = [i for i, event in enumerate(snapshot["events"], 1) if event["type"] == TRIGGER]
    wanted = dict(zip(order, positions, strict=True)).get(contract.pk)
    result = Calculator(rulebook).evaluate(parse_snapshot(snapshot), year)
    return [
        item
        for item in result.items
        if item.event is not None
        and item.event.index == wanted
        and item.rule.trigger == TRIGGER
        and not item.excluded_by
        and item.amount > 0
    ]


def due(contract: Contract) -> list[Due]:
    """What the rules pay the contract's parties known to the registry, not yet granted."""
    if contract.status != ContractStatus.REGISTERED or contract.registered is None:
        return []
    granted = set(contract.subsidies.values_list("organization_id", "rule"))
    found = []
    for party in (contract.buyer, contract.seller):
        if party is None:
            continue
        for item in _items_for(contract, party):
            if (party.pk, item.rule.id) not in granted:
                found.append(Due(party, item))
    return found


def grant(contract: Contract, on: dt.date, by: User | None = None) -> list[ContractSubsidy]:
    """Grant what the rules pay now; raises RegistrationError when they pay nothing (more)."""
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        if contract.status != ContractStatus.REGISTERED:
            raise RegistrationError(_("只有已登记的合同才能核定补助。"))
        if on < contract.registered:
            raise RegistrationError(_("核定日期不能早于登记日期。"))
        granted = []
        for found in due(contract):
            rule, policy, clause, title, _kind = found.item.rule.heading
            subsidy = ContractSubsidy(
                contract=contract,
                organization=found.organization,
                rule=rule,
                policy=policy,
                clause=clause,
                title=title,
                computed_yuan=Decimal(str(found.item.computed)).quantize(Decimal("0.01")),
                amount_yuan=found.amount_yuan,
                explanation=json.loads(json.dumps(found.item.explanation or {}, default=str)),
                granted_on=on,
                granted_by=by,
            )
            subsidy._history_user = by
            subsidy.save()
            granted.append(subsidy)
        if not granted:
            raise RegistrationError(_("按现行规则，这份合同没有（更多）可核定的补助。"))
    return granted

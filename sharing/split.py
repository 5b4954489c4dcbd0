"""How a voucher-paid service fee splits between the levels of government, read from the rule book.

Nothing here states a percentage. The provincial part is the share the rule book quotes for the
provincial voucher (威政发〔2023〕5号 二.(七).30: "在省级创新券补助40%的基础上"): the `co_funding` entry
paid by 省级创新券 of a `voucher_used` rule that splits the whole fee (one of its payers is the user's
own part). The province's voucher is the same across the province, so any such rule in force in the
enterprise's province gives it. The city and county parts are what the calculator pays for a
`voucher_used` event with that cost and provincial subsidy, on the enterprise's real snapshot (its
size decides whether it is a 中小微企业): 20 % in Weihai, 1:1 in Zibo, 30 % of the cost in 高青县 and 沂源县.
A rule change in the rule editor is therefore a split change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from benefits import rule_store
from benefits.calculator import Calculator, Rulebook, parse_snapshot
from benefits.calculator.rules import Rule
from benefits.snapshots import snapshot_for
from registry.adcodes import region_prefix
from registry.models import Organization
from sharing.vocabulary import Level

FEN = Decimal("0.01")
PROVINCIAL_PAYER = "省级创新券"
SELF_PAID_PAYER = "使用单位自付"
TRIGGER = "voucher_used"


@dataclass(frozen=True)
class Part:
    level: str
    amount_yuan: Decimal
    rule: str
    clause: str


def provincial_rate(rulebook: Rulebook, region: str, day: dt.date) -> tuple[Decimal, Rule] | None:
    """The provincial voucher's share of the fee, and the rule quoting it, for an enterprise in `region`."""
    province = region[:2] + "0000"
    for rule in rulebook.rules:
        if rule.trigger != TRIGGER or not rule.in_force(day):
            continue
        if region_prefix(rule.policy.region)[:2] != province[:2]:
            continue
        payers = {entry.payer: entry.share for entry in rule.spec.co_funding}
        if SELF_PAID_PAYER in payers and payers.get(PROVINCIAL_PAYER) is not None:
            return payers[PROVINCIAL_PAYER], rule
    return None


def rule_level(rule: Rule) -> str:
    """County when the rule names counties only (高青县、沂源县), else the level of its policy's region."""
    regions = rule.spec.regions or [rule.policy.region]
    if all(not code.endswith("00") for code in regions):
        return Level.COUNTY
    return Level.PROVINCIAL if all(code.endswith("0000") for code in regions) else Level.MUNICIPAL


def split(
    enterprise: Organization, cost_yuan: Decimal, day: dt.date, rulebook: Rulebook | None = None
) -> list[Part]:
    """What each level pays towards a fee of `cost_yuan` used on `day` (levels paying nothing omitted)."""
    rulebook = rulebook or rule_store.live_rulebook()
    parts: list[Part] = []
    provincial = Decimal("0.00")
    found = provincial_rate(rulebook, enterprise.region_id, day)
    if found is not None:
        rate, rule = found
        provincial = (cost_yuan * rate).quantize(FEN, ROUND_HALF_UP)
        if provincial > 0:
            parts.append(Part(Level.PROVINCIAL, provincial, rule.id, rule.spec.clause))
    snapshot = snapshot_for(enterprise, day.year)
    snapshot["events"] = [
        {
            "type": TRIGGER,
            "date": day.isoformat(),
            "cost_yuan": str(cost_yuan),
            "provincial_subsidy_yuan": str(provincial),
        }
    ]
    result = Calculator(rulebook).evaluate(parse_snapshot(snapshot), day.year, explain=False)
    by_level: dict[str, Part] = {}
    for item in result.items:
        if item.rule.trigger != TRIGGER or item.excluded_by or item.amount <= 0:
            continue
        level = rule_level(item.rule)
        amount = item.amount.quantize(FEN, ROUND_HALF_UP)
        earlier = by_level.get(level)
        if earlier is not None:
            amount += earlier.amount_yuan
        by_level[level] = Part(level, amount, item.rule.id, item.rule.spec.clause)
    parts.extend(by_level.values())
    return parts


def apportion(parts: list[Part], amount_yuan: Decimal) -> list[Part]:
    """`amount_yuan` (at most the parts' total) shared out in proportion to the parts, to the fen;
    the last part takes the rounding remainder so the pieces add up exactly."""
    total = sum((part.amount_yuan for part in parts), Decimal(0))
    if not parts or total <= 0:
        return []
    if amount_yuan >= total:
        return list(parts)
    pieces: list[Part] = []
    left = amount_yuan
    for index, part in enumerate(parts):
        piece = (
            left
            if index == len(parts) - 1
            else (amount_yuan * part.amount_yuan / total).quantize(FEN, ROUND_HALF_UP)
        )
        piece = min(piece, left)
        left -= piece
        pieces.append(Part(part.level, piece, part.rule, part.clause))
    return [piece for piece in pieces if piece.amount_yuan > 0]


def budget_region(enterprise: Organization, level: str) -> str:
    """The region whose budget of `level` pays for this enterprise: its province, city or county."""
    code = enterprise.region_id
    if level == Level.PROVINCIAL:
        return code[:2] + "0000"
    if level == Level.MUNICIPAL:
        return code[:4] + "00"
    return code

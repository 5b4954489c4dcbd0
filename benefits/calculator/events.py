"""The event types of an entity snapshot (contract 3 in docs/interfaces.md), in one table.

Each type has its fields with their kinds, the one field rules usually match on (the engine indexes
rules by it) and the Chinese label pages and explanations show. Snapshot validation, rule validation,
the engine's index and the explanations all read this table, so a new event type is one row here.

Field kinds: text, number, bool, and the closed vocabularies in `CHOICES`; a kind starting with "?"
marks an optional field.
"""

from __future__ import annotations

from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks a sentence for makemessages without needing settings at import time (Django's own
    gettext_noop reads them, and the database-free calculator runs without them); pages and
    explanations translate it where they show it."""
    return message


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    label: str  # Chinese source text, translated where shown
    fields: dict[str, str]
    key: str | None = None  # the field rules match on, when there is one


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "platform_approved",
        gettext_noop("平台获批"),
        {"platform_type": "text", "level": "level", "role": "?role"},
        key="platform_type",
    ),
    EventType(
        "platform_evaluated",
        gettext_noop("平台绩效评价"),
        # score, rank and cohort (the round's size) extend contract 3, so 择优 can be a rule over the ranking.
        {
            "platform_type": "text",
            "level": "level",
            "grade": "grade",
            "score": "?number",
            "rank": "?number",
            "cohort": "?number",
        },
        key="platform_type",
    ),
    EventType(
        "qualification_granted", gettext_noop("资质认定"), {"qualification": "text"}, key="qualification"
    ),
    EventType(
        "contract_registered",
        gettext_noop("技术合同登记"),
        {
            "contract_type": "text",
            "amount_yuan": "number",
            "counterparty_kind": "?text",
            "counterparty_region": "?text",
            "role": "?party",
        },
        key="contract_type",
    ),
    EventType(
        "voucher_used",
        gettext_noop("使用创新券"),
        {"cost_yuan": "number", "provincial_subsidy_yuan": "?number"},
    ),
    EventType(
        "incubator_space_built",
        gettext_noop("孵化用房建设"),
        {"area_m2": "number", "construction": "construction"},
        key="construction",
    ),
    EventType(
        "loan_issued",
        gettext_noop("贷款发放"),
        {
            "product": "text",
            "amount_yuan": "number",
            "rate": "?number",
            "days": "?number",
            "first_time": "?bool",
            "repaid_on_time": "?bool",
        },
        key="product",
    ),
    EventType(
        "award_received",
        gettext_noop("获奖"),
        {"award": "text", "level": "?level", "grade": "?text", "role": "?text", "amount_yuan": "?number"},
        key="award",
    ),
    EventType(
        "talent_introduced", gettext_noop("人才引进"), {"program": "text", "level": "?level"}, key="program"
    ),
    EventType(
        "competition_placed",
        gettext_noop("赛事获奖"),
        {"competition": "text", "level": "?level", "place": "?text"},
        key="competition",
    ),
    # Extends contract 3 for the fee and premium subsidies of Weihai 2023 二.(六).24–25: a fee or
    # premium the entity paid, by item code and amount.
    EventType(
        "expense_paid", gettext_noop("费用支出"), {"item": "text", "amount_yuan": "number"}, key="item"
    ),
)
EVENTS: dict[str, EventType] = {event_type.name: event_type for event_type in EVENT_TYPES}

# The closed vocabularies a field kind may name.
CHOICES: dict[str, frozenset[str]] = {
    "level": frozenset({"national", "provincial", "municipal", "county"}),
    "role": frozenset({"lead", "participant"}),
    "grade": frozenset({"excellent", "good", "pass", "fail"}),
    "party": frozenset({"buyer", "seller"}),
    "construction": frozenset({"new", "renovation"}),
}

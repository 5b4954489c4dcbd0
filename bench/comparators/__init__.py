"""Other engines on five of Kechuang's Weihai rules, for `python -m bench.calculator` (issue 17).

The same five rules written for OpenFisca (`openfisca_weihai`, a small tax-benefit system vectorised
over the population) and for zen-engine (`zen_weihai`, a JSON decision graph), each beside Kechuang's
calculator restricted to the same rules. Each comparator is a command that reads the snapshot lines
(contract 3) and writes one line per entity:

    {"entity": USCC, "amounts": {rule id: yuan, ...}, "total_yuan": yuan}

an entity's amount per rule being the sum of its items after the yearly caps. The bench checks
every line against Kechuang to the fen before any time counts.

The five rules are one per kind of fact a rule reads (`FIVE_RULES`); `agreement` holds the reference
(Kechuang restricted to them) and the comparison.
"""

from __future__ import annotations

import importlib.util
from typing import Any

POLICY = "weihai-2023-innovation-city"
FIVE_RULES = (
    "weihai-2023.rd-increment",  # yearly data: this year against the last, with a per-item cap
    "weihai-2023.high-tech-growth",  # a grant: qualification_granted, revenue three years back
    "weihai-2023.innovation-voucher",  # vouchers: a share of the cost
    "weihai-2023.tech-contract-buyer",  # contracts: a share of each, capped per year in date order
    "weihai-2023.national-innovation-center",  # platform approvals: a fixed amount by type and level
)

# The package each comparator needs (the `bench` optional dependencies in pyproject.toml).
PACKAGES = {"openfisca": "openfisca_core", "zen": "zen"}


def installed(comparator: str) -> bool:
    return importlib.util.find_spec(PACKAGES[comparator]) is not None


def amounts_line(entity: str | None, by_rule: dict[str, Any], total: Any) -> dict[str, Any]:
    """The line a comparator writes for one entity."""
    return {"entity": entity, "amounts": by_rule, "total_yuan": total}

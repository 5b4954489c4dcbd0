"""Unit names as documents write them, and how they match the departments in the registry.

Documents use short forms (市科技局, 市发展改革委) while the registry holds full names (淄博市科学技术局,
淄博市发展和改革委员会). Both are reduced to one key: the city's name is dropped (the task's region already
says which city) and the rest is spelled as the policies' unit dictionary spells it
(policies/data/units.yaml, the one table of unit spellings, plus the aliases reviewers taught it:
see policies.unit_aliases).
"""

from __future__ import annotations

import re

from policies.ingest.units import active_dictionary

CITY_PREFIX = re.compile(r"^(中共)?[\u4e00-\u9fa5]{2,3}?市(?![区县])(?=.)")
SPACES = re.compile(r"\s+")


def unit_key(name: str) -> str:
    """淄博市科学技术局 and 市科技局 → 市科学技术局; 中共淄博市委组织部 → 市委组织部;
    安顺学院 stays 安顺学院."""
    key = SPACES.sub("", name).replace("(", "（").replace(")", "）")
    match = CITY_PREFIX.match(key)
    if match and not key.startswith("市"):
        key = "市" + key[match.end() :]
    return active_dictionary().canonical(key)


def city_of(name: str) -> str | None:
    """The city a full unit name starts with: 淄博市科学技术局 → 淄博市; None for 市科技局."""
    match = CITY_PREFIX.match(SPACES.sub("", name))
    return match.group(0).removeprefix("中共") if match else None


def split_units(text: str) -> list[str]:
    """“市科技局、市财政局等部门” → ["市科技局", "市财政局"]."""
    text = UNIT_FILLER.sub("", text)
    return [part.strip() for part in re.split(r"[、,，；;]", text) if part.strip()]


UNIT_FILLER = re.compile(r"(责任单位[:：]|等部门|等单位|按职责分工负责|按照职能职责分工负责|负责)")
# The parenthesis closing a clause that names its units: （市科技局牵头，市财政局配合）.
UNIT_PARENTHESIS = re.compile(r"[（(]([^（）()]*(?:\([^（）()]*\)[^（）()]*)*)[）)]\s*$")


def units_in_text(text: str) -> tuple[list[str], list[str]]:
    """Lead and cooperating units named in a clause's closing parenthesis; every unit leads unless the text
    says who leads (牵头) and who cooperates (配合)."""
    match = UNIT_PARENTHESIS.search(text.strip())
    if not match or not re.search(r"(牵头|负责|责任单位)", match.group(1)):
        return [], []
    inside = match.group(1)
    if "牵头" not in inside:
        return split_units(inside), []
    lead, _, cooperating = inside.partition("牵头")
    return split_units(lead), split_units(cooperating.replace("配合", ""))

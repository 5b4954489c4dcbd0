"""Unit names as documents write them, and how they match the departments in the registry.

Documents use short forms (市科技局, 市发展改革委) while the registry holds full names (淄博市科学技术局,
淄博市发展和改革委员会). Both are reduced to one key: the city's name is dropped (the task's region already
says which city) and full forms become the short forms used in the texts.
"""

from __future__ import annotations

import re

# Full form → the short form the seed texts use. Longest first, so that a longer form wins over its prefix.
SHORT_FORMS = {
    "人民政府国有资产监督管理委员会": "国资委",
    "国有资产监督管理委员会": "国资委",
    "人力资源和社会保障局": "人力资源社会保障局",
    "发展和改革委员会": "发展改革委",
    "地方金融监督管理局": "地方金融监管局",
    "市场监督管理局": "市场监管局",
    "自然资源和规划局": "自然资源和规划局",
    "科学技术协会": "科协",
    "住房和城乡建设局": "住房城乡建设局",
    "投资促进局": "投促局",
    "卫生健康委员会": "卫生健康委",
    "科学技术局": "科技局",
    "工业和信息化局": "工业和信息化局",
}
CITY_PREFIX = re.compile(r"^(中共)?[\u4e00-\u9fa5]{2,3}?市(?![区县])(?=.)")
SPACES = re.compile(r"\s+")


def unit_key(name: str) -> str:
    """淄博市科学技术局 → 市科技局; 中共淄博市委组织部 → 市委组织部; 安顺学院 stays 安顺学院."""
    key = SPACES.sub("", name).replace("（", "(").replace("）", ")")
    match = CITY_PREFIX.match(key)
    if match and not key.startswith("市"):
        key = "市" + key[match.end() :]
    for full, short in sorted(SHORT_FORMS.items(), key=lambda item: -len(item[0])):
        key = key.replace(full, short)
    return key


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

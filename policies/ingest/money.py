"""Money provisions: what a clause gives and how much, read sentence by sentence.

- "给予200万元奖励" is fixed, "给予不超过50万元补助" / "最高100万元" / "上限100万元" a cap;
- "按增量5%的比例", "按照1:1的比例" a ratio (0.05, 1); "每平方米100元" a fixed rate per 平方米;
- "分别给予200万元、50万元" are two provisions;
- not provisions: conditions ("增量超过100万元的", "100万元(含)以上的"), loan or insurance sizes
  ("贷款余额不超过2000万元"), another level's grant that this one tops up ("在省级补助40%的基础上"),
  how a prize is split ("奖金的50%用于…"), and the size of a budget or fund nobody is given
  ("每年安排专项资金不少于5000万元", "设立规模2亿元的基金").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import NUMBER, to_decimal, yuan

_GIVING = re.compile(r"给予|补助|奖励|补贴|资助|扶持|支持|贴息|配套|经费|资金|服务费用|提取|返还|计发")
# an allowance deducted at a standard amount ("按照每月1000元的标准定额扣除", "在80000元限额内据实扣除") is
# given too; a share deducted on top of costs ("按照研究开发费用的百分之五十加计扣除") is a tax parameter
_DEDUCTION = re.compile(r"定额扣除|据实扣除|扣除标准|扣除额度")
# fines are money the government takes, never gives: "处二万元以上十万元以下的罚款"
_PENALTY = re.compile(r"罚款|罚金|处罚|没收")
_AMOUNT = re.compile(rf"(?P<number>{NUMBER})(?P<multiplier>亿|万|千)?元")
_LIST_AMOUNT = re.compile(rf"(?P<number>{NUMBER})(?P<multiplier>亿|万|千)?元?(?=、{NUMBER}(?:亿|万|千)?元)")
# 85% or 百分之八十五 (百分之一点二 is 1.2%)
_PERCENT = re.compile(r"(?P<number>\d+(?:\.\d+)?)%|百分之(?P<chinese>[零〇一二三四五六七八九十百点]+)")
_PROPORTION = re.compile(r"(?P<left>\d+(?:\.\d+)?)[:：](?P<right>\d+(?:\.\d+)?)")
_CAP_BEFORE = re.compile(
    r"(?:不超过|不高于|最高(?:不超过)?|最多|上限(?:不超过)?|至多|封顶)(?:给予|补贴|补助|奖励|资助|支持|扶持)?"
    r"(?:每[家个项人处年]|为)?$"
)
_CONDITION_BEFORE = re.compile(
    r"(?:(?<!不)超过|达到|突破|完成|实现|增长|增加|(?<!不)高于|(?<!不)低于|满)[^，；。]{0,4}$"
)
_CONDITION_AFTER = re.compile(
    r"^(?:（含）)?(?:以上|以下|及以上|及以下)|^（含）的|^的(?:单位|企业|项目)?[，；。]"
)
_SIZE_NOUN = re.compile(
    r"(?:贷款|余额|保额|额度|授信|保险|投资额|总额|营业收入|销售收入|产值|工作量|规模|基金|专项资金|预算)"
    r"[^，；。]{0,6}$"
)
# setting money aside ("每年安排…专项资金不少于5000万元") budgets it; it gives nothing to anyone yet
_BUDGETING = re.compile(r"(?:安排|筹集)[^，；。]*$")
# "每家企业每年支持总额最高不超过1000万元": the total one beneficiary may receive is a cap, not a budget
_SUBSIDY_NOUN = re.compile(r"(?:补助|奖励|补贴|贴息|资助|支持)(?:资金|额度|金额|总额)?$")
_PER_UNIT = re.compile(
    r"每(平方米|㎡|亩|米|公里|吨|千瓦时|千瓦|台套|台|套|小时|天|人次|人|户|家|项|个)(?:每(月|年|天|次))?"
    r"(?:给予|补贴|补助|奖励|资助|发放)?(?:不超过|最高)?$"
)
# "2000元/人·月", "500元/平方米": a rate per unit written after the amount
_PER_UNIT_AFTER = re.compile(
    r"^[/／](平方米|㎡|亩|人次|人|户|家|项|台套|台|套|千瓦时|千瓦|瓦)(?:[·•/／](月|年|天|次))?"
)
# "给予10万—50万元", "5万元至20万元": a range pays up to its upper end
_RANGE_BEFORE = re.compile(r"(?P<low>\d+(?:\.\d+)?)(?:亿|万|千)?元?(?:—|－|-|~|～|至|到)$")
_DESCRIBED_RATE = re.compile(
    r"(?:增长|增速|增长率|比重|强度|占比|提高到|提高至|提升到|降低|下降|减少|扣除|费率|风险责任)[^，；。]{0,6}$"
    # "经费占本级财政经常性支出的比例应当分别不低于…": a share of spending, nobody is given it
    r"|占[^，；。]{1,20}的(?:比例|比重)[^，；。]{0,20}$"
)
# "…用于设备购置" spends money on something; "提取百分之七十用于一次性奖励" still gives it to people
_ALLOCATION_AFTER = re.compile(r"^用于(?!(?:一次性)?奖励)")
# "在80000元限额内据实扣除": the amount bounds what is given
_CAP_AFTER = re.compile(r"^(?:的)?(?:限额|额度)(?:内|以内)")
_PRIZE_SHARE = re.compile(r"(?:总额|奖金|奖励|收益)的[^，；。]{0,4}$")


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    amount_yuan: Decimal | None
    kind: str
    ratio: Decimal | None
    per_unit: str | None
    beneficiary: str


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences (ended by 。 ； ！ ？ or a line break) in text[start:end]."""
    spans = []
    piece = start
    for index in range(start, end):
        if text[index] in "。；！？\n":
            if index > piece:
                spans.append((piece, index))
            piece = index + 1
    if piece < end:
        spans.append((piece, end))
    return spans


def _segment_start(text: str, sentence_start: int, position: int) -> int:
    comma = max(text.rfind("，", sentence_start, position), text.rfind("、", sentence_start, position))
    return comma + 1 if comma >= 0 else sentence_start


# "分布式光伏：0.25元/千瓦时。" under "奖励标准如下：": a rate the heading says is given
_STATED_RATE = re.compile(rf"{NUMBER}(?:亿|万|千)?元[/／]")
# "由0.1元/千瓦时…调整至0.25元/千瓦时": the amounts after 由 are the old ones the clause replaces
_REPLACED_BY = re.compile(r"(?:调整|提高|降低|上调|下调|提升)(?:至|为|到)")


def find_money(text: str, start: int, end: int, *, stated_rates: bool = False) -> list[MoneyMention]:
    """The money provisions of text[start:end]. With `stated_rates` (the clause's heading or its parent's
    says what is given: "奖励标准如下："), a sentence that only states a rate per unit gives it too."""
    mentions: list[MoneyMention] = []
    for sentence_start, sentence_end in sentences(text, start, end):
        sentence = text[sentence_start:sentence_end]
        giving = _GIVING.search(sentence) or (stated_rates and _STATED_RATE.search(sentence))
        if not (giving or _DEDUCTION.search(sentence)) or _PENALTY.search(sentence):
            continue
        found: list[tuple[int, int, Decimal | None, str, Decimal | None, str | None]] = []
        taken: list[tuple[int, int]] = []
        for match in list(_AMOUNT.finditer(sentence)) + list(_LIST_AMOUNT.finditer(sentence)):
            if any(s <= match.start() < e for s, e in taken):
                continue
            amount = yuan(match.group("number"), match.group("multiplier") or "")
            if amount is None or amount <= 0:
                continue
            multiplier = match.group("multiplier") or ""
            if not match.group(0).endswith("元"):
                # "200、50万元" or "200万元、50万元": the list shares the last amount's unit
                tail = re.match(rf"、{NUMBER}(亿|万|千)?元", sentence[match.end() :])
                multiplier = multiplier or (tail.group(1) if tail else "") or ""
                amount = yuan(match.group("number"), multiplier)
            item = _classify(sentence, match.start(), match.end())
            if item is None:
                continue
            kind, span_start, per_unit = item
            taken.append((match.start(), match.end()))
            found.append((span_start, match.end(), amount, kind, None, per_unit))
        for match in _PERCENT.finditer(sentence) if giving else ():
            ratio = _ratio_item(sentence, match)
            if ratio is not None:
                found.append((ratio[0], match.end(), None, "ratio", ratio[1], None))
        for match in _PROPORTION.finditer(sentence):
            after = sentence[match.end() : match.end() + 6]
            before = sentence[max(0, match.start() - 6) : match.start()]
            left, right = to_decimal(match.group("left")), to_decimal(match.group("right"))
            if left and right is not None and ("比例" in after or "配套" in after or "按" in before):
                found.append((match.start(), match.end(), None, "ratio", right / left, None))
        beneficiary = ""
        for span_start, span_end, amount, kind, ratio, per_unit in sorted(found, key=lambda item: item[0]):
            # a cap that follows in the same sentence ("…最高100万元") is for the same beneficiary
            beneficiary = _beneficiary(sentence, span_start) or beneficiary
            mentions.append(
                MoneyMention(
                    sentence_start + span_start,
                    sentence_start + span_end,
                    amount,
                    kind,
                    ratio.normalize() if ratio is not None else None,
                    per_unit,
                    beneficiary,
                )
            )
    return mentions


def _classify(sentence: str, start: int, end: int) -> tuple[str, int, str | None] | None:
    segment_start = _segment_start(sentence, 0, start)
    before = sentence[segment_start:start]
    # "200万元、50万元": the later amounts of a list read the first one's context
    list_start = start
    while (
        list_start > 0
        and sentence[list_start - 1] == "、"
        and re.search(rf"{NUMBER}(?:亿|万|千)?元?$", sentence[: list_start - 1])
    ):
        previous = re.search(rf"{NUMBER}(?:亿|万|千)?元?$", sentence[: list_start - 1])
        assert previous is not None
        list_start = previous.start()
        before = sentence[_segment_start(sentence, 0, list_start) : list_start]
    after = sentence[end : end + 12]
    if _CONDITION_AFTER.search(after) or _ALLOCATION_AFTER.search(after):
        return None
    if _CONDITION_BEFORE.search(before) and not _CAP_BEFORE.search(before):
        return None
    if (
        "由" in sentence[:start]
        and _REPLACED_BY.search(sentence, end)
        and not _REPLACED_BY.search(sentence[:start])
    ):
        return None
    if _within_other_levels_grant(sentence, start):
        return None
    head = _CAP_BEFORE.sub("", before)
    if _SIZE_NOUN.search(head) and not _SUBSIDY_NOUN.search(head) or _BUDGETING.search(head):
        return None
    per_unit = _PER_UNIT.search(before)
    written_after = _PER_UNIT_AFTER.match(sentence[end:])
    if per_unit or written_after:
        found = per_unit or written_after
        assert found is not None
        unit = found.group(1) + (f"·{found.group(2)}" if found.group(2) else "")
        cap = _CAP_BEFORE.search(before) or (per_unit and re.search(r"不超过|最高", per_unit.group(0)))
        return ("cap" if cap else "fixed"), start - (len(per_unit.group(0)) if per_unit else 0), unit
    span = _RANGE_BEFORE.search(before)
    if span:
        return "cap", start - (len(before) - span.start()), None
    cap = _CAP_BEFORE.search(before)
    if cap:
        return "cap", (start - len(before) + cap.start()) if list_start == start else start, None
    if "上限" in before[-6:] or _CAP_AFTER.match(after):
        return "cap", start, None
    return "fixed", start, None


def _within_other_levels_grant(sentence: str, position: int) -> bool:
    """ "在省级…给予补助的基础上，市级再…": amounts before 基础上 belong to the other level's grant."""
    basis = sentence.find("基础上", position)
    if basis < 0:
        return False
    opening = sentence.rfind("在", 0, position)
    return (
        opening >= 0
        and "，" not in sentence[position:basis]
        and bool(re.search(r"省|国家|中央|上级", sentence[opening:position]))
    )


def percent_value(match: re.Match[str]) -> Decimal | None:
    """The number of a _PERCENT match, whichever way it is written."""
    if match.group("chinese") == "百":  # 百分之百
        return Decimal(100)
    return to_decimal(match.group("number") or match.group("chinese"))


def _ratio_item(sentence: str, match: re.Match[str]) -> tuple[int, Decimal] | None:
    value = percent_value(match)
    if value is None or value <= 0:
        return None
    before = sentence[_segment_start(sentence, 0, match.start()) : match.start()]
    after = sentence[match.end() : match.end() + 12]
    if _CONDITION_AFTER.search(after) or _ALLOCATION_AFTER.search(after) or after.startswith("（含）"):
        return None
    if _CONDITION_BEFORE.search(before) and not _CAP_BEFORE.search(before):
        return None
    # rates that describe (增长30%, 比重60%) or set a tax parameter (扣除比例提高到100%) are not money given,
    # nor how a prize is split ("获得奖励的份额不低于奖励总额的百分之七十")
    if _DESCRIBED_RATE.search(before) or _PRIZE_SHARE.search(before):
        return None
    if _within_other_levels_grant(sentence, match.start()):
        return None
    segment = before + match.group(0) + after
    if not (re.search(r"按|比例|的\d", before + match.group(0)) or _GIVING.search(segment)):
        return None
    cap = _CAP_BEFORE.search(before)
    start = match.start() - (len(before) - cap.start()) if cap else match.start()
    return start, value / 100


def _beneficiary(sentence: str, position: int) -> str:
    """The "对…的" phrase that says who receives the money, when the sentence names one."""
    head = sentence[:position]
    opening = None
    for found in re.finditer(r"(?:^|[，；：])对(?!于)|(?:^|[，；：])对于", head):
        opening = found.end()
    if opening is None:
        # "企业购买…科技成果并在本市转化的，按…": the clause that ends in 的 names who receives it
        condition = re.search(r"(?:^|[，；：])([^，；：]{2,60}的)，[^，；]*$", head)
        return condition.group(1) if condition else ""
    phrase = re.split(r"[，；]|给予|按照?|分别|一次性", head[opening:], maxsplit=1)[0]
    return phrase.strip()[:60]

"""Targets: quantities a document commits to reach ("到2027年…突破3000家", "研发投入强度达到3%以上",
"新建院士工作站10家", "打造30个校企合作示范专业"), and the yearly columns of an annex table of indicators.

A quantity is a target when a comparator goes with it (达到, 突破, 超过, 以上, 左右 …), or when a verb of
building (新建, 新增, 培育, 引进 …) introduces it, or when it closes a sentence that says by which year.
Not targets: conditions of eligibility ("增长10%(含)以上的"), money provisions, and counts that only
describe ("依托7个研究中心", "在7个研究中心基础上")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .money import sentences
from .numbers import to_decimal

UNITS = (
    # quantities of works, longest first ("60万平方米", "10亿千瓦", "3.44平方公里")
    "平方公里",
    "万平方米",
    "平方米",
    "亿千瓦",
    "万千瓦",
    "千瓦",
    "公里",
    "万亩",
    "亩",
    "万吨",
    "人次",
    "万亿元",
    "亿元",
    "万元",
    "万人",
    "家",
    "个",
    "项",
    "人",
    "名",
    "所",
    "次",
    "座",
    "件",
    "篇",
    "场",
    "支",
    "%",
    "倍",
    "条",
    "套",
    "台",
    "户",
    "期",
    "批",
    "幢",
    "栋",
)
_UNIT = "|".join(re.escape(unit) for unit in UNITS)
_WORK_UNITS = set(UNITS[: UNITS.index("人次")])
_CN_NUMBER = "[零〇一二三四五六七八九十百点]+"
_QUANTITY = re.compile(
    rf"(?P<value>\d+(?:\.\d+)?)(?:(?:-|～|~|至)(?P<upper>\d+(?:\.\d+)?))?(?P<more>余)?\s?(?P<unit>{_UNIT})"
    # 百分之二 / 百分之二至百分之三 / 百分之一点二
    rf"|百分之(?P<cn_value>{_CN_NUMBER})(?:至百分之(?P<cn_upper>{_CN_NUMBER}))?"
)
_LIST_VALUE = re.compile(rf"(?P<value>\d+(?:\.\d+)?)(?P<unit>{_UNIT})[、和]$")
# "分别达到65%和55%": the second value of a 分别 list joined by 和
_PAIRED_AFTER = re.compile(rf"分别[^，。；]*\d+(?:\.\d+)?(?:{_UNIT})和$")
# "种植、收获机械化率均达到45%": one value for each of the items the subject lists
_EACH = re.compile(r"均(?:不低于|不少于|达到|突破|超过|保持在)$")
# verbs of doing a work ("实施7公里…改造", "完成60万平方米"), read as commitments in a sentence given a year
_WORK_VERB = re.compile(r"(?:推进|实施|完成|启动|改造|整治|修缮)$")
_COMPARATOR_WORDS = {
    "降至": "<=",
    "降低到": "<=",
    "降低至": "<=",
    "下降到": "<=",
    "下降至": "<=",
    "压减到": "<=",
    "不低于": ">=",
    "不少于": ">=",
    "达到": ">=",
    "突破": ">=",
    "保持在": ">=",
    "稳定在": "=",
    "提高到": ">=",
    "提升到": ">=",
    "增加到": ">=",
    "扩大到": ">=",
    "提高至": ">=",
    "提升至": ">=",
    "增加至": ">=",
    "扩大至": ">=",
    "增长": ">=",
    "增加": ">=",
    "超过": ">",
    "高于": ">",
    "控制在": "<=",
    "不超过": "<=",
    "不高于": "<=",
}
_BEFORE_WORD = re.compile(
    r"(?:不低于|不少于|达到|突破|保持在|稳定在|(?:提高|提升|增加|扩大)[到至]|增长|增加|(?<!不)超过|(?<!不)高于|控制在"
    r"|不超过|不高于|降至|降低[到至]|下降[到至]|压减到)(?:分别)?$"
)
_NOT_A_GOAL_BEFORE = re.compile(
    r"(?:近|每|前|第|共|等|和|与|及|(?<!保持)(?<!控制)(?<!稳定)在|依托|通过|围绕)$"
)
_AFTER_WORD = re.compile(r"^(?:以上|以内|以下|左右)")
_BUILD_VERB = re.compile(
    r"(?:新建|新增|培育|建设|引进|引育|打造|组建|遴选|争创|创建|认定|落地|开展|支持|组织|招引|新认定|扶持|建成|布局|推出)$"
)
_SEGMENT_OPENING = re.compile(
    r"^(?:(?:力争|积极|加快|大力|全力|每年|年内|当年|再|累计|全市|共|其中)?)*"
    r"(?:新建|新增|培育|建设|引进|引育|打造|组建|遴选|争创|创建|认定|落地|开展|支持|组织|招引|建成)"
)
_LEADING_TIME = re.compile(r"^(?:到?\d{4}年(?:底|末)?前?|\d{1,2}月(?:底|末)?前|年内|年底前|当年)")
_LEADING_ADVERBS = re.compile(r"^(?:力争|积极|加快|大力|全力|每年|年内|当年|再|累计|全市|共|其中|确保)+")
_LEADING_VERB = re.compile(
    r"^(?:新建|新增|培育|建设|引进|引育|打造|组建|遴选|争创|创建|认定|落地|开展|支持|组织|招引|建成)"
)
_TRAILING_COMPARATOR = re.compile(
    r"(?:分别)?(?:不低于|不少于|达到|突破|保持在|提高到|提升到|增加到|增长|增加|超过|高于|控制在)?$"
)
_BY_YEAR = re.compile(r"到(\d{4})年|(\d{4})年(?:底|末)?前|(\d{4})年(?:底|末)")
_IN_YEAR = re.compile(r"^(?:在|于)?(\d{4})年(?![底末前内度])")
_THIS_YEAR = re.compile(r"(?<![\d一二三四五六七八九十两])年内|年底前|全年|(?<!\d)\d{1,2}月(?:底|末)?前")


# a threshold a rule keeps every year ("比例不低于50%", "费率不超过1%") binds those it regulates; it is a
# target only when it is given a year or reached for (达到, 突破, 降至 …)
_STANDING_WORDS = {"不低于", "不少于", "不超过", "不高于", "高于", "保持在", "控制在"}
# fines ("处违法所得1倍以上5倍以下的罚款") are not goals
_PENALTY = re.compile(r"罚款|罚金")


def quantity_value(match: re.Match[str]) -> Decimal | None:
    return to_decimal(match.group("value") or match.group("cn_value"))


def quantity_unit(match: re.Match[str]) -> str:
    return match.group("unit") or "%"


@dataclass(frozen=True)
class TargetMention:
    start: int
    end: int
    indicator: str
    value: Decimal
    unit: str
    year: int | None
    comparator: str


# "松江区城市更新2025年度实施计划", "2024年工作要点": a plan for one year, whose tasks are that year's
_YEARLY_PLAN = re.compile(
    r"(\d{4})年度?[^《》\d（）()]{0,16}?(?:实施计划|工作计划|推进计划|工作要点|工作方案)"
)


# "三年行动计划（2024—2026年）": a plan for several years, whose tasks are due by its last year
_SEVERAL_YEARS_PLAN = re.compile(
    r"(?:行动计划|行动方案|实施方案|实施计划|工作方案)[^《》\d]{0,4}[（(]\d{4}\s*[—\-－～~至到]+\s*(\d{4})年?[）)]"
)


def yearly_plan_year(title: str) -> int | None:
    """The year of a plan for one year, from its title (the plan a notice carries counts); for a plan of
    several years, its last year."""
    found = _YEARLY_PLAN.search(title or "") or _SEVERAL_YEARS_PLAN.search(title or "")
    return int(found.group(1)) if found else None


def find_targets(
    text: str,
    start: int,
    end: int,
    *,
    document_year: int | None,
    taken: list[tuple[int, int]],
    plan_year: int | None = None,
) -> list[TargetMention]:
    """The targets of text[start:end]. `plan_year` is the year of a plan for one year: its tasks' quantities
    are that year's unless a sentence says otherwise."""
    mentions: list[TargetMention] = []
    clause_year: int | None = None
    for sentence_start, sentence_end in sentences(text, start, end):
        sentence = text[sentence_start:sentence_end]
        by_year = _BY_YEAR.search(sentence)
        if by_year and sentence.startswith("到", by_year.start()):
            clause_year = int(by_year.group(1))  # "到2022年，…" governs the goals that follow it
        in_year = _IN_YEAR.match(sentence)
        sentence_year = (
            int(next(group for group in by_year.groups() if group))
            if by_year
            else int(in_year.group(1))
            if in_year
            else document_year
            if _THIS_YEAR.search(sentence)
            else plan_year
        )
        if _PENALTY.search(sentence):
            continue
        for match in _QUANTITY.finditer(sentence):
            absolute = (sentence_start + match.start(), sentence_start + match.end())
            if any(s < absolute[1] and absolute[0] < e for s, e in taken):
                continue
            if match.start() and sentence[match.start() - 1].isdigit():
                continue
            # "扣除期限不能超过48个月", "10个工作日内": a length of time, not a count
            if match.group("unit") == "个" and sentence.startswith(("月", "工作日", "小时"), match.end()):
                continue
            found = _judge(sentence, match, has_year=(sentence_year or clause_year) is not None)
            if found is None:
                continue
            comparator, span_start, span_end, indicator = found
            # "每年…", "每两年…": a standing quota, not a goal for one year
            yearly = re.search(r"每[一两二三四五]?年", sentence[: match.start()])
            year = None if yearly else sentence_year or clause_year
            value = quantity_value(match)
            if value is None:
                continue
            _, before = _segment(sentence, match.start())
            each = _EACH.search(before)
            # "马铃薯种植、收获机械化率均达到45%": as many targets as the subject lists items
            count = before[: each.start()].count("、") + 1 if each else 1
            mentions.extend(
                TargetMention(
                    sentence_start + span_start,
                    sentence_start + span_end,
                    indicator,
                    value,
                    quantity_unit(match),
                    year,
                    comparator,
                )
                for _ in range(count)
            )
    return mentions


def _segment(sentence: str, position: int) -> tuple[int, str]:
    comma = max(sentence.rfind("，", 0, position), sentence.rfind("：", 0, position))
    start = comma + 1 if comma >= 0 else 0
    return start, sentence[start:position]


def _judge(sentence: str, match: re.Match[str], *, has_year: bool) -> tuple[str, int, int, str] | None:
    segment_start, before = _segment(sentence, match.start())
    after = sentence[match.end() :]
    # "突破1亿元、5000万元的": the list's later values say whether its first one is a condition
    listed = re.match(rf"^(?:、\d+(?:\.\d+)?(?:{_UNIT}))+", after)
    condition_after = after[listed.end() :] if listed else after
    after_word = _AFTER_WORD.match(after)
    span_end = match.end() + (after_word.end() if after_word else 0)
    rest = after[after_word.end() if after_word else 0 :]
    # an eligibility condition: "…增长10%(含)以上的，", "…超过10%(含)的"
    condition = re.match(r"^(?:（含）)?(?:以上|以下)?(?:且[^，。；]*)?的(?!目标)", condition_after)
    if condition or rest.startswith("（含）"):
        return None
    # "近3年", "第2批", "等7个", "依托7个研究中心": counts that describe, not commit
    if _NOT_A_GOAL_BEFORE.search(before) and not _PAIRED_AFTER.search(before):
        return None
    list_before = before
    while _LIST_VALUE.search(list_before):  # "分别达到60家、40家": the list shares its first value's words
        list_before = list_before[: _LIST_VALUE.search(list_before).start()]
    comparator = "="
    word = _BEFORE_WORD.search(list_before)
    if word:
        comparator = _COMPARATOR_WORDS[word.group(0).removesuffix("分别")]
    if after_word:
        comparator = {"以上": ">=", "以内": "<=", "以下": "<=", "左右": comparator}[after_word.group(0)]
    if match.group("upper") or match.group("cn_upper") or match.group("more"):
        comparator = ">="
    unit = quantity_unit(match)
    # "单体建筑面积2万平方米以上的大型公共建筑": an area or a length with no year says which works a rule
    # binds; a year makes it a work to be done ("完成旧住房修缮更新60万平方米")
    if unit in _WORK_UNITS and not has_year:
        return None
    if unit == "%" and not has_year and (not word or word.group(0).removesuffix("分别") in _STANDING_WORDS):
        return None
    # "…比例达到百分之一以及…的，可以承担…": a condition that runs on to its 的
    if re.match(r"^[^，。；]*的，", condition_after):
        return None
    if unit.endswith("元") and not (word and word.group(0) in {"突破", "达到", "超过"}):
        return None
    indicator_follows = bool(re.match(r"^[\u4e00-\u9fff“]", rest)) and not rest.startswith(("的", "和", "且"))
    if word or after_word:
        accepted = True
    elif indicator_follows:
        accepted = bool(_BUILD_VERB.search(list_before)) or has_year and bool(_WORK_VERB.search(list_before))
    else:
        accepted = bool(_SEGMENT_OPENING.match(before.lstrip())) or (
            has_year and bool(re.search(r"[\u4e00-\u9fff]$", list_before))
        )
    if not accepted:
        return None
    indicator = _indicator(before, rest, indicator_follows)
    span_start = match.start() - (len(word.group(0)) if word and word.end() == len(before) else 0)
    return comparator, span_start, span_end, indicator


def _indicator(before: str, rest: str, follows: bool) -> str:
    if follows:
        return re.split(r"[，。；、（\t]", rest, maxsplit=1)[0][:40]
    phrase = re.split(rf"\d+(?:\.\d+)?(?:{_UNIT})(?:以上|左右)?、", before)[-1].rsplit("\t", 1)[-1]
    phrase = _LEADING_TIME.sub("", phrase)
    phrase = _LEADING_ADVERBS.sub("", phrase)
    phrase = _LEADING_VERB.sub("", phrase)
    phrase = _TRAILING_COMPARATOR.sub("", phrase)
    return phrase.strip("、，")[-40:]

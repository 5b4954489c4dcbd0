"""Responsible units: the unit dictionary (one spelling per unit) and reading 责任单位 phrases.

Conventions, as documents write them:
- "（X牵头，Y、Z配合）", "（牵头单位：X；配合单位：Y）": X leads, Y and Z cooperate;
- "（责任单位：X（牵头）、Y）": X leads, Y cooperates;
- "（责任单位：X、Y、Z）": a list without 牵头 / 配合 words; the first-named unit leads and the others
  cooperate (the convention 分工方案 state as 排在第一位的为牵头单位, contract 2 in docs/interfaces.md);
- "（X、Y按职责分工负责）": the document's own convention, every unit leads its own share.
Units told in prose are read too (see `prose_units`): "X负责…", "由X负责", "X会同Y", "请X…",
"X是…的主管部门".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_DICTIONARY = Path(__file__).resolve().parent.parent / "data" / "units.yaml"

_ORG_SUFFIX = re.compile(
    r"(?:人民政府|政府|管委会|管委|管理委员会|委员会|办公室|办公厅|委|局|厅|办|部|院|所|会|中心|行|分行|支行|分局|学院|大学|协|署|站|队"
    r"|街道|镇|乡)$"
)
_GOVERNMENT_UNIT = re.compile(
    r"^(?:市|县|区|省|各|中共|共青团)[\u4e00-\u9fff（）]*(?:局|委|办|部|厅|院|所|会|政府|管委|中心|行|协)$"
    r"|(?:局|委员会|办公室|办公厅|人民政府|管委会)$"
)
_PLACE_ONLY = re.compile(r"(?:区|县|市|新城|园区|开发区)$")
# "县" / "高青县" / "山东省" in front of a unit's own name (at least two characters)
_PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}?)?[县区省](?=[\u4e00-\u9fff]{2})")
_DROP_TAIL = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位|机构)?(?:和(?:部门|单位))?|等)$")


class UnitDictionary:
    """Canonical unit names and their aliases; grows as reviewers correct names."""

    def __init__(self, entries: dict[str, list[str]] | None = None, path: Path | None = None) -> None:
        self.path = path
        self.entries: dict[str, list[str]] = {}
        self._canonical: dict[str, str] = {}
        for name, aliases in (entries or {}).items():
            for alias in [name, *(aliases or [])]:
                self.add_alias(name, alias)

    @classmethod
    def load(cls, path: Path = DEFAULT_DICTIONARY) -> UnitDictionary:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls(entries, path=path)

    def add_alias(self, canonical: str, alias: str) -> None:
        """Teach the dictionary that `alias` means `canonical` (a unit it may not know yet)."""
        canonical, alias = canonical.strip(), alias.strip()
        if not canonical or not alias:
            raise ValueError("单位名称不能为空")
        aliases = self.entries.setdefault(canonical, [])
        if alias != canonical and alias not in aliases:
            aliases.append(alias)
        self._canonical[_key(alias)] = canonical
        self._canonical[_key(canonical)] = canonical

    def save(self, path: Path | None = None) -> None:
        target = path or self.path
        if target is None:
            raise ValueError("没有指定单位词典文件")
        header = (
            "# The unit dictionary: canonical name → aliases, the one table of unit spellings (policies and\n"
            "# planning read it). Edited by policies.ingest.units.\n"
        )
        body = yaml.safe_dump(self.entries, allow_unicode=True, sort_keys=False, default_flow_style=None)
        target.write_text(header + body, encoding="utf-8")

    def lookup(self, name: str) -> str | None:
        """The canonical name `name` is recorded for (itself when it is canonical), without guessing."""
        return self._canonical.get(_key(name))

    def is_canonical(self, name: str) -> bool:
        return name.strip() in self.entries

    def copy(self) -> UnitDictionary:
        return UnitDictionary(self.entries, path=self.path)

    def canonical(self, name: str) -> str:
        """The dictionary's spelling of a unit; names it does not know come back tidied but unchanged."""
        name = name.strip()
        found = self._canonical.get(_key(name))
        if found:
            return found
        # "淄博市科技局" and "市科技局" are the same unit in a city's own document.
        city = re.match(r"^[\u4e00-\u9fff]{2,3}市(?=[\u4e00-\u9fff]{2,}[局委办部院所会])", name)
        if city:
            found = self._canonical.get(_key("市" + name[city.end() :]))
            if found:
                return found
        # a county's, district's or province's unit is spelled like the city's, its place name kept:
        # 县科技局 → 县科学技术局, 高青县科技局 → 高青县科学技术局, 山东省科技厅 → 山东省科学技术厅
        place = _PLACE_PREFIX.match(name)
        if place:
            spelled = self._level_spelling(name[place.end() - 1], name[place.end() :])
            if spelled:
                return name[: place.end()] + spelled
        return name

    def _level_spelling(self, level: str, rest: str) -> str | None:
        """How the dictionary spells a unit of another level, without its level character: the city's
        spelling, where a city's 局 is a province's 厅 (省人力资源社会保障厅 → 人力资源和社会保障厅)."""
        found = self._canonical.get(_key("市" + rest))
        if found and found.startswith("市"):
            return found[1:]
        if level == "省" and rest.endswith("厅"):
            found = self._canonical.get(_key("市" + rest[:-1] + "局"))
            if found and found.startswith("市") and found.endswith("局"):
                return found[1:-1] + "厅"
        return None


def _key(name: str) -> str:
    return re.sub(r"[（(）)\s]", "", name)


_dictionary: UnitDictionary | None = None


def default_dictionary() -> UnitDictionary:
    """The shipped dictionary (policies/data/units.yaml) alone."""
    global _dictionary
    if _dictionary is None:
        _dictionary = UnitDictionary.load()
    return _dictionary


@dataclass
class _Scope:
    build: Callable[[], UnitDictionary]
    built: UnitDictionary | None = None


# Aliases learned in review live in the database, which this module does not read: a request or a job
# opens a scope with a builder, and the dictionary is built at most once inside it, so every process
# sees an alias from the next request on without a cache to keep in step.
_scope: ContextVar[_Scope | None] = ContextVar("unit_dictionary_scope", default=None)


@contextmanager
def dictionary_scope(build: Callable[[], UnitDictionary]) -> Iterator[None]:
    token = _scope.set(_Scope(build))
    try:
        yield
    finally:
        _scope.reset(token)


def active_dictionary() -> UnitDictionary:
    """The dictionary of the current request or job (shipped plus learned), else the shipped one."""
    scope = _scope.get()
    if scope is None:
        return default_dictionary()
    if scope.built is None:
        scope.built = scope.build()
    return scope.built


def forget_active_dictionary() -> None:
    """After an alias changes, the current scope builds its dictionary again when next asked."""
    scope = _scope.get()
    if scope is not None:
        scope.built = None


@dataclass(frozen=True)
class UnitMention:
    raw: str
    name: str
    role: str  # lead | cooperating
    start: int
    end: int


# "（A、B指导）", "（A指导，B负责落实）": the role word after each list of a bracket
_ROLE_TAIL = re.compile(
    r"(?:牵头(?:负责)?|配合|协办|参与|按照?(?:职能)?职责分工负责|负责(?:落实|实施)?|指导)$"
)
_RESPONSIBILITY = re.compile(r"责任单位|牵头|配合|协办|主办|负责|参与单位|指导$|指导[，,]")


# the labels of the units that help the lead ("支撑单位：…", "协同单位：…") make them cooperate
_COOPERATING_LABELS = {"配合单位", "协办单位", "参与单位", "支撑单位", "协同单位", "配合部门", "协助单位"}
_LABELS = "责任单位|牵头单位|主办单位|责任部门|牵头部门|主责单位|负责部门|负责单位|" + "|".join(
    sorted(_COOPERATING_LABELS)
)
_LABELLED_LINE = re.compile(
    r"(?m)^(?:责任单位|牵头单位|责任部门|牵头部门|主责单位|负责部门|负责单位)[：:][^\n]+"
)
_UNIT_LABEL = re.compile(rf"^({_LABELS})[：:]")
# another label in the same brackets ("适用范围：…", "完成时限：…") ends the list of units
_OTHER_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")
# "列第一位者为牵头单位，下同": the document says how its lists read, for every list
FIRST_LEADS = re.compile(r"(?:列|排在?|排名)第一(?:位|个)?(?:者|的)?(?:单位|部门)?为牵头(?:单位|部门)")


def responsibility_groups(text: str) -> list[tuple[int, int]]:
    """Spans of the phrases that name responsible units: inside brackets ("（责任单位：…）",
    "（X牵头，Y配合）") or on a line of their own ("责任单位：…", "牵头单位：X；配合单位：Y")."""
    spans = [
        (line.start(), line.end() - len(line.group(0)) + len(line.group(0).rstrip("。；")))
        for line in _LABELLED_LINE.finditer(text)
    ]
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char == "（":
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == "）" and depth:
            depth -= 1
            if depth == 0:
                inner = text[start:index]
                if (
                    _RESPONSIBILITY.search(inner)
                    and _looks_like_unit_list(inner)
                    or (_closes_paragraph(text, index) and _only_unit_names(inner))
                ):
                    spans.append((start, index))
                elif "。" in inner:
                    # "（A指导，试点城市政府负责落实。以下均需…，不再列出）": the list before its note
                    head = inner[: inner.index("。")]
                    if _RESPONSIBILITY.search(head) and _looks_like_unit_list(head):
                        spans.append((start, start + len(head)))
    return sorted(spans)


def _closes_paragraph(text: str, index: int) -> bool:
    return text[index + 1 : index + 3].lstrip("。；").startswith("\n") or not text[index + 1 :].strip(
        "。； \n"
    )


def _only_unit_names(inner: str) -> bool:
    """ "（市科技局、市财政局）" closing a paragraph names the responsible units without saying so."""
    names = [_DROP_TAIL.sub("", name) for name in re.split(r"[、，；]", inner)]
    return all(len(name) >= 3 and _GOVERNMENT_UNIT.search(name) for name in names)


def _looks_like_unit_list(inner: str) -> bool:
    # "（X、Y负责。列第一位者为牵头单位，下同）": the convention note may follow the list in its brackets
    inner = re.split(r"[。，](?=[^。]*为牵头(?:单位|部门))", inner, maxsplit=1)[0]
    if "。" in inner or len(inner) > 300:
        return False
    body = re.sub(r"^(?:责任单位|牵头单位|主办单位|负责部门|负责单位)[：:]", "", inner)
    names = [_ROLE_TAIL.sub("", name) for name in re.split(r"[、，；]", body)]
    return any(_ORG_SUFFIX.search(_DROP_TAIL.sub("", name)) or "市" in name[:3] for name in names)


def read_units(
    text: str, start: int, end: int, dictionary: UnitDictionary, *, first_leads: bool = False
) -> list[UnitMention]:
    """The units named in text[start:end] (a responsibility phrase without its brackets). With
    `first_leads` (the document says 列第一位者为牵头单位) every list reads first-named-leads, even one
    that says 按职责分工负责."""
    inner = text[start:end]
    mentions: list[UnitMention] = []
    lead_marked = bool(re.search(r"牵头", FIRST_LEADS.sub("", inner)))
    labelled = bool(re.search(r"(?:配合|协办|参与|支撑单位|协同单位|协助单位)(?:单位)?", inner))
    shared = bool(_SHARED_DUTY.search(inner)) and not first_leads
    in_units = True
    # "（A指导，B负责落实）": lists that each say their role read each on its own
    own_roles = 0
    parts: list[list[UnitMention]] = []
    for part_start, part_end in _split_spans(inner, "；，;。"):
        part = inner[part_start:part_end]
        role = "lead"
        label = _UNIT_LABEL.match(part)
        if label:
            in_units = True
        elif _OTHER_LABEL.match(part) or FIRST_LEADS.search(part):
            in_units = False
        if not in_units:
            continue
        body_start = part_start + (label.end() if label else 0)
        body_end = part_end
        if label and label.group(1) in _COOPERATING_LABELS:
            role = "cooperating"
        tail = _ROLE_TAIL.search(inner[body_start:body_end])
        part_mentions_from = len(mentions)
        if tail:
            own_roles += 1
            if tail.group(0) in {"配合", "协办", "参与"}:
                role = "cooperating"
            body_end = body_start + tail.start()
        elif lead_marked and not label and "（牵头）" not in inner[body_start:body_end]:
            # "X（牵头）、Y": the units not marked lead cooperate
            role = "cooperating"
        names = _split_names(inner, body_start, body_end, "（牵头）" in inner[body_start:body_end])
        for raw_start, raw_end, raw, is_marked_lead in names:
            unit_role = role
            if "（牵头）" in inner[body_start:body_end]:
                unit_role = "lead" if is_marked_lead else "cooperating"
            mentions.append(
                UnitMention(raw, dictionary.canonical(raw), unit_role, start + raw_start, start + raw_end)
            )
        parts.append(mentions[part_mentions_from:])
    if not (lead_marked or labelled or shared):
        # a plain list: the first-named leads, the others cooperate (each list of its own role apart)
        lists = parts if own_roles > 1 else [[m for part in parts for m in part]]
        mentions = [
            UnitMention(m.raw, m.name, "cooperating", m.start, m.end) if index else m
            for named in lists
            for index, m in enumerate(named)
        ]
    return _distribute_suffix(mentions, dictionary)


# "按职责分工负责", "按照职能职责分工负责", "分别负责", "各负其责": each unit named answers for its share.
_SHARED_DUTY = re.compile(r"按(?:照)?(?:职能)?(?:各自)?职责(?:分工)?负责|分别负责|各负其责|分工负责")


def _split_spans(text: str, separators: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    spans = []
    depth = 0
    piece_start = start
    for index in range(start, end):
        char = text[index]
        if char == "（":
            depth += 1
        elif char == "）":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            spans.append((piece_start, index))
            piece_start = index + 1
    spans.append((piece_start, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _split_names(text: str, start: int, end: int, has_marks: bool) -> list[tuple[int, int, str, bool]]:
    names = []
    for name_start, name_end in _split_spans(text, "、,", start, end):
        raw = text[name_start:name_end].strip()
        marked = raw.endswith("（牵头）")
        if marked:
            raw = raw[: -len("（牵头）")]
        tail = _DROP_TAIL.search(raw)
        if tail and tail.start() > 0:
            raw = raw[: tail.start()]
        if len(raw) < 2 or _GENERIC_LIST_ENTRY.match(raw):
            continue
        offset = text.index(raw, name_start)
        names.append((offset, offset + len(raw), raw, marked))
    return names


# "各相关部门", "有关单位" in a 责任单位 list name nobody in particular
_GENERIC_LIST_ENTRY = re.compile(
    r"^(?:各)?(?:有关|相关|其他)(?:部门|单位|机构|方面|街镇|镇街|街道|乡镇|镇|区县|县区|区)(?:和(?:部门|单位))?$"
)


def _distribute_suffix(mentions: list[UnitMention], dictionary: UnitDictionary) -> list[UnitMention]:
    """ "高新区、经济开发区、文昌湖区管委会": the place names share the last name's kind of unit."""
    result = list(mentions)
    for index, mention in enumerate(mentions):
        if not _PLACE_ONLY.search(mention.raw) or _ORG_SUFFIX.search(mention.raw):
            continue
        for later in mentions[index + 1 :]:
            suffix = re.search(r"(?:管委会|管委|人民政府|政府)$", later.raw)
            if suffix:
                name = dictionary.canonical(mention.raw + suffix.group(0))
                result[index] = UnitMention(mention.raw, name, mention.role, mention.start, mention.end)
                break
            if _ORG_SUFFIX.search(later.raw):
                break
    return result


# Units told in prose. A name is a government body: it names its level or place (市专利管理部门,
# 县级以上人民政府科学技术行政部门, 国务院专利行政部门, 区建设行政管理部门) or is a ministry or commission
# (科技部, 发展改革委); "有关部门", "办公室", "项目承担单位" or "建筑物所有权人" are not.
_BODY = (
    r"[\u4e00-\u9fff、（）()]{1,40}?"
    r"(?:部门|委员会|办公室|人民政府|管委会|分行|中心|政府|机关|机构|局|委|厅|部|办|院|署|行|会)"
    # "各地区政府办公厅（室）": one name for the 办公厅 of a province and the 办公室 of a city
    r"(?:（室）)?"
    # "中央金融管理部门驻湖机构": a national body's office in the place
    r"(?:驻[\u4e00-\u9fff]{1,3}机构)?(?![门员公民委府])"
)
_LEVEL_PREFIX = re.compile(
    r"^(?:市|县|区|省|州|盟|旗|乡|镇|街道|国务院|国家|中国|中共|中华人民共和国|自治区|直辖市|设区的市|各区|各县|各市"
    r"|县级以上|中央|[\u4e00-\u9fff]{2,4}(?:市|县|区|省)|北京|上海|天津|重庆)"
)
_MINISTRY = re.compile(r"^(?:[\u4e00-\u9fff]{2,10}(?:部|委|署|总局)|[\u4e00-\u9fff]{1,6}监会)$")
_GENERIC = re.compile(r"^(?:有关|相关|其他|各有关|各相关|各级|本级|同级|上级|主管|项目)")
_SEGMENT_START = "。；，：！？\n"
# 负责 as a duty: not 负责人 / 负责同志 (a person), not 负责解释 (who interprets the text); but 负责人工智能…,
# 负责人才…, 负责人事… are duties
_DUTY = re.compile(r"(?:具体|统一|主要|共同|分别)?负(?:总)?责(?!人(?![工才事民口])|同志|解释)")
_JOINT = re.compile(r"(?:应当|应|要|须|可以)?会同")
_REQUEST = re.compile(
    r"请(?P<units>[\u4e00-\u9fff、（）]{2,120}?)(?:等(?:有关)?部门)?"
    r"(?=会同|牵头|负责|落实|在|按照|根据|研究|制定|提出|加快|抓紧|于|适时|组织|做好|进一步|明确)"
)
_IN_CHARGE = re.compile(r"(?:是|为)[^。；，]{0,40}?主管部门|主管(?=本|全|辖区)")
_ALIAS_NOTE = re.compile(r"[（(]以下(?:简称|称)[^）)]*[）)]$")
_ALIAS_DEFINED = re.compile(r"[（(]以下(?:简称|称)[“\"]?([^）)”\"]{2,20})[”\"]?[）)]")
# "由X会同Y认定的第三方机构": 会同 inside a phrase that describes something gives nobody a duty
_DESCRIBED = re.compile(r"(?:等(?:有关)?(?:部门|单位))?[\u4e00-\u9fff]{2}的")
_OTHER_NAME = re.compile(r"[（(][^（）()]{2,12}[）)]$")
# "各地区、各有关部门在…": a list with a nameless part names nobody
_UNNAMED_PART = re.compile(r"有关|相关|其他")
# "X按照管理权限负责", "X在…领导下负责", "X对…负总责": the body before the words that say how or for what
_MANNER = re.compile(rf"({_BODY})(?=按照|按|根据|依照|依据|在|对)")
# "A、B共同牵头推进…": every body named leads
_LEAD_TOGETHER = re.compile(r"共同牵头(?=推进|负责|抓|开展|组织|实施|落实|做好)")
# "…等部门…根据各自职责和本规定，负责…": each body of the list answers for its share
_OWN_DUTIES = re.compile(r"(?:根据|按照|按|在)(?:各自)?(?:职责|职能)")


def _named_body(name: str) -> bool:
    name = name.strip("、 ")
    if not 2 <= len(name) <= 40 or _GENERIC.match(name) or not re.search(_BODY + "$", name):
        return False
    return bool(_LEVEL_PREFIX.match(name) or _MINISTRY.match(name))


def _segment_start(text: str, position: int, floor: int) -> int:
    index = position
    while index > floor and text[index - 1] not in _SEGMENT_START:
        index -= 1
    return index


# "省财政、税务部门", "市科技、教育等部门": the list shares its level and its kind of body
_SHARED_AFFIXES = re.compile(
    r"(?P<level>(?:市|省|县|区)(?:和[\u4e00-\u9fff]{1,5}?(?:新区|区|县|市))?)"
    r"(?P<items>(?:(?!等)[\u4e00-\u9fff]){2,12}(?:、(?:(?!等)[\u4e00-\u9fff]){2,12})*?)(?:等)?"
    r"(?P<kind>行政主管部门|主管部门|行政部门|部门)"
)


_NAMED_ITEM = re.compile(r"^(?:国务院|国家|省|市(?!场)|县|区)|(?:部门|局|委|厅|办|部)$")
# "…等部门以及市网信部门": one more body after the shared list
_LIST_TAIL = re.compile(rf"(?:以及|及|和)({_BODY})")


def _shared_affix_names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of each body in a list that shares its level and kind, read from text[start:]."""
    match = _SHARED_AFFIXES.match(text, start, end)
    items = match.group("items").split("、") if match else []
    if not match or any(_NAMED_ITEM.search(item) for item in items):
        return []  # "市地方金融部门、国务院金融管理部门…" names whole bodies, not a shared list
    found, position = [], match.start("items")
    for item in items:
        found.append((position, position + len(item), match.group("level") + item + match.group("kind")))
        position += len(item) + 1
    tail = _LIST_TAIL.match(text, match.end(), end)
    if tail and _named_body(tail.group(1)):
        found.append((tail.start(1), tail.end(1), tail.group(1)))
    return found


def _names_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the bodies listed in text[start:end] ("发展改革委、工业和信息化部、银保监会等部门，加强…"),
    from the left, stopping at the first piece that is not a body."""
    spans = []
    position = start
    body = re.compile(_BODY)
    while position < end:
        match = body.match(text, position, end)
        if not match or not _named_body(match.group(0)):
            break
        spans.append((match.start(), match.end()))
        position = match.end()
        if text[position : position + 1] != "、":
            break
        position += 1
    return spans


def _subject(text: str, piece_start: int, keyword_start: int) -> list[tuple[int, int]]:
    """The bodies a sentence piece opens with, up to its keyword: "由X" → X, "请X" → X, and a list
    "市教育局、市科技局" → both (a name like "市、县（市）、区人民政府科学技术行政部门" stays whole)."""
    start, end = piece_start, keyword_start
    piece = text[start:end]
    by = max(piece.rfind("由"), -1)
    if by >= 0:
        start += by + 1
    elif piece.startswith(("请", "经")):
        start += 1
    note = _ALIAS_NOTE.search(text, start, end)
    if note:
        end = note.start()
    name = text[start:end]
    if "会同" in name:
        return []  # "X会同Y负责…": read by the 会同 rule, X leading
    # "区科学技术行政部门按照管理权限负责…": the body before the words that say how it works
    manner = _MANNER.match(text, start, end)
    if (
        manner
        and not _named_body(name)
        and _named_body(manner.group(1))
        and not _UNNAMED_PART.search(manner.group(1))
    ):
        return [manner.span(1)]
    pieces = name.split("、")
    # "区建设管理委(区交通委)": a body's other name in brackets after it
    bare = [_OTHER_NAME.sub("", p) for p in pieces]
    if len(pieces) > 1 and all(_named_body(p) for p in bare):
        spans, position = [], start
        for p, b in zip(pieces, bare, strict=True):
            spans.append((position, position + len(b)))
            position += len(p) + 1
        return spans
    if not _named_body(name):
        return []
    return [(start, end)]


def prose_units(
    text: str, start: int, end: int, dictionary: UnitDictionary, skip: list[tuple[int, int]] | None = None
) -> list[UnitMention]:
    """Units that text[start:end] gives work to in its sentences, outside the spans in `skip` (the
    bracketed 责任单位 phrases, read by `read_units`): "X负责…" and "由X负责" make X lead; "X会同Y" makes X
    lead and Y cooperate; "请A、B…" makes A lead and B cooperate; "X是…的主管部门" makes X lead. A list
    of bodies as the subject ("A、B负责…") follows the list convention: A leads, B cooperates."""
    skip = skip or []
    found: list[UnitMention] = []
    # a name the document defines by 以下简称 names a body only where its full name is written
    aliases = {match.group(1) for match in _ALIAS_DEFINED.finditer(text)}

    def add(span: tuple[int, int], role: str, name: str | None = None) -> None:
        unit_start, unit_end = span
        raw = text[unit_start:unit_end]
        if any(s <= unit_start < e for s, e in skip) or raw in aliases or name in aliases:
            return
        found.append(UnitMention(raw, dictionary.canonical(name or raw), role, unit_start, unit_end))

    def subjects(keyword: re.Match[str]) -> list[tuple[int, int]]:
        piece = _segment_start(text, keyword.start(), start)
        named = _subject(text, piece, keyword.start())
        if named:
            return named
        # "市财政部门应当优化…，会同…": the sentence's subject, when the piece itself names none
        sentence = piece
        while sentence > start and text[sentence - 1] not in "。；！？\n":
            sentence -= 1
        opening = re.compile(rf"({_BODY})(?=应当|应|要|须|可以)").match(text, sentence, keyword.start())
        if opening and _named_body(opening.group(1)):
            return [opening.span(1)]
        # "北京技术市场管理办公室在市科学技术行政部门的领导下，具体负责…": the nearest piece opening with
        # a body that the words "在…" or "按照…" follow
        at = piece
        while at > sentence:
            at = _segment_start(text, at - 1, sentence)
            led = _MANNER.match(text, at, keyword.start())
            if led and "、" in led.group(1) and _shared_affix_names(text, at, keyword.start()):
                return []  # "市发展改革、统计等部门在各自职责范围内…": a shared list, read by the caller
            if led and _named_body(led.group(1)) and not _UNNAMED_PART.search(led.group(1)):
                return [led.span(1)]
        return []

    def partners(position: int) -> None:
        shared = _shared_affix_names(text, position, end)
        if shared:
            for unit_start, unit_end, name in shared:
                add((unit_start, unit_end), "cooperating", name)
            return
        for partner in _names_in(text, position, end):
            add(partner, "cooperating")

    for keyword in _DUTY.finditer(text, start, end):
        named = subjects(keyword)
        if not named:
            # "市和浦东新区发展改革、财政等部门…根据各自职责和本规定，负责…": a shared list opens the sentence
            sentence = keyword.start()
            while sentence > start and text[sentence - 1] not in "。；！？\n":
                sentence -= 1
            shared = _shared_affix_names(text, sentence, keyword.start())
            if shared and _OWN_DUTIES.search(text, sentence, keyword.start()):
                for unit_start, unit_end, name in shared:
                    add((unit_start, unit_end), "lead", name)
            continue
        for index, span in enumerate(named):
            add(span, "lead" if index == 0 else "cooperating")
    for keyword in _LEAD_TOGETHER.finditer(text, start, end):
        for span in subjects(keyword):
            add(span, "lead")
    for keyword in _JOINT.finditer(text, start, end):
        partner_names = _names_in(text, keyword.end(), end)
        if partner_names and _DESCRIBED.match(text, partner_names[-1][1], end):
            continue
        names = subjects(keyword)
        for index, span in enumerate(names):
            add(span, "lead" if index == 0 else "cooperating")
        if names:
            partners(keyword.end())
    for match in _REQUEST.finditer(text, start, end):
        if _JOINT.match(text, match.end()) or _DUTY.match(text, match.end()):
            continue  # read above, with its 会同 or 负责
        for index, span in enumerate(_names_in(text, match.start("units"), match.end("units"))):
            add(span, "lead" if index == 0 else "cooperating")
    for keyword in _IN_CHARGE.finditer(text, start, end):
        for span in subjects(keyword):
            add(span, "lead")
    return sorted(found, key=lambda mention: mention.start)


# "四、职责分工" then "（一）区建管委" and its duties: an item headed by a body alone is that body's share
DUTIES_HEADING = re.compile(r"职责分工|职责|分工|责任分工")


def heading_unit(text: str, start: int, end: int, dictionary: UnitDictionary) -> UnitMention | None:
    """The unit an item of a 职责分工 section is headed by (text[start:end] is the heading), if it is a
    named government body; it leads the item."""
    raw = text[start:end].strip()
    if not raw or not _named_body(raw):
        return None
    offset = text.index(raw, start)
    return UnitMention(raw, dictionary.canonical(raw), "lead", offset, offset + len(raw))

"""What a document says about itself: title, number (淄政办字〔2020〕43号), issuers, date of issue, the
window it is in force (自2024年1月20日起施行, 有效期至2028年12月31日, 自印发之日起施行), and where its body
(the numbered clauses) starts and stops."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from .normalise import TITLE_END
from .numbers import DATE_RE, YEAR, month_end, parse_date, to_int

_TITLE_WORDS = re.compile(r"(?:关于|意见|方案|办法|通知|决定|规定|细则|措施|规划|计划|条例|指南|公告|政策)")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［（(]\s*(\d{4})\s*[〕\]］）)]\s*(\d{1,4})\s*号")
_ORG_LINE = re.compile(
    r"^[\u4e00-\u9fff（）]{3,30}(?:政府|办公室|办公厅|委员会|局|委|厅|部|院|协|会|行|分行|分局|支行|署|中心|管委会)$"
)
_STANDALONE_DATE = re.compile(rf"^{YEAR}年[^，。]{{1,6}}日(?:印发|发布)?$")
_EFFECTIVE_FROM = re.compile(r"自(.{0,16}?)起(?:施行|实施|执行|生效|至)")
_EFFECTIVE_UNTIL = re.compile(r"有效期至(.{0,16}?日)|起(?:施行|实施|执行)?至(.{0,16}?日)止")
_VALID_YEARS = re.compile(r"有效期(?:为)?([\d一二三四五六七八九十两]+)年")
_YEAR_MENTION = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
# A page's information box (gov.cn and most government sites): "发文字号：\t国办发〔2018〕127号", or the
# label on one line and its value on the next ("发布机构" / "上海市住房和城乡建设管理委员会").
_BOX_LABELS = {
    "标题": "title",
    "名称": "title",
    "文件名称": "title",
    "发文机关": "issuer",
    "发布机构": "issuer",
    "发文单位": "issuer",
    "发布单位": "issuer",
    "制发机关": "issuer",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "文件编号": "doc_number",
    "成文日期": "issued",
    "印发日期": "issued",
    "发布日期": "published",
    "公布日期": "published",
    "发布时间": "published",
    "实施日期": "effective_from",
    "生效日期": "effective_from",
    "施行日期": "effective_from",
    "废止日期": "effective_until",
    "失效日期": "effective_until",
}
_BOX_DATE = re.compile(rf"({YEAR})\s*[年\-./]\s*(\d{{1,2}})\s*[月\-./]\s*(\d{{1,2}})")
# The lines under a regulation's title say when it was adopted, approved, revised or published:
# "2014年11月27日 山东省第十二届人民代表大会常务委员会第十一次会议批准修订".
_ENACTMENT_LINE = re.compile(r"(?:通过|批准|修订|修正|公布|发布)[^。]{0,40}$")
_DECREE_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:令|公告)(?:第)?\s*\d{1,4}\s*号")


@dataclass
class DocumentDate:
    start: int
    end: int
    date: dt.date
    kind: str


@dataclass
class Metadata:
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    issued_date: dt.date | None = None
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    dates: list[DocumentDate] = field(default_factory=list)


def _lines(text: str) -> list[tuple[int, str]]:
    position = 0
    found = []
    for line in text.split("\n"):
        found.append((position, line.strip()))
        position += len(line) + 1
    return found


def read_metadata(text: str, body_start: int, *, title_hint: str | None = None) -> Metadata:
    meta = Metadata()
    box = _information_box(text, body_start)
    box_lines = {offset for offset, _ in box.values()}
    header = [
        (offset, line)
        for offset, line in _lines(text)
        if line and offset < body_start and offset not in box_lines and not _box_line(line)
    ]
    meta.title = title_hint or _attached_rules(
        _box_text(text, box, "title") or _title(header), header, _lines(text)
    )
    number = _own_number(text, 0, body_start) or _own_number(text, 0, min(600, len(text)))
    decree = _decree(header)
    if "doc_number" in box:
        meta.doc_number = _tidy_number(_box_text(text, box, "doc_number"))
    elif number:
        meta.doc_number = _tidy_number(number.group(0))
    elif decree:
        meta.doc_number = decree
    meta.issuer = _box_text(text, box, "issuer") or _issuer(
        meta.title, header, number.start() if number else None
    )
    issued = _issued(text, body_start) or _enacted(header) or _box_date(text, box, "issued", "published")
    if not meta.issuer and issued and not _box_date(text, box, "issued", "published"):
        meta.issuer = _signed_by(text, issued.start)
    if issued:
        meta.issued_date = issued.date
        meta.dates.append(issued)
    _effective(text, meta)
    if meta.effective_from is None and (start := _box_date(text, box, "effective_from")):
        meta.effective_from = start.date
        meta.dates.append(DocumentDate(start.start, start.end, start.date, "effective_from"))
    return meta


# "关于印发《崇明区绿色建筑管理办法》的通知", "国务院关于印发个人所得税专项附加扣除暂行办法的通知" (the
# State Council writes its own rules' name without 《》): a notice that only carries a set of rules; the rules
# are the policy.
_CARRYING_NOTICE = re.compile(
    r"关于(?:印发|发布|颁布|修订印发|印发修订后的|修订)(?:[《〈](?P<title>[^》〉]+)[》〉]|(?P<bare>[^《》〈〉“”]+))的通知$"
)
_RULES_TITLE = re.compile(r"(?:办法|细则|规定|规则|条例|章程)(?:[（(](?:试行|暂行|修订|\d{4}年修订)[）)])?$")


def _attached_rules(title: str, header: list[tuple[int, str]], lines: list[tuple[int, str]]) -> str:
    """The title of the rules a notice carries, when the text prints them under their own title: above
    the body, or after the notice's own numbered revisions and signature ("关于修订《…办法》的通知")."""
    carried = _CARRYING_NOTICE.search(title)
    carried_title = carried and (carried.group("title") or carried.group("bare"))
    if not carried_title or not _RULES_TITLE.search(carried_title):
        return title
    wanted = re.sub(r"\s", "", carried_title)
    for _offset, line in [*header, *lines]:
        if re.sub(r"\s", "", line) == wanted:
            return line
    return title


def _own_number(text: str, start: int, end: int) -> re.Match[str] | None:
    """The document's own 文号; one in brackets inside a sentence, "《…》（沪府办规〔2018〕24号）", cites
    another (a number in brackets on a line of its own is the document's)."""
    for match in _DOC_NUMBER.finditer(text, start, end):
        before = text[max(0, match.start() - 2) : match.start()]
        if not (before[-1:] in {"（", "("} and before[:1] not in {"", "\n"}):
            return match
    return None


def _tidy_number(number: str) -> str:
    closed = re.sub(r"[\]］）)]", "〕", number)
    return re.sub(r"[\[［（(]", "〔", closed).replace(" ", "")


def _box_key(label: str) -> str | None:
    return _BOX_LABELS.get(re.sub(r"[\s：:]", "", label))


def _box_line(line: str) -> bool:
    first = re.split(r"[\t：:]", line, maxsplit=1)[0]
    return _box_key(first) is not None and ("\t" in line or "：" in line or _box_key(line) is not None)


def _information_box(text: str, body_start: int) -> dict[str, tuple[int, int]]:
    """Where each labelled value of the page's information box sits: key → (start, end) in the text."""
    found: dict[str, tuple[int, int]] = {}
    lines = [(offset, line) for offset, line in _lines(text) if offset < body_start and line]
    for index, (offset, line) in enumerate(lines):
        cells = line.split("\t")
        pairs: list[tuple[str, str]] = []
        if len(cells) > 1:
            pairs = [(cells[i], cells[i + 1]) for i in range(0, len(cells) - 1, 2)]
        elif (inline := re.match(r"^([^：:]{1,8})[：:]\s*(.+)$", line)) and _box_key(inline.group(1)):
            pairs = [(inline.group(1), inline.group(2))]
        elif _box_key(line) and index + 1 < len(lines) and not _box_key(lines[index + 1][1]):
            next_offset, next_line = lines[index + 1]
            key = _box_key(line)
            if key and key not in found:
                found[key] = (next_offset, next_offset + len(next_line))
            continue
        line_start = text.index(line, offset)
        for label, value in pairs:
            key = _box_key(label)
            value = value.strip()
            if key and value and key not in found:
                at = text.index(value, line_start)
                found[key] = (at, at + len(value))
    return found


def _box_text(text: str, box: dict[str, tuple[int, int]], key: str) -> str:
    if key not in box:
        return ""
    start, end = box[key]
    return text[start:end].strip()


def _box_date(text: str, box: dict[str, tuple[int, int]], *keys: str) -> DocumentDate | None:
    for key in keys:
        if key not in box:
            continue
        start, end = box[key]
        match = _BOX_DATE.search(text, start, end) or DATE_RE.search(text, start, end)
        day = parse_date(match) if match else None
        if match and day:
            return DocumentDate(match.start(), match.end(), day, "issued")
    return None


def _enactment_phrases(header: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The dated phrases under a regulation's title, one per date: a reader that joined the lines
    ("…会议通过2011年11月25日…批准2011年12月7日…公布2012年3月1日施行") is cut again at each date."""
    phrases = []
    for offset, line in header[:8]:
        starts = [m.start() for m in re.finditer(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日", line)] or [0]
        starts[0] = 0
        for start, end in zip(starts, [*starts[1:], len(line)], strict=True):
            phrases.append((offset + start, line[start:end]))
    return phrases


def _enacted(header: list[tuple[int, str]]) -> DocumentDate | None:
    """A regulation's date: the last adoption, approval, revision or publication under its title."""
    latest: DocumentDate | None = None
    for offset, phrase in _enactment_phrases(header):
        if not _ENACTMENT_LINE.search(phrase):
            continue
        for match in DATE_RE.finditer(phrase):
            day = parse_date(match)
            if day and (latest is None or day >= latest.date):
                latest = DocumentDate(offset + match.start(), offset + match.end(), day, "issued")
    return latest


def _decree(header: list[tuple[int, str]]) -> str:
    """The number a regulation was last published under: "中华人民共和国国务院令第706号公布"."""
    found = ""
    for _offset, phrase in _enactment_phrases(header):
        if _ENACTMENT_LINE.search(phrase):
            for match in _DECREE_NUMBER.finditer(re.sub(r"^\S*?日\s*", "", phrase)):
                found = match.group(0).replace(" ", "")
    return found


def _title(header: list[tuple[int, str]]) -> str:
    best, best_score = "", 0
    for _, line in header[:25]:
        if (
            not 6 <= len(line) <= 120
            or line.startswith("各")
            or line.endswith(("：", ":"))
            or "。" in line
            or _DOC_NUMBER.search(line)
        ):
            continue
        score = 2 * ("关于" in line) + 2 * bool(TITLE_END.search(line)) + bool(_TITLE_WORDS.search(line))
        if score > best_score:
            best, best_score = line, score
    return best or (header[0][1] if header else "")


def _issuer(title: str, header: list[tuple[int, str]], number_at: int | None) -> str:
    prefix = re.match(r"^(?!关于)([^《》“”]{2,40}?)关于", title)
    if prefix and re.search(r"(?:政府|办公室|办公厅|委员会|局|委|厅|部|院|协|会)$", prefix.group(1)):
        return prefix.group(1)
    if number_at is not None:
        names = [line for offset, line in header if offset < number_at and _ORG_LINE.match(line)]
        if names:
            return "、".join(dict.fromkeys(names))
    return ""


_SIGNER_END = "委员会|办公室|人民政府|局|厅|部|委|院|署|中心"


def _signers(part: str) -> list[str]:
    """A copy that lost the spaces between signers runs their names together; each opens with the same
    place name ("黄浦区发展和改革委员会黄浦区建设和管理委员会")."""
    place = re.escape(part[:2])
    names = re.findall(rf"{place}.*?(?:{_SIGNER_END})(?={place}|$)", part)
    return names if "".join(names) == part else [part]


def _signed_by(text: str, date_at: int) -> str:
    """The bodies that sign above the date of issue, one or two to a line ("上海市嘉定区建设和管理委员会
    上海市嘉定区规划和自然资源局"), read upwards until a line that is not a body's name."""
    line_start = text.rfind("\n", 0, date_at) + 1
    names: list[str] = []
    for line in reversed(text[:line_start].split("\n")):
        line = line.strip()
        if not line:
            continue
        pieces = [piece for part in re.split(r"\s+", line) for piece in _signers(part)]
        if not all(_ORG_LINE.match(piece) for piece in pieces):
            break
        names[:0] = pieces
    return "、".join(dict.fromkeys(names))


def _issued(text: str, body_start: int) -> DocumentDate | None:
    for offset, line in _lines(text):
        if _STANDALONE_DATE.match(line):
            match = DATE_RE.search(line)
            day = parse_date(match) if match else None
            if match and day:
                return DocumentDate(offset + match.start(), offset + match.end(), day, "issued")
    return None


def _effective(text: str, meta: Metadata) -> None:
    start = _EFFECTIVE_FROM.search(text)
    if start:
        date = DATE_RE.search(start.group(1))
        day = parse_date(date) if date else None
        if date and day:
            meta.effective_from = day
            at = start.start(1) + date.start()
            meta.dates.append(DocumentDate(at, at + len(date.group(0)), day, "effective_from"))
        elif re.search(r"印发|发布|公布", start.group(1)) and meta.issued_date:
            meta.effective_from = meta.issued_date
            meta.dates.append(DocumentDate(start.start(), start.end(), meta.issued_date, "effective_from"))
    until = _EFFECTIVE_UNTIL.search(text)
    if until:
        group = 1 if until.group(1) else 2
        date = DATE_RE.search(until.group(group))
        day = parse_date(date) if date else None
        if date and day:
            meta.effective_until = day
            at = until.start(group) + date.start()
            meta.dates.append(DocumentDate(at, at + len(date.group(0)), day, "effective_until"))
    elif (years := _VALID_YEARS.search(text)) and meta.effective_from:
        count = to_int(years.group(1))
        if count:
            begin = meta.effective_from
            try:
                last = begin.replace(year=begin.year + count) - dt.timedelta(days=1)
            except ValueError:  # 29 February
                last = begin.replace(year=begin.year + count, day=28)
            meta.effective_until = last
            meta.dates.append(DocumentDate(years.start(), years.end(), last, "effective_until"))


def document_year(text: str, meta: Metadata) -> int | None:
    """The year a document's undated deadlines (6月底前, 年内) belong to."""
    if meta.issued_date:
        return meta.issued_date.year
    if meta.effective_from:
        return meta.effective_from.year
    years = Counter(int(year) for year in _YEAR_MENTION.findall(text))
    return years.most_common(1)[0][0] if years else None


_DEADLINE = re.compile(
    r"(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月(?:底|末|份)?前|(?P<day_month>\d{1,2})月(?P<day>\d{1,2})日前)"
    r"|(?P<year_end>\d{4})年(?:底|末)(?:前)?|(?P<year_before>\d{4})年前"
    r"|(?<![\d一二三四五六七八九十两上下本当])(?P<within>年内|年底前|年底)"
    r"|(?:(?P<period_year>\d{4})年)?(?:(?P<half>上半年|下半年)|(?:第)?(?P<quarter>[一二三四])季度(?:末|底)?前)"
)


def find_deadlines(
    text: str, start: int, end: int, year: int | None, *, bare_dates: bool = False
) -> list[DocumentDate]:
    """Deadlines in text[start:end]. With `bare_dates` (a table's deadline column), a plain "2024年6月"
    or "2024年" counts as the end of that month or year."""
    found = []
    for match in _DEADLINE.finditer(text, start, end):
        if _RECURRING.search(text, max(start, match.start() - 4), match.start()):
            continue  # "每年12月底前" comes back every year: no one date
        if (
            match.group("year_end")
            and not match.group(0).endswith("前")
            and text[match.start() - 1 : match.start()] == "到"
        ):
            continue  # "到2025年底，…达到40%": the year of a target, not a deadline
        day = _deadline_date(match, year)
        if day:
            found.append(DocumentDate(match.start(), match.end(), day, "deadline"))
    for match in _WINDOW_END.finditer(text, start, end):
        if day := parse_date(DATE_RE.search(match.group(0))):
            found.append(DocumentDate(match.start(1), match.end(), day, "deadline"))
    if bare_dates and not found:
        for match in DATE_RE.finditer(text, start, end):
            if day := parse_date(match):
                found.append(DocumentDate(match.start(), match.end(), day, "deadline"))
        for match in _BARE_MONTH.finditer(text, start, end):
            if any(d.start <= match.start() < d.end for d in found):
                continue
            found_year, month = int(match.group(1)), int(match.group(2) or 12)
            if not 1 <= month <= 12:
                continue
            last = month_end(found_year, month)
            found.append(DocumentDate(match.start(), match.end(), last, "deadline"))
    return found


# "提交材料时间为即日起至2026年6月30日": an application window ends on its deadline
_WINDOW_END = re.compile(r"即日起至((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)")
_RECURRING = re.compile(r"每(?:个)?(?:年|季度|月|半年)(?:的)?$")
_BARE_MONTH = re.compile(r"(\d{4})年(?:(\d{1,2})月)?")


def _deadline_date(match: re.Match[str], year: int | None) -> dt.date | None:
    groups = match.groupdict()
    if groups["year_end"]:
        return dt.date(int(groups["year_end"]), 12, 31)
    if groups["year_before"]:
        return dt.date(int(groups["year_before"]), 12, 31)
    given_year = groups["year"] or groups["period_year"]
    explicit_year = int(given_year) if given_year else year
    if explicit_year is None:
        return None
    if groups["month"]:
        month = int(groups["month"])
        return month_end(explicit_year, month) if 1 <= month <= 12 else None
    if groups["day_month"]:
        try:
            return dt.date(explicit_year, int(groups["day_month"]), int(groups["day"]))
        except ValueError:
            return None
    if groups["within"]:
        return dt.date(explicit_year, 12, 31)
    if groups["half"]:
        return dt.date(explicit_year, 6, 30) if groups["half"] == "上半年" else dt.date(explicit_year, 12, 31)
    if groups["quarter"]:
        return month_end(explicit_year, "一二三四".index(groups["quarter"]) * 3 + 3)
    return None

"""From raw extracted text to the normalised text every extraction points into: web-page furniture removed,
punctuation in one width, spaces that only break Chinese words removed, and lines that a page or a layout
width broke in the middle of a sentence joined again."""

from __future__ import annotations

import re
from collections import Counter

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")
_SIGNS = "．％＋－＝／"

# Chinese typography (GB/T 15834) uses full-width forms of these marks beside Chinese text.
_TO_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
# 文号 brackets are 〔〕; ［］ are the same brackets typed with the wrong key
_FULL_WIDTH_BRACKETS = str.maketrans({"［": "〔", "］": "〕"})

# Whole lines that belong to the web page or the print layout, not to the document.
_FURNITURE_LINE = re.compile(
    r"^(?:EN|English|返回列表|返回首页|政策纵览|Policy Overview|当前位置.*|首页.*>.*|您现在的位置.*"
    r"|【?打印(?:本页)?】?|【?关闭(?:窗口)?】?|分享到.*|字号[:：]?.*|[【\[]?(?:字体|字号)[:：]?\s*[大中小]{1,3}.*"
    r"|浏览次数.*|阅读次数.*|点击数.*|访问量.*|时间[:：]\s*\d{4}-\d{1,2}-\d{1,2}.*"
    r"|来源[:：].*|文章来源[:：].*|信息来源[:：].*|责任编辑[:：].*|上一篇.*|下一篇.*|相关链接.*|扫一扫.*"
    r"|[（(]此件公开发布[）)]|[（(]此件主动公开[）)]|-{3,}|_{3,}|—{3,}|第\s*\d+\s*页(?:\s*[/共]\s*\d+\s*页?)?"
    r"|[-—－]\s*\d+\s*[-—－]|[A-Z]{2,6}-\d{4}-\d{4,}|【[^】]{1,6}】.*|(?:主办|承办|协办|技术支持|版权所有|网站标识码)[:：].*"
    r"|.*ICP备.*|.*公网安备.*|联系我们.*|网站地图.*)$"
)
# Furniture words that may share one line ("关闭 打印责任编辑:刘韬_科研处").
_FURNITURE_TOKENS = re.compile(
    r"【?(?:打印|关闭|收藏|分享|返回顶部|打印本页|关闭窗口)】?|字号[:：]?\s*[大中小\s]+|责任编辑[:：]\S*|浏览次数[:：]?\S*"
)
_MARKDOWN = re.compile(r"^#{1,6}\s*|\*\*|__")
_NUMBERING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]"
    r"|[①-⑳]|第[一二三四五六七八九十百]+(?:[条章节]|部分)|附件)"
)
TITLE_END = re.compile(
    r"(?:意见|方案|通知|办法|决定|规定|细则|措施|规划|计划|条例|指南|公告|批复|函|报告|纲要|要点|政策)[）)]?$"
)
_TERMINAL = "。！？；：…"
_CONTINUATION_END = "、，（“‘《"
_CONTINUATION_START = re.compile(r"^(?:[、，。；：）”’》]|[和与及或的])")
_DATE_SPLIT = re.compile(r"(?:\d{4}年|\d{1,2}月)$")  # "有效期至2028年" / "12月31日"
_ARTICLE_NUMBER = "第[一二三四五六七八九十百零〇]+条"
_RUN_ON_ARTICLE = re.compile(
    rf"(?<=[。；])[ \t]+(?={_ARTICLE_NUMBER}[ \t【])"
    rf"|(?m:^(?P<chapter>第[一二三四五六七八九十]{{1,3}}章[ \t][\u4e00-\u9fff]{{2,10}}))"
    rf"[ \t]+(?={_ARTICLE_NUMBER})"
)
_ZERO_LOOKALIKE = re.compile(r"(?<=[〇零一二三四五六七八九])[○Ｏ◯]|[○Ｏ◯](?=[〇零一二三四五六七八九])")
_DATE_OR_SIGNATURE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年.{1,6}日(?:印发)?$")


def normalise(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    text = re.sub(r"[\f\v]", "\n", text)
    text = text.replace("\ufeff", "").replace("\u200b", "")
    text = _half_width_alphanumerics(text)
    # 二○一九年: a circle (○, Ｏ, ◯) typed for the numeral zero 〇 among Chinese numerals
    text = _ZERO_LOOKALIKE.sub("〇", text)
    # a page that ran articles together ("…应用占比。 第十四条 【…】", "第六章 附则 第三十七条 …"): each
    # article starts its own line again (read before the spaces that mark it go)
    text = _RUN_ON_ARTICLE.sub(lambda match: (match.group("chapter") or "") + "\n", text)
    lines = [_clean_line(line) for line in text.split("\n")]
    lines = [line for line in lines if line is not None]
    lines = _join_broken_lines(lines)
    text = "\n".join(lines)
    text = re.sub(r"（\s*）", "", text)  # an empty pair of brackets is what is left of a lost word
    text = re.sub(r"\n{2,}", "\n", text)
    return text.strip("\n")


def _half_width_alphanumerics(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A or char in _SIGNS:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(char)
    return "".join(out)


def _clean_line(line: str) -> str | None:
    line = _MARKDOWN.sub("", line.strip()).strip()
    if not line:
        return ""
    if _FURNITURE_LINE.match(line):
        return None
    # "关闭 打印 责任编辑：…" is furniture; "关闭落后产能" in a sentence is not
    if len(line) <= 40 and _FURNITURE_TOKENS.search(line):
        if len(_FURNITURE_TOKENS.sub("", line).strip()) <= 4:
            return None
    line = _unify_punctuation(line)
    return _drop_spaces_in_chinese(line)


def _unify_punctuation(line: str) -> str:
    line = line.translate(_FULL_WIDTH_BRACKETS)
    out = []
    for index, char in enumerate(line):
        if char in _TO_FULL_WIDTH:
            before = line[:index].rstrip()[-1:]
            after = line[index + 1 :].lstrip()[:1]
            # keep ratios and times (1:1, 10:30) and Latin text as they are
            if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
                out.append(char)
                continue
            if char in "()" and not (
                _CJK_RE.match(before or " ")
                or _CJK_RE.match(after or " ")
                or before in "）（、，。"
                or after in "）（、，。"
                or after.isdigit()
                or before.isdigit()
                or before == ""
                or after == ""
            ):
                out.append(char)
                continue
            out.append(_TO_FULL_WIDTH[char])
        else:
            out.append(char)
    return "".join(out)


def _looks_like_table_row(line: str) -> bool:
    if re.search(r"[，。；]", line):
        return False
    return len(re.findall(r"(?:^|\s)\d+(?:\.\d+)?(?=\s|$|[（(])", line)) >= 3


def _drop_spaces_in_chinese(line: str) -> str:
    if _looks_like_table_row(line):
        return _cells(line)
    # A space beside a Chinese character is a layout artefact (e.g. "2024 年 1 月"), never a word boundary.
    # Tabs separate table cells (see readers) and survive as one space.
    line = re.sub(rf"(?<=[{CJK}，。、；：（）“”《》〔〕]) +| +(?=[{CJK}，。、；：（）“”《》〔〕])", "", line)
    line = re.sub(r"(?<=[+＋]) +", "", line)
    return _cells(line)


def _cells(line: str) -> str:
    """One tab between table cells (as the .docx and .html readers mark them), one space elsewhere."""
    return re.sub(r" {2,}", " ", re.sub(r" *\t[ \t]*", "\t", line))


def _wrap_width(lines: list[str]) -> int | None:
    """The layout width of a document whose lines were hard-wrapped (e.g. copied from a PDF), if it was."""
    unterminated = [len(line) for line in lines if len(line) >= 15 and line[-1] not in _TERMINAL]
    if not unterminated:
        return None
    width, count = Counter(unterminated).most_common(1)[0]
    near = sum(1 for length in unterminated if abs(length - width) <= 1)
    return width if near >= 5 else None


def _join_broken_lines(lines: list[str]) -> list[str]:
    width = _wrap_width([line for line in lines if line])
    joined: list[str] = []
    pending_blank = False
    for line in lines:
        if not line:
            pending_blank = True
            continue
        if joined and _continues(joined[-1], line, width, is_first=len(joined) == 1):
            joined[-1] += line
        else:
            if pending_blank and joined:
                joined.append("")
            joined.append(line)
        pending_blank = False
    return joined


def _continues(previous: str, line: str, width: int | None, *, is_first: bool) -> bool:
    if not previous or previous[-1] in _TERMINAL:
        return False
    if previous[-1] in "）)":
        return bool(re.match(r"[、，。；：]", line))
    if _NUMBERING_START.match(line) or _DATE_OR_SIGNATURE.match(line) or _looks_like_table_row(previous):
        return False
    if _looks_like_table_row(line) or "\t" in previous or "\t" in line:
        return False
    if previous[-1] in _CONTINUATION_END or _CONTINUATION_START.match(line):
        return True
    if _DATE_SPLIT.search(previous) and re.match(r"\d{1,2}[月日]", line):
        return True
    if _unbalanced(previous):
        return True
    if "关于" in previous and TITLE_END.search(previous) and not re.search(r"[，。；]", previous):
        return False  # a whole title ("…关于…的通知"): the addressees follow on their own line
    if is_first or "关于" in previous and not re.search(r"[，。；：]", previous):
        # a title broken in two, first or under its issuer: "…关于加快推进科技创新" / "平台建设的实施意见"
        return bool(
            "关于" in previous
            and not TITLE_END.search(previous)
            and TITLE_END.search(line)
            and len(line) <= 40
        )
    wrapped = width is not None and len(previous) >= width - 2
    if _NUMBERING_START.match(previous) and "。" not in previous and not wrapped:
        return False  # a heading on its own line
    return wrapped or len(previous) >= 40 and not _DATE_OR_SIGNATURE.match(previous)


def _unbalanced(line: str) -> bool:
    return any(line.count(opening) > line.count(closing) for opening, closing in ("“”", "《》", "（）"))

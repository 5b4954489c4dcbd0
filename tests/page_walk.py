"""A walk over every page and report a person reads, and the checks of what they read.

The walk starts from the URL conf (every page without arguments) and from one record of every model
that has a page (`get_absolute_url`), then follows every link it finds, so a new page is walked
without listing it anywhere. Pages of one URL pattern are walked at most `PER_PATTERN` times per
role. HTML is read as its visible text (and the options of its selects), PDF through pdfplumber and
xlsx through openpyxl.

The checks, on Chinese pages:
- a raw vocabulary code: a snake_case word (field keys, kind codes, parameter names, developer words
  such as `db_worker`), a policy code or rule id, or a six-digit region code in prose;
- an ASCII comma, colon or semicolon beside a Chinese character;
- a doubled label ("演示数据（演示数据（…）") or a comparison written as `>=`.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from registry.adcodes import REGION_CODES_FILE

PER_PATTERN = 2
# Not pages a person reads: Django's admin (its own vocabulary), the API and its docs, language
# switching, operations endpoints for machines, the logout action.
SKIPPED_PREFIXES = (
    "/admin/",
    "/api/",
    "/i18n/",
    "/healthz",
    "/metrics",
    "/accounts/logout",
    "/static/",
    "/media/",
)

CJK = "\u4e00-\u9fff"
SNAKE_CASE = re.compile(r"(?<![\w./=?&-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.-]*[=/])")
POLICY_CODE = re.compile(r"\b[a-z]+-20\d\d(?:-[a-z]+)+(?:\.[a-z0-9-]+)?\b")
SIX_DIGITS = re.compile(r"(?<![\d.,A-Za-z-])\d{6}(?![\d.,A-Za-z-])")
ASCII_PUNCTUATION = re.compile(rf"[{CJK}][ ]?[,:;]|[,:;][ ]?[{CJK}]")
DOUBLED = re.compile(rf"([{CJK}]{{2,}})[（(]\1")
ASCII_COMPARISON = re.compile(r"[<>]=")


@dataclass(frozen=True)
class Finding:
    check: str
    url: str
    role: str
    excerpt: str


@dataclass
class WalkResult:
    pages: Counter[str] = field(default_factory=Counter)  # content kind → count
    patterns: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    failures: list[tuple[str, str, int]] = field(default_factory=list)  # role, url, status
    unreadable: list[str] = field(default_factory=list)  # files served as PDF or xlsx that are not


class _Text(HTMLParser):
    """Visible text of a page, one chunk per text node, with its links. Text a page quotes (a policy's own
    words in <blockquote> or an element marked data-quoted, which keep the document's punctuation) and
    machine text in <code> are not prose and are not checked; neither are scripts and styles."""

    SILENT = frozenset({"script", "style", "template", "textarea", "blockquote", "code"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.links: list[str] = []
        self._silent: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in self.SILENT or "data-quoted" in values:
            self._silent.append(tag)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if values.get("hx-get"):  # a fragment the page loads into itself is read on that page
            self.links.append(values["hx-get"] or "")
        if not self._silent:
            for name in ("title", "placeholder", "aria-label"):
                if values.get(name):
                    self.chunks.append(values[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._silent and self._silent[-1] == tag:
            self._silent.pop()

    def handle_data(self, data: str) -> None:
        if not self._silent and data.strip():
            self.chunks.append(data.strip())


def region_codes() -> frozenset[str]:
    return frozenset(REGION_CODES_FILE.read_text(encoding="ascii").split())


def check_text(chunks: Iterable[str], *, url: str, role: str, regions: frozenset[str]) -> list[Finding]:
    found = []
    for chunk in chunks:
        # A record's own code fields (USCC, certificate numbers) are not prose: only words are checked.
        for pattern, name in (
            (SNAKE_CASE, "code"),
            (POLICY_CODE, "code"),
            (ASCII_PUNCTUATION, "punctuation"),
            (DOUBLED, "doubled"),
            (ASCII_COMPARISON, "comparison"),
        ):
            for match in pattern.finditer(chunk):
                found.append(Finding(name, url, role, _excerpt(chunk, match)))
        for match in SIX_DIGITS.finditer(chunk):
            if match.group() in regions:
                found.append(Finding("region code", url, role, _excerpt(chunk, match)))
    return found


def _excerpt(chunk: str, match: re.Match[str]) -> str:
    return chunk[max(0, match.start() - 20) : match.end() + 20]


def pdf_text(content: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


def xlsx_text(content: bytes) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    cells = []
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = [str(value or "") for value in next(rows, ())]
        cells += header
        # A column whose header says it holds codes (地区代码, 统一社会信用代码) is read for its codes.
        prose = [index for index, name in enumerate(header) if "代码" not in name]
        for row in rows:
            cells += [row[i] for i in prose if i < len(row) and isinstance(row[i], str)]
    return cells


def get_patterns() -> list[tuple[str, URLPattern]]:
    """Every URL pattern with its route, the includes flattened."""

    def walk(resolvers: Iterable, prefix: str) -> Iterator[tuple[str, URLPattern]]:
        for entry in resolvers:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            else:
                yield prefix + str(entry.pattern), entry

    return list(walk(get_resolver().url_patterns, "/"))


def start_urls() -> list[str]:
    """Pages of the URL conf that take no argument, and a record's page of every model that has one."""
    urls = [
        route for route, _ in get_patterns() if "<" not in route and not route.startswith(SKIPPED_PREFIXES)
    ]
    for model in apps.get_models():
        if hasattr(model, "get_absolute_url"):
            for record in model._default_manager.order_by("pk")[:PER_PATTERN]:
                try:
                    urls.append(record.get_absolute_url())
                except Exception:  # noqa: BLE001, S112 - a model whose URL needs context it lacks is reached by links
                    continue
    return [url for url in urls if "^" not in url and "$" not in url]


def pattern_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def walk(client: Client, role: str, *, limit: int = 400) -> WalkResult:
    result = WalkResult()
    regions = region_codes()
    queue = list(dict.fromkeys(start_urls()))
    seen: set[str] = set()
    per_pattern: Counter[str] = Counter()
    while queue and sum(result.pages.values()) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc or parts.scheme or url in seen or parts.path.startswith(SKIPPED_PREFIXES):
            continue
        seen.add(url)
        pattern = pattern_of(parts.path)
        if pattern is None:
            continue
        # The same page with other filters, sorts or page numbers counts against its pattern's quota too,
        # except the first few distinct query strings, which are how lists show their filters.
        key = pattern + ("?" if parts.query else "")
        if per_pattern[key] >= PER_PATTERN:
            continue
        per_pattern[key] += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            continue
        if response.status_code != 200:
            if response.status_code not in (403, 404, 405):
                result.failures.append((role, url, response.status_code))
            continue
        result.patterns.add(pattern)
        kind = response.get("Content-Type", "").split(";")[0]
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if kind == "text/html":
            parser = _Text()
            parser.feed(content.decode())
            chunks = parser.chunks
            for link in parser.links:
                target = urljoin(url, link).split("#")[0]
                if target and target not in seen:
                    queue.append(target)
            result.pages["html"] += 1
        elif kind == "application/pdf" or "spreadsheetml" in kind:
            pdf = kind == "application/pdf"
            try:
                chunks = pdf_text(content) if pdf else xlsx_text(content)
            except Exception:  # noqa: BLE001 - an uploaded file (evidence, an invoice) is the uploader's
                result.unreadable.append(url)
                continue
            result.pages["pdf" if pdf else "xlsx"] += 1
        else:
            continue
        result.findings += check_text(chunks, url=url, role=role, regions=regions)
    return result

"""Searching the index: a query into groups of alternatives (the word, its synonyms, its pinyin), ranked
hits from the database's full-text index, highlights and facets (contract 8's `kechuang search`).

A query's words must all be found (each through any of its alternatives); when that finds fewer than
a page, documents holding any of the words fill the rest, ranked below. Typing a name by its pinyin,
its initials or with a homophone typo (滋博 for 淄博) finds it through the spellings the index keeps
of every title word (matching.text)."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.db.models.functions import Substr

from matching import backends
from matching.models import Kind, SearchDocument, Synonym
from matching.text import LATIN, STOPWORDS, index_terms, is_han, normalize, spellings, words

SNIPPET_RADIUS = 40
FACET_DEPTH = 500
# A query of any of the words ranks every document holding one of them, tens of thousands for common
# words; the rarest words' documents, up to this many, are enough to fill a page below the full matches.
FILL_BUDGET = 8000
LONGEST_SYNONYM_WORDS = 3


@dataclass
class Query:
    text: str
    groups: list[list[tuple[str, ...]]]
    # Strings to mark in highlights: the words typed and their synonyms; spellings typed (pinyin).
    surfaces: set[str] = field(default_factory=set)
    spellings: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not self.groups


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    score: float
    highlights: list[str]
    url: str = ""
    region: str = ""
    field: str = ""
    subkind: str = ""
    document_id: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "score": round(self.score, 4),
            "highlights": self.highlights,
        }


@dataclass
class Results:
    query: Query
    hits: list[Hit]
    facets: dict[str, Counter] = field(default_factory=dict)


def synonym_groups() -> dict[str, tuple[str, ...]]:
    """Each vocabulary word → every word of its group (read per query: staff edits apply at once, and no
    worker holds a copy that could disagree with another's)."""
    mapping: dict[str, set[str]] = {}
    for entry in Synonym.objects.only("words"):
        group = entry.word_list()
        for word in group:
            mapping.setdefault(word, set()).update(group)
    return {word: tuple(sorted(group)) for word, group in mapping.items()}


def phrase_terms(phrase: str) -> tuple[str, ...]:
    """A phrase as the index holds it: its precise words, all required."""
    return tuple(words(phrase)) or (normalize(phrase),)


def parse(text: str, synonyms: dict[str, tuple[str, ...]] | None = None) -> Query:
    typed = words(text)
    meaningful = [word for word in typed if word not in STOPWORDS] or typed
    synonyms = synonym_groups() if synonyms is None else synonyms
    query = Query(text=text, groups=[])
    position = 0
    while position < len(meaningful):
        # The longest run of words that is a vocabulary entry (动力 电池 → 动力电池) counts as one word.
        span, group_words = 1, None
        for width in range(min(LONGEST_SYNONYM_WORDS, len(meaningful) - position), 0, -1):
            joined = "".join(meaningful[position : position + width])
            if joined in synonyms:
                span, group_words = width, synonyms[joined]
                break
        word = "".join(meaningful[position : position + span])
        position += span
        alternatives: list[tuple[str, ...]] = [(word,)]
        query.surfaces.add(word)
        for synonym in group_words or ():
            alternatives.append(phrase_terms(synonym))
            query.surfaces.add(synonym)
        if is_han(word):
            full = spellings(word)
            if full:
                alternatives.append((full[0],))
                query.spellings.add(full[0])
            inner = tuple(term for term in index_terms(word) if term != word and len(term) > 1)
            if len(inner) > 1:
                alternatives.append(inner)
        elif LATIN.match(word):
            query.spellings.add(word)
        query.groups.append(list(dict.fromkeys(alternatives)))
    return query


def search(
    text: str, kind: str | None = None, limit: int = 20, public_only: bool = False, facets: bool = False
) -> Results:
    query = parse(text)
    if query.empty:
        return Results(query, [])
    index = backends.current()
    filters = backends.Filters(kinds=(kind,) if kind else (), public_only=public_only)
    depth = max(limit, FACET_DEPTH) if facets else limit
    ranked = index.search(query.groups, "all", filters, depth)
    if len(ranked) < limit and len(query.groups) > 1:
        # Partial matches fill the page (facets count what is shown beside the full matches), ranked below
        # every full match in their own order, from the documents of the rarest words.
        seen = {pk for pk, _score in ranked}
        floor = min((score for _pk, score in ranked), default=0.0)
        fill = rarest_groups(
            query.groups, index.estimated_counts(backends.group_terms(query.groups)), FILL_BUDGET
        )
        extra = [
            (pk, min(score, floor) - 1e-6)
            for pk, score in index.search(fill, "any", filters, limit + len(ranked))
            if pk not in seen
        ]
        ranked.extend(extra[: limit - len(ranked)])
    documents = SearchDocument.objects.in_bulk([pk for pk, _score in ranked[:limit]])
    hits = [to_hit(documents[pk], score, query) for pk, score in ranked[:limit] if pk in documents]
    result = Results(query, hits)
    if facets:
        result.facets = facet_counts([pk for pk, _score in ranked])
    return result


def rarest_groups(groups: backends.Groups, counts: dict[str, int], budget: int) -> list:
    """The groups of the rarest words whose documents together stay within `budget` (the rarest one
    always): documents holding only common words would rank last anyway, and ranking them is the cost."""
    kept, total = [], 0
    for group in sorted(groups, key=lambda group: backends.group_documents(group, counts)):
        size = backends.group_documents(group, counts)
        if kept and total + size > budget:
            break
        kept.append(group)
        total += size
    return kept


def to_hit(document: SearchDocument, score: float, query: Query) -> Hit:
    return Hit(
        kind=document.kind,
        id=document.object_id,
        title=document.title,
        score=score,
        highlights=highlights(document, query),
        url=document.url,
        region=document.region,
        field=document.field,
        subkind=document.subkind,
        document_id=document.pk,
    )


def facet_counts(document_ids: list[int]) -> dict[str, Counter]:
    """Counts by kind, city and field over the best matches (FACET_DEPTH of them), grouped by the
    database rather than read row by row."""
    rows = (
        SearchDocument.objects.filter(pk__in=document_ids)
        .values_list("kind", Substr("region", 1, 4), "field")
        .annotate(count=Count("pk"))
        .order_by()
    )
    kinds, regions, fields = Counter(), Counter(), Counter()
    for kind, city, field_name, count in rows:
        kinds[kind] += count
        if city:
            regions[city + "00"] += count
        if field_name:
            fields[field_name.split()[0][:20]] += count
    return {"kind": kinds, "region": regions, "field": fields}


# ---- highlights ------------------------------------------------------------------------------------


def marked_words(document: SearchDocument, query: Query) -> set[str]:
    """The surfaces of the query, and the words of the document that a typed spelling names."""
    found = {surface for surface in query.surfaces if surface}
    if query.spellings:
        for word in words(document.title) + words(document.body[:500]):
            if set(spellings(word)) & query.spellings:
                found.add(word)
    return found


def folded(text: str) -> str:
    """The text as the index folds it, position for position (NFKC may change a length; then lower only)."""
    result = normalize(text)
    return result if len(result) == len(text) else text.lower()


def mark(text: str, surfaces: set[str]) -> str:
    """HTML-escaped text with every surface wrapped in <mark>, case-insensitively."""
    if not surfaces:
        return html.escape(text)
    pattern = re.compile(
        "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True)), re.IGNORECASE
    )
    pieces, last = [], 0
    for found in pattern.finditer(folded(text)):
        pieces.append(html.escape(text[last : found.start()]))
        pieces.append(f"<mark>{html.escape(text[found.start() : found.end()])}</mark>")
        last = found.end()
    pieces.append(html.escape(text[last:]))
    # Neighbouring words read as one marked phrase (循环 寿命 → 循环寿命).
    return "".join(pieces).replace("</mark><mark>", "")


def highlights(document: SearchDocument, query: Query) -> list[str]:
    surfaces = marked_words(document, query)
    result = []
    title = mark(document.title, surfaces)
    if "<mark>" in title:
        result.append(title)
    body = document.body
    plain = folded(body)
    positions = [plain.find(surface) for surface in surfaces if surface and surface in plain]
    if positions:
        first = min(positions)
        start, end = max(0, first - SNIPPET_RADIUS), min(len(body), first + SNIPPET_RADIUS * 2)
        snippet = ("…" if start else "") + mark(body[start:end], surfaces) + ("…" if end < len(body) else "")
        result.append(snippet)
    return result


KIND_LABELS = dict(Kind.choices)

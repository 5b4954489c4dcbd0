"""Matching with reasons: ranked candidates for a technology need (experts, achievements, platforms,
instruments, service agencies) and for an achievement (enterprises that might want it).

Every factor gives a value between 0 and 1 and a sentence that says why; a candidate's score is the
weighted mean of its factors with the weights of its kind (DEFAULT_WEIGHTS, tuned by staff in
MatchWeights). `reasons` lists each factor with its weight, value and sentence (contract 8).

Candidates come from the search index: the need's words, weighted by where they stand (title 3, field 2,
description 1) and by how rare they are (idf), the commonest dropped, then one ranked query over every
candidate kind. Only those are scored, so a match costs one index query and a few keyed reads.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from matching import backends
from matching.models import (
    AgreementDraft,
    AgreementStatus,
    ExpertProfile,
    Kind,
    MatchWeights,
    SearchDocument,
)
from matching.search import synonym_groups
from matching.text import STOPWORDS, index_terms, normalize, words

FACTORS = ("terms", "field", "region", "level", "maturity", "past_contracts", "availability")
FACTOR_LABELS = {
    "terms": "共同关键词",
    "field": "技术领域",
    "region": "地区",
    "level": "级别与资历",
    "maturity": "成熟度",
    "past_contracts": "以往合作",
    "availability": "可对接性",
}
ENTERPRISE = "enterprise"  # the candidate kind of an achievement's match (organizations that are enterprises)
DEFAULT_WEIGHTS: dict[str, dict[str, float]] = {
    Kind.PERSON: {
        "terms": 0.45,
        "field": 0.2,
        "region": 0.1,
        "level": 0.1,
        "past_contracts": 0.05,
        "availability": 0.1,
    },
    Kind.ACHIEVEMENT: {
        "terms": 0.45,
        "field": 0.2,
        "region": 0.1,
        "maturity": 0.15,
        "past_contracts": 0.05,
        "availability": 0.05,
    },
    Kind.PLATFORM: {
        "terms": 0.4,
        "field": 0.2,
        "region": 0.15,
        "level": 0.15,
        "past_contracts": 0.05,
        "availability": 0.05,
    },
    Kind.INSTRUMENT: {"terms": 0.45, "field": 0.15, "region": 0.2, "availability": 0.2},
    Kind.ORGANIZATION: {"terms": 0.45, "field": 0.15, "region": 0.2, "past_contracts": 0.2},
    ENTERPRISE: {"terms": 0.5, "field": 0.2, "region": 0.15, "level": 0.1, "past_contracts": 0.05},
}
NEED_CANDIDATE_KINDS = (Kind.PERSON, Kind.ACHIEVEMENT, Kind.PLATFORM, Kind.INSTRUMENT, Kind.ORGANIZATION)
SERVICE_AGENCY = "service_agency"
QUERY_TERMS = 10
# A word in more than this share of all documents tells candidates apart no better than chance.
COMMON_SHARE = 0.05
# … once the index is large enough for a share to mean anything.
COMMON_FLOOR = 1000
RETRIEVED = 300
# Documents a match's query may reach before ranking: its words, heaviest first, while their documents
# stay within this (ranking every document of every word cost most of a match on a large index).
CANDIDATE_BUDGET = 8000
MATURITY_VALUE = {"research": 0.2, "prototype": 0.4, "pilot": 0.6, "industrialization": 0.85, "mature": 1.0}
LEVEL_VALUE = {"national": 1.0, "provincial": 0.75, "municipal": 0.5, "county": 0.3}
INSTRUMENT_AVAILABILITY = {"available": 1.0, "in_use": 0.5, "maintenance": 0.2, "retired": 0.0}


@dataclass
class Reason:
    factor: str
    weight: float
    value: float
    detail: str

    def as_json(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "weight": self.weight,
            "value": round(self.value, 4),
            "detail": self.detail,
        }


@dataclass
class Candidate:
    kind: str
    id: int
    title: str
    score: float
    reasons: list[Reason]
    organization_id: int | None = None
    url: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "score": round(self.score, 4),
            "reasons": [reason.as_json() for reason in self.reasons],
        }


@dataclass
class WeightedTerms:
    weights: dict[str, float]
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Documents holding each term, as the index counted them.
    counts: dict[str, int] = field(default_factory=dict)

    def retrieved_terms(self) -> list[str]:
        """The heaviest terms whose documents together stay within CANDIDATE_BUDGET (the heaviest always);
        every term still counts in the reasons of the candidates found."""
        kept, total = [], 0
        for term in self.weights:
            documents = self.counts.get(term, 0)
            if kept and total + documents > CANDIDATE_BUDGET:
                continue
            kept.append(term)
            total += documents
        return kept

    def groups(self) -> list[list[tuple[str, ...]]]:
        groups = []
        for term in self.retrieved_terms():
            alternatives = [(term,)] + [
                tuple(words(s)) or (s,) for s in self.synonyms.get(term, ()) if s != term
            ]
            groups.append(list(dict.fromkeys(alternatives)))
        return groups


def weights_for(kind: str, overrides: Mapping[str, Mapping[str, float]] | None = None) -> dict[str, float]:
    """The kind's factor weights: a preview's overrides, else what staff saved, else the defaults."""
    if overrides and kind in overrides:
        return {factor: float(value) for factor, value in overrides[kind].items()}
    saved = MatchWeights.objects.filter(kind=kind).values_list("weights", flat=True).first()
    base = dict(DEFAULT_WEIGHTS[kind])
    if saved:
        base.update({factor: float(value) for factor, value in saved.items() if factor in FACTORS})
    return base


def query_terms(parts: list[tuple[str, float]]) -> WeightedTerms:
    """The most telling words of weighted texts, each with weight × idf."""
    raw: Counter = Counter()
    for text, weight in parts:
        for word in words(text):
            if word not in STOPWORDS and len(word) > 1:
                raw[word] += weight
                # The words inside a long word count for half: 动力电池 also looks for 电池.
                for inner in index_terms(word):
                    if inner != word and len(inner) > 1 and inner not in STOPWORDS:
                        raw[inner] += weight / 2
    index = backends.current()
    counts = index.document_counts(list(raw))
    size = max(index.size(), 1)
    scored = {}
    for word, weight in raw.items():
        documents = counts.get(word, 0)
        if documents == 0 or documents > max(size * COMMON_SHARE, COMMON_FLOOR):
            continue
        scored[word] = weight * math.log(1 + size / documents)
    best = dict(sorted(scored.items(), key=lambda item: -item[1])[:QUERY_TERMS])
    if not best:
        # Every word common: keep the heaviest few rather than match nothing.
        best = {word: weight for word, weight in raw.most_common(3) if counts.get(word)}
    synonyms = synonym_groups()
    return WeightedTerms(
        best,
        {term: synonyms[term] for term in best if term in synonyms},
        {term: counts.get(term, 0) for term in best},
    )


def _document_terms(document: SearchDocument) -> set[str]:
    return set(document.terms.split()) | set(document.body_terms.split())


def _shared(document: SearchDocument, query: WeightedTerms) -> list[str]:
    present = _document_terms(document)
    shared = []
    for term in query.weights:
        alternatives = [term, *query.synonyms.get(term, ())]
        if any(all(part in present for part in (words(alt) or [alt])) for alt in alternatives):
            shared.append(term)
    return shared


def terms_reason(
    document: SearchDocument, rank: float, best_rank: float, query: WeightedTerms, weight: float
) -> Reason:
    shared = _shared(document, query)
    total = sum(query.weights.values()) or 1.0
    coverage = sum(query.weights[term] for term in shared) / total
    value = 0.6 * coverage + 0.4 * (rank / best_rank if best_rank > 0 else 0)
    detail = (
        (
            _("共同关键词：%(words)s（覆盖需求关键词 %(share)d%%）")
            % {"words": "、".join(shared), "share": round(coverage * 100)}
        )
        if shared
        else _("无共同关键词")
    )
    return Reason("terms", weight, min(value, 1.0), detail)


def field_reason(
    wanted: str, document: SearchDocument, weight: float, synonyms: dict[str, tuple[str, ...]]
) -> Reason:
    wanted_words = [word for word in words(wanted) if word not in STOPWORDS]
    if not wanted_words:
        return Reason("field", weight, 0.0, _("需求未注明技术领域"))
    present = _document_terms(document) | set(words(document.field))
    hits = [
        word
        for word in wanted_words
        if word in present or any(alt in present for alt in synonyms.get(word, ()))
    ]
    value = len(hits) / len(wanted_words)
    if normalize(wanted).strip() and normalize(wanted).strip() == normalize(document.field).strip():
        value = 1.0
    if value:
        detail = _("领域相符：%(field)s") % {"field": document.field or "、".join(hits)}
    else:
        detail = _("领域不同（对方：%(field)s）") % {"field": document.field or _("未注明")}
    return Reason("field", weight, value, detail)


def region_reason(wanted: str, document: SearchDocument, weight: float, names: Mapping[str, str]) -> Reason:
    theirs = document.region
    if not wanted or not theirs:
        return Reason("region", weight, 0.0, _("地区未知"))
    if theirs == wanted:
        return Reason("region", weight, 1.0, _("同在%(name)s") % {"name": names.get(theirs, theirs)})
    if theirs[:4] == wanted[:4]:
        city = wanted[:4] + "00"
        return Reason("region", weight, 0.8, _("同在%(name)s") % {"name": names.get(city, city)})
    if theirs[:2] == wanted[:2]:
        province = wanted[:2] + "0000"
        return Reason("region", weight, 0.5, _("同在%(name)s") % {"name": names.get(province, province)})
    return Reason("region", weight, 0.2, _("省外（%(name)s）") % {"name": names.get(theirs, theirs)})


def _past_contracts(
    organization_ids: set[int], person_ids: set[int]
) -> dict[tuple[str, int], tuple[int, int]]:
    """(drafts, registered) agreements per candidate organization and expert."""
    live = AgreementDraft.objects.exclude(status=AgreementStatus.CANCELLED)
    found: dict[tuple[str, int], tuple[int, int]] = {}
    registered = Count("pk", filter=Q(status=AgreementStatus.REGISTERED))
    for pk, drafts, done in (
        live.filter(seller_id__in=organization_ids)
        .values("seller_id")
        .annotate(n=Count("pk"), r=registered)
        .values_list("seller_id", "n", "r")
    ):
        found[("organization", pk)] = (drafts, done)
    for pk, drafts, done in (
        live.filter(seller_person_id__in=person_ids)
        .values("seller_person_id")
        .annotate(n=Count("pk"), r=registered)
        .values_list("seller_person_id", "n", "r")
    ):
        found[("person", pk)] = (drafts, done)
    return found


def contracts_reason(counts: tuple[int, int] | None, weight: float) -> Reason:
    drafts, registered = counts or (0, 0)
    if not drafts:
        return Reason("past_contracts", weight, 0.0, _("暂无对接合作记录"))
    value = min(1.0, (drafts + 2 * registered) / 5)
    return Reason(
        "past_contracts",
        weight,
        value,
        _("已达成 %(drafts)d 项对接，其中 %(registered)d 项已登记技术合同")
        % {"drafts": drafts, "registered": registered},
    )


def _records(kind: str, ids: list[int]) -> dict[int, Any]:
    from matching.sources import SOURCES

    if kind == ENTERPRISE:
        return SOURCES[Kind.ORGANIZATION].queryset().prefetch_related("qualifications").in_bulk(ids)
    return SOURCES[kind].queryset().in_bulk(ids)


@lru_cache(maxsize=256)
def _choice_labels(model: type, name: str, language: str | None) -> dict[Any, str]:
    return {value: str(label) for value, label in model._meta.get_field(name).flatchoices}


def choice_label(record: Any, name: str) -> str:
    """What `get_<name>_display()` says, without it: Django builds the field's choices into a fresh dict on
    every call, translating each label to hash it, which cost a match a third of its time. (Labels come
    from the code and its translations, so every worker's copy agrees.)"""
    value = getattr(record, name)
    return _choice_labels(type(record), name, get_language()).get(value, str(value))


def level_reason(kind: str, record: Any, weight: float) -> Reason:
    if kind == Kind.PLATFORM:
        value = LEVEL_VALUE.get(record.level, 0.1)
        label = choice_label(record, "level") or _("未认定")
        return Reason(
            "level",
            weight,
            value,
            _("%(level)s%(type)s") % {"level": label, "type": choice_label(record, "platform_type")},
        )
    if kind == Kind.PERSON:
        text = f"{record.title} {record.programmes}"
        if "院士" in text:
            value = 1.0
        elif record.programmes:
            value = 0.85
        elif any(word in record.title for word in ("教授", "研究员", "正高")) and "副" not in record.title:
            value = 0.7
        elif record.title:
            value = 0.5
        else:
            value = 0.3
        described = "，".join(part for part in (record.title, record.programmes) if part) or _("未注明职称")
        return Reason("level", weight, value, described)
    if kind == ENTERPRISE:
        value = (0.5 if record.above_designated_size else 0.2) + (0.5 if _is_high_tech(record) else 0)
        parts = [_("规模以上") if record.above_designated_size else _("规模以下")]
        if _is_high_tech(record):
            parts.append(_("高新技术企业"))
        return Reason("level", weight, value, "，".join(parts))
    return Reason("level", weight, 0.0, "")


def _is_high_tech(organization: Any) -> bool:
    return any(q.type == "high_tech_enterprise" for q in organization.qualifications.all())


def availability_reason(
    kind: str, record: Any, weight: float, profiles: Mapping[int, ExpertProfile]
) -> Reason:
    if kind == Kind.INSTRUMENT:
        value = INSTRUMENT_AVAILABILITY.get(record.status, 0.0) if record.shareable else 0.1
        detail = choice_label(record, "status") + ("" if record.shareable else _("，不对外共享"))
        return Reason("availability", weight, value, detail)
    if kind == Kind.PERSON:
        profile = profiles.get(record.pk)
        if profile is None:
            return Reason("availability", weight, 0.6, _("尚未建立专家档案"))
        if not profile.available:
            return Reason("availability", weight, 0.1, _("专家暂不接受对接"))
        return Reason("availability", weight, 1.0, _("专家库在库，可接受对接"))
    if kind == Kind.PLATFORM:
        value = {"approved": 1.0, "cultivating": 0.6, "applying": 0.7}.get(record.stage, 0.3)
        return Reason("availability", weight, value, choice_label(record, "stage"))
    if kind == Kind.ACHIEVEMENT:
        value = 0.7 if record.transfer_mode == "negotiable" else 1.0
        return Reason(
            "availability",
            weight,
            value,
            _("转化方式：%(mode)s") % {"mode": choice_label(record, "transfer_mode")},
        )
    return Reason("availability", weight, 1.0, "")


def maturity_reason(record: Any, weight: float) -> Reason:
    return Reason(
        "maturity", weight, MATURITY_VALUE.get(record.maturity, 0.0), choice_label(record, "maturity")
    )


def region_names(codes: set[str]) -> dict[str, str]:
    from registry.models import Region

    wanted = set()
    for code in codes:
        if code:
            wanted.update({code, code[:4] + "00", code[:2] + "0000"})
    return dict(Region.objects.filter(code__in=wanted).values_list("code", "name"))


def _combine(reasons: list[Reason]) -> float:
    total = sum(reason.weight for reason in reasons)
    return sum(reason.weight * reason.value for reason in reasons) / total if total else 0.0


def match_need(
    need: Any, limit: int = 20, overrides: Mapping[str, Mapping[str, float]] | None = None
) -> list[Candidate]:
    """Ranked candidates for one technology need, each with the reasons for its score."""
    query = query_terms([(need.title, 3.0), (need.field, 2.0), (need.description, 1.0)])
    if not query.weights:
        return []
    filters = backends.Filters(
        kinds=tuple(kind for kind in NEED_CANDIDATE_KINDS if kind != Kind.ORGANIZATION),
        subkinds_of=((Kind.ORGANIZATION, (SERVICE_AGENCY,)),),
        exclude_organization=need.enterprise_id,
    )
    ranked = backends.current().search(query.groups(), "any", filters, RETRIEVED)
    documents = SearchDocument.objects.in_bulk([pk for pk, _rank in ranked])
    best_rank = max((rank for _pk, rank in ranked), default=0.0)
    by_kind: dict[str, list[tuple[SearchDocument, float]]] = defaultdict(list)
    for pk, rank in ranked:
        if pk in documents:
            by_kind[documents[pk].kind].append((documents[pk], rank))
    records = {
        kind: _records(kind, [document.object_id for document, _rank in hits])
        for kind, hits in by_kind.items()
    }
    person_ids = {document.object_id for document, _rank in by_kind.get(Kind.PERSON, [])}
    profiles = ExpertProfile.objects.in_bulk(person_ids, field_name="person_id")
    contracts = _past_contracts(
        {document.object_id for document, _rank in by_kind.get(Kind.ORGANIZATION, [])}
        | {
            document.organization_id
            for hits in by_kind.values()
            for document, _rank in hits
            if document.organization_id and document.kind != Kind.PERSON
        },
        person_ids,
    )
    wanted_region = need.enterprise.region_id
    names = region_names({wanted_region} | {document.region for document in documents.values()})
    candidates = []
    for kind, hits in by_kind.items():
        weights = weights_for(kind, overrides)
        for document, rank in hits:
            record = records[kind].get(document.object_id)
            if record is None:
                continue
            reasons = [terms_reason(document, rank, best_rank, query, weights.get("terms", 0))]
            for factor in FACTORS[1:]:
                weight = weights.get(factor)
                if weight is None:
                    continue
                if factor == "field":
                    reasons.append(field_reason(need.field, document, weight, query.synonyms))
                elif factor == "region":
                    reasons.append(region_reason(wanted_region, document, weight, names))
                elif factor == "level":
                    reasons.append(level_reason(kind, record, weight))
                elif factor == "maturity":
                    reasons.append(maturity_reason(record, weight))
                elif factor == "past_contracts":
                    key = (
                        ("person", record.pk)
                        if kind == Kind.PERSON
                        else (
                            "organization",
                            record.pk if kind == Kind.ORGANIZATION else document.organization_id,
                        )
                    )
                    reasons.append(contracts_reason(contracts.get(key), weight))
                elif factor == "availability":
                    reasons.append(availability_reason(kind, record, weight, profiles))
            candidates.append(
                Candidate(
                    kind,
                    record.pk,
                    document.title,
                    _combine(reasons),
                    reasons,
                    document.organization_id,
                    document.url,
                )
            )
    candidates.sort(key=lambda candidate: (-candidate.score, candidate.kind, candidate.id))
    return candidates[:limit]


def match_achievement(
    achievement: Any, limit: int = 20, overrides: Mapping[str, Mapping[str, float]] | None = None
) -> list[Candidate]:
    """Enterprises that might want an achievement: their own description and their open needs."""
    query = query_terms([(achievement.title, 3.0), (achievement.field, 2.0), (achievement.description, 1.0)])
    if not query.weights:
        return []
    filters = backends.Filters(
        subkinds_of=((Kind.ORGANIZATION, ("enterprise",)), (Kind.NEED, ("open", "matching"))),
        exclude_organization=achievement.owner_id,
    )
    ranked = backends.current().search(query.groups(), "any", filters, RETRIEVED)
    documents = SearchDocument.objects.in_bulk([pk for pk, _rank in ranked])
    best_rank = max((rank for _pk, rank in ranked), default=0.0)
    # One candidate per enterprise, from its best document (its profile or one of its needs).
    best: dict[int, tuple[SearchDocument, float]] = {}
    for pk, rank in ranked:
        document = documents.get(pk)
        if document is None or document.organization_id is None:
            continue
        if document.organization_id not in best:
            best[document.organization_id] = (document, rank)
    enterprises = _records(ENTERPRISE, list(best))
    contracts = _past_contracts(set(best), set())
    weights = weights_for(ENTERPRISE, overrides)
    names = region_names({achievement.owner.region_id} | {doc.region for doc, _rank in best.values()})
    candidates = []
    for organization_id, (document, rank) in best.items():
        organization = enterprises.get(organization_id)
        if organization is None or organization.kind != "enterprise":
            continue
        terms = terms_reason(document, rank, best_rank, query, weights.get("terms", 0))
        if document.kind == Kind.NEED:
            terms.detail += _("；相近需求：%(title)s") % {"title": document.title}
        reasons = [
            terms,
            field_reason(achievement.field, document, weights.get("field", 0), query.synonyms),
            region_reason(achievement.owner.region_id, document, weights.get("region", 0), names),
            level_reason(ENTERPRISE, organization, weights.get("level", 0)),
            contracts_reason(
                contracts.get(("organization", organization_id)), weights.get("past_contracts", 0)
            ),
        ]
        candidates.append(
            Candidate(
                Kind.ORGANIZATION,
                organization.pk,
                organization.name,
                _combine(reasons),
                reasons,
                organization.pk,
                organization.get_absolute_url(),
            )
        )
    candidates.sort(key=lambda candidate: (-candidate.score, candidate.id))
    return candidates[:limit]

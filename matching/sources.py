"""What the index reads from each kind of record: one `Source` per kind, the only place that knows the
other apps' fields. A record becomes one `SearchDocument` (matching.index writes it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from matching.models import Kind
from matching.text import index_terms, title_terms

BODY_CHARS = 2000


@dataclass(frozen=True)
class Source:
    kind: str
    model_label: str
    related: tuple[str, ...]
    # record → (title, title-like words (names, field), body, extra attributes)
    read: Callable[[Any], dict[str, Any]]

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def queryset(self) -> models.QuerySet:
        return self.model._base_manager.select_related(*self.related).order_by("pk")


def _join(*parts: object) -> str:
    return " ".join(str(part) for part in parts if part)


def _organization(record: Any) -> dict[str, Any]:
    return {
        "title": record.name,
        "names": _join(record.name, record.industry),
        "body": _join(record.get_kind_display(), record.address, record.description),
        "subkind": record.kind,
        "region": record.region_id,
        "field": record.industry,
        "organization_id": record.pk,
    }


def _platform(record: Any) -> dict[str, Any]:
    return {
        "title": record.name,
        "names": _join(record.name, record.field),
        "body": _join(
            record.get_platform_type_display(),
            record.get_level_display(),
            record.host.name,
            record.description,
        ),
        "subkind": record.platform_type,
        "region": record.region_id,
        "field": record.field,
        "level": record.level,
        "organization_id": record.host_id,
    }


def _person(record: Any) -> dict[str, Any]:
    organization = record.organization
    profile = getattr(record, "expert_profile", None)
    stated = profile.stated_fields if profile is not None else ""
    return {
        "title": record.name,
        "names": _join(record.name, record.fields, stated),
        "body": _join(
            record.title,
            organization.name if organization else "",
            record.programmes,
            record.bio,
            profile.statement if profile is not None else "",
        ),
        "subkind": record.category,
        "region": organization.region_id if organization else "",
        "field": _join(record.fields, stated),
        "organization_id": record.organization_id,
    }


def _instrument(record: Any) -> dict[str, Any]:
    return {
        "title": record.name,
        "names": _join(record.name, record.category),
        "body": _join(record.model_number, record.owner.name, record.location),
        "subkind": record.status,
        "region": record.owner.region_id,
        "field": record.category,
        "organization_id": record.owner_id,
    }


def _achievement(record: Any) -> dict[str, Any]:
    return {
        "title": record.title,
        "names": _join(record.title, record.field),
        "body": _join(record.owner.name, record.get_maturity_display(), record.description),
        "subkind": record.maturity,
        "region": record.owner.region_id,
        "field": record.field,
        "organization_id": record.owner_id,
    }


def _need(record: Any) -> dict[str, Any]:
    return {
        "title": record.title,
        "names": _join(record.title, record.field),
        "body": _join(record.enterprise.name, record.description),
        "subkind": record.status,
        "region": record.enterprise.region_id,
        "field": record.field,
        "organization_id": record.enterprise_id,
    }


def _policy(record: Any) -> dict[str, Any]:
    return {
        "title": record.title,
        "names": _join(record.title, record.doc_number, record.issuer),
        "body": record.text,
        "subkind": record.status,
        "region": record.region_id,
        "public": record.status == "confirmed",
    }


def _clause(record: Any) -> dict[str, Any]:
    document = record.document
    return {
        "title": f"{document.title} {record.path} {record.heading}".strip(),
        "names": _join(record.heading, document.title),
        "body": record.text,
        "subkind": document.status,
        "region": document.region_id,
        "public": document.status == "confirmed",
    }


def _challenge(record: Any) -> dict[str, Any]:
    return {
        "title": record.title,
        "names": _join(record.title, record.field),
        "body": _join(record.publisher.name, record.goal, record.conditions),
        "subkind": record.status,
        "region": record.region_id,
        "field": record.field,
        "organization_id": record.publisher_id,
        "public": record.status != "draft",
    }


SOURCES: dict[str, Source] = {
    source.kind: source
    for source in [
        Source(Kind.ORGANIZATION, "registry.Organization", ("region",), _organization),
        Source(Kind.PLATFORM, "registry.Platform", ("host",), _platform),
        Source(Kind.PERSON, "registry.Person", ("organization", "expert_profile"), _person),
        Source(Kind.INSTRUMENT, "registry.Instrument", ("owner",), _instrument),
        Source(Kind.ACHIEVEMENT, "registry.Achievement", ("owner",), _achievement),
        Source(Kind.NEED, "registry.TechnologyNeed", ("enterprise",), _need),
        Source(Kind.POLICY, "policies.PolicyDocument", (), _policy),
        Source(Kind.CLAUSE, "policies.Clause", ("document",), _clause),
        Source(Kind.CHALLENGE, "matching.Challenge", ("publisher",), _challenge),
    ]
}


def source_for(instance: models.Model) -> Source | None:
    label = instance._meta.label
    for source in SOURCES.values():
        if source.model_label == label:
            return source
    return None


def document_fields(source: Source, record: Any) -> dict[str, Any]:
    """The SearchDocument column values of one record."""
    data = source.read(record)
    body = (data.get("body") or "")[:BODY_CHARS]
    url = ""
    if hasattr(record, "get_absolute_url"):
        try:
            url = record.get_absolute_url()
        except Exception:
            url = ""
    return {
        "kind": source.kind,
        "object_id": record.pk,
        "subkind": data.get("subkind", "") or "",
        "title": data["title"][:300],
        "body": body,
        "terms": " ".join(title_terms(data["names"])),
        "body_terms": " ".join(index_terms(body)),
        "region": data.get("region") or "",
        "field": (data.get("field") or "")[:200],
        "level": data.get("level") or "",
        "organization_id": data.get("organization_id"),
        "public": data.get("public", True),
        "url": url[:300],
    }


def iter_documents(source: Source, records: Iterable[Any]) -> Iterable[dict[str, Any]]:
    for record in records:
        yield document_fields(source, record)

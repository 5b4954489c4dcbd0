"""The registry's resource kinds, one entry each: pages, import/export and the API all read this table.

Adding a kind means adding its model and one `ResourceKind` entry here (recipe in CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.permissions import AnyUser
from registry import models as registry


@dataclass(frozen=True)
class ResourceKind:
    code: str
    model: type[models.Model]
    label: str
    # Query-string filters a list accepts: name → ORM lookup. Values are matched exactly.
    filters: dict[str, str] = field(default_factory=dict)
    # Related objects fetched with every row of a list.
    related: tuple[str, ...] = ()
    # Narrows a queryset to what a user may see; public catalogues need no narrowing.
    visible_to: Callable[[QuerySet, AnyUser], QuerySet] = lambda queryset, user: queryset

    def queryset(self, user: AnyUser) -> QuerySet:
        return self.visible_to(self.model.objects.select_related(*self.related), user)

    def search(self, queryset: QuerySet, text: str) -> QuerySet:
        """Records matching a search, newest first: walking a name index to fill a page of rare matches
        costs a full scan, and names in code-point order mean nothing to a reader anyway."""
        text = text.strip()
        return queryset.search(text).order_by("-pk") if text else queryset

    def filtered(self, user: AnyUser, params: dict[str, str]) -> QuerySet:
        """The list a user asked for with query parameters (`q` searches, the rest filter)."""
        queryset = self.queryset(user)
        for name, lookup in self.filters.items():
            value = (params.get(name) or "").strip()
            if not value:
                continue
            if lookup == "region__code__startswith":
                # A subquery, not a prefix match: the planner then starts from the region's rows instead of
                # walking the name index (city names open most company names, so those rows cluster).
                queryset = queryset.filter(region__in=registry.Region.objects.within(value))
            elif spans_many(self.model, lookup):
                # A join would list a record once per matching related row (two qualifications of one
                # type); a subquery lists it once without the cost of DISTINCT over whole rows.
                matching = self.model._base_manager.filter(**{lookup: value}).values("pk")
                queryset = queryset.filter(pk__in=matching)
            else:
                queryset = queryset.filter(**{lookup: value})
        return self.search(queryset, params.get("q", ""))


def spans_many(model: type[models.Model], lookup: str) -> bool:
    """Whether a lookup path crosses a relation with many rows per record (reverse foreign key, m2m)."""
    for name in lookup.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if not field.is_relation:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


KINDS: dict[str, ResourceKind] = {
    kind.code: kind
    for kind in [
        ResourceKind(
            "organization", registry.Organization, _("机构"),
            filters={"kind": "kind", "region": "region__code__startswith", "industry": "industry",
                     "qualification": "qualifications__type",
                     "above_designated_size": "above_designated_size"},
            related=("region",),
        ),
        ResourceKind(
            "platform", registry.Platform, _("创新平台"),
            filters={"platform_type": "platform_type", "level": "level", "stage": "stage",
                     "region": "region__code__startswith", "host": "host_id"},
            related=("host", "region"),
        ),
        ResourceKind(
            "person", registry.Person, _("专家人才"),
            filters={"category": "category", "organization": "organization_id"},
            related=("organization",),
        ),
        ResourceKind(
            "instrument", registry.Instrument, _("仪器设备"),
            filters={"status": "status", "owner": "owner_id", "category": "category"},
            related=("owner",),
        ),
        ResourceKind(
            "achievement", registry.Achievement, _("科技成果"),
            filters={"maturity": "maturity", "transfer_mode": "transfer_mode", "owner": "owner_id"},
            related=("owner",),
        ),
        ResourceKind(
            "need", registry.TechnologyNeed, _("技术需求"),
            filters={"status": "status", "enterprise": "enterprise_id", "field": "field"},
            related=("enterprise",),
        ),
    ]
}


def kind_of(code: str) -> ResourceKind:
    try:
        return KINDS[code]
    except KeyError:
        raise KeyError(f"未知的资源类型 {code!r}，可选：{'、'.join(KINDS)}") from None

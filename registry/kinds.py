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

from kechuang.access import AnyUser
from registry import models as registry
from registry.permissions import (
    Lock,
    RecordRule,
    department_officers,
    members_of_an_organization,
    once_saved,
    register,
)


@dataclass(frozen=True)
class ResourceKind:
    code: str
    model: type[models.Model]
    label: str
    # Who changes its records (registry.permissions); registered with the kind.
    rule: RecordRule
    # Query-string filters a list accepts: name → ORM lookup. Values are matched exactly.
    filters: dict[str, str] = field(default_factory=dict)
    # Related objects fetched with every row of a list.
    related: tuple[str, ...] = ()
    # Narrows a queryset to what a user may see; public catalogues need no narrowing.
    visible_to: Callable[[QuerySet, AnyUser], QuerySet] = lambda queryset, user: queryset

    def __post_init__(self) -> None:
        register(self.model, self.rule)

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
            rule=RecordRule(owner="pk", locks=(
                # The USCC identifies the organization and its kind decides which rules pay it.
                Lock(("uscc", "kind"), _("如需更正请联系科技局")),
            )),
            filters={"kind": "kind", "region": "region__code__startswith", "industry": "industry",
                     "qualification": "qualifications__type",
                     "above_designated_size": "above_designated_size"},
            related=("region",),
        ),
        ResourceKind(
            "platform", registry.Platform, _("创新平台"),
            rule=RecordRule(owner="competent_department", creators=department_officers, owner_fixed=True),
            filters={"platform_type": "platform_type", "level": "level", "stage": "stage",
                     "region": "region__code__startswith", "host": "host_id"},
            related=("host", "region"),
        ),
        ResourceKind(
            "person", registry.Person, _("专家人才"),
            rule=RecordRule(owner="organization", creators=department_officers, person="user", locks=(
                # Who may edit a person follows from its organization; moving it is the bureau's call.
                # A department officer records experts who work elsewhere, so a new person's is free.
                Lock(("organization",), _("如需更改所在单位请联系科技局"), holds=once_saved),
            )),
            filters={"category": "category", "organization": "organization_id"},
            related=("organization",),
        ),
        ResourceKind(
            "instrument", registry.Instrument, _("仪器设备"),
            rule=RecordRule(owner="owner", creators=members_of_an_organization, owner_fixed=True),
            filters={"status": "status", "owner": "owner_id", "category": "category"},
            related=("owner",),
        ),
        ResourceKind(
            "achievement", registry.Achievement, _("科技成果"),
            rule=RecordRule(owner="owner", creators=members_of_an_organization, owner_fixed=True),
            filters={"maturity": "maturity", "transfer_mode": "transfer_mode", "owner": "owner_id"},
            related=("owner",),
        ),
        ResourceKind(
            "need", registry.TechnologyNeed, _("技术需求"),
            rule=RecordRule(owner="enterprise", creators=members_of_an_organization, owner_fixed=True),
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

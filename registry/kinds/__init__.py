"""The registry's resource kinds: pages, import/export and the API all read this table.

Each kind is one module of this package (`registry/kinds/<kind>.py`) holding everything about it: its
form, the facts its page shows, its file columns, its API schemas, its list filters, its plural, its
label and who may change it. Each module ends with `register(...)`; `KINDS_IN_ORDER` below is the one
place that loads them, in the order menus list them. Adding a kind means its model and migration, one
module here and its list-row template (recipe in CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.core.exceptions import BadRequest, FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils.functional import Promise

from kechuang.access import AnyUser
from kechuang.listing import Column
from registry import models as registry
from registry import permissions
from registry.permissions import RecordRule
from registry.region_lookups import IN_REGION, in_region

if TYPE_CHECKING:
    from django import forms

    from registry.io.columns import KindColumns
    from registry.schemas import KindSchemas

# A record page's extra context (the related records it shows) and the template that shows it.
Relations = tuple[Callable[[Any, AnyUser], dict[str, Any]], str]


def unchanged(queryset: QuerySet) -> QuerySet:
    return queryset


def public(queryset: QuerySet, user: AnyUser) -> QuerySet:
    return queryset


@dataclass(frozen=True)
class ResourceKind:
    code: str
    model: type[models.Model]
    label: str | Promise
    # The URL segment of its pages and API endpoints: /registry/<plural>/, /api/registry/<plural>/.
    plural: str
    # Who changes its records (registry.permissions).
    rule: RecordRule
    form: type[forms.ModelForm]
    schemas: KindSchemas
    # Its layout in import and export files (contract 4 in docs/interfaces.md).
    columns: KindColumns
    # The fields its page lists, in order; `private_facts` only for logged-in users.
    facts: tuple[str, ...]
    private_facts: frozenset[str] = frozenset()
    # Query-string filters a list accepts: name → ORM lookup. Values are matched exactly, except that a
    # lookup ending in IN_REGION (`region__in_region`) keeps the records inside the region named.
    filters: dict[str, str] = field(default_factory=dict)
    # Related objects fetched with every row of a list.
    related: tuple[str, ...] = ()
    # Narrows a queryset to what a user may see; public catalogues need no narrowing.
    visible_to: Callable[[QuerySet, AnyUser], QuerySet] = public
    # What a list page fetches besides the rows (e.g. valid qualifications).
    list_extras: Callable[[QuerySet], QuerySet] = unchanged
    relations: Relations | None = None
    # The columns of its list page, which name the sorts a reader may choose (kechuang.listing).
    list_columns: tuple[Column, ...] = ()

    @property
    def table(self) -> str:
        """The template of its list rows."""
        return f"registry/tables/{self.code}.html"

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
            if _integer_lookup(self.model, lookup) and not _database_integer(value):
                # `?host=99999999999999999999` or `?host=abc` names no record: a bad request, not a 500.
                raise BadRequest(f"筛选条件“{name}”应为记录编号（正整数），收到“{value[:40]}”。")
            if lookup.endswith(IN_REGION):
                # A subquery, not a prefix match: the planner then starts from the region's rows instead of
                # walking the name index (city names open most company names, so those rows cluster).
                regions = registry.Region.objects.filter(in_region(value, "code"))
                queryset = queryset.filter(**{f"{lookup.removesuffix(IN_REGION)}__in": regions})
            elif spans_many(self.model, lookup):
                # A join would list a record once per matching related row (two qualifications of one
                # type); a subquery lists it once without the cost of DISTINCT over whole rows.
                matching = self.model._base_manager.filter(**{lookup: value}).values("pk")
                queryset = queryset.filter(pk__in=matching)
            else:
                queryset = queryset.filter(**{lookup: value})
        return self.search(queryset, params.get("q", ""))


BIGGEST_ID = 2**63 - 1  # the largest value of a 64-bit id column on SQLite and PostgreSQL


def _database_integer(value: str) -> bool:
    return value.isascii() and value.isdigit() and 0 < int(value) <= BIGGEST_ID


def _integer_lookup(model: type[models.Model], lookup: str) -> bool:
    """Whether a filter compares an id or integer column (so its value must fit one)."""
    field = None
    for name in lookup.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            break
        if field.is_relation and field.related_model is not None:
            model = field.related_model
    if field is not None and field.is_relation:
        field = field.target_field
    return isinstance(field, models.IntegerField | models.AutoField)


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


KINDS: dict[str, ResourceKind] = {}
# The kinds' modules, loaded in this order (the order of menus, the import page and the API schema).
KINDS_IN_ORDER = ("organization", "platform", "person", "instrument", "achievement", "need")


def register(kind: ResourceKind) -> ResourceKind:
    """Make a kind known to the pages, the API, import/export and the permission rules."""
    # Imported here: registry.io imports this package (for the lists it exports).
    from registry.io.columns import register_layout

    if kind.code in KINDS:
        raise RuntimeError(f"registry kind {kind.code!r} is registered twice")
    KINDS[kind.code] = kind
    permissions.register(kind.model, kind.rule)
    register_layout(kind.columns)
    return kind


def kind_of(code: str) -> ResourceKind:
    try:
        return KINDS[code]
    except KeyError:
        raise KeyError(f"未知的资源类型 {code!r}，可选：{'、'.join(KINDS)}") from None


def load() -> None:
    """Register the registry's kinds, then the layouts of an organization's parts. Run from
    RegistryConfig.ready(): every app's models exist by then."""
    from registry.io.columns import ORGANIZATION_PARTS, register_layout

    for code in KINDS_IN_ORDER:
        import_module(f"registry.kinds.{code}")
    for layout in ORGANIZATION_PARTS:
        register_layout(layout)

"""The unit dictionary that grows with use: aliases learned from reviewers' corrections or added by the
bureau, stored as `UnitAlias` rows and laid over the shipped dictionary (policies/data/units.yaml).

The dictionary is built from the database once per request (LearnedUnitsMiddleware) or per upload, never
kept in a process: an alias stored in one process is seen by every other from its next request on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accounts.models import User
from policies.ingest.units import (
    UnitDictionary,
    default_dictionary,
    dictionary_scope,
    forget_active_dictionary,
)
from policies.models import PolicyDocument, ResponsibleUnit, UnitAlias
from registry.models import Region


def _aliases_for(region: Region | None) -> list[UnitAlias]:
    """Aliases valid everywhere first, then those of the region's province, city and the region itself,
    so that the narrowest scope has the last word."""
    lineage = region.lineage() if region is not None else []
    depth = {node.code: index for index, node in enumerate(lineage)}
    rows = UnitAlias.objects.filter(Q(region__isnull=True) | Q(region__in=list(depth)))
    return sorted(rows, key=lambda row: (-1 if row.region_id is None else depth[row.region_id], row.pk))


def learned_dictionary(region: Region | None = None) -> UnitDictionary:
    """The shipped dictionary plus the learned aliases that apply in `region` (everywhere-aliases only
    when no region is given)."""
    dictionary = default_dictionary().copy()
    for row in _aliases_for(region):
        dictionary.add_alias(row.canonical, row.alias)
    return dictionary


class LearnedUnitsMiddleware:
    """Every request reads unit names through the shipped and learned aliases (planning's unit_key too)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with dictionary_scope(learned_dictionary):
            return self.get_response(request)


def check_alias(alias: str, canonical: str, region: Region | None = None) -> tuple[str, str]:
    """The alias and canonical name, tidied; ValidationError (Chinese) when the pair would break the
    dictionary: an empty name, a name mapped to itself, a canonical name remapped, a chain or a cycle."""
    alias, canonical = alias.strip(), canonical.strip()
    if not alias or not canonical:
        raise ValidationError(_("原文写法和规范名称都不能为空。"))
    dictionary = learned_dictionary(region)
    already = ValidationError(
        _("“%(alias)s”已经写作“%(canonical)s”，无需再添加。") % {"alias": alias, "canonical": canonical}
    )
    if alias == canonical:
        raise already
    if dictionary.is_canonical(alias):
        raise ValidationError(_("“%(alias)s”本身是规范名称，不能再对应到其他名称。") % {"alias": alias})
    known = dictionary.lookup(alias)
    if known is not None and known == (dictionary.lookup(canonical) or canonical):
        raise already
    if known is not None:
        raise ValidationError(
            _("“%(alias)s”已经对应“%(known)s”，请先删除原有对应。") % {"alias": alias, "known": known}
        )
    target = dictionary.lookup(canonical)
    if target is not None and target != canonical:
        # Pointing at an alias would make a chain, and a chain back to `alias` a cycle.
        raise ValidationError(
            _("“%(canonical)s”是“%(target)s”的别名，请直接对应到“%(target)s”。")
            % {"canonical": canonical, "target": target}
        )
    return alias, canonical


def add_alias(
    alias: str,
    canonical: str,
    *,
    user: User,
    region: Region | None = None,
    document: PolicyDocument | None = None,
) -> UnitAlias:
    with transaction.atomic():
        alias, canonical = check_alias(alias, canonical, region)
        row = UnitAlias(alias=alias, canonical=canonical, region=region, document=document, created_by=user)
        row._history_user = user
        row.save()
    forget_active_dictionary()
    return row


def delete_alias(row: UnitAlias, user: User) -> None:
    row._history_user = user
    row.delete()
    forget_active_dictionary()


def learn_from_correction(unit: ResponsibleUnit, previous_name: str, user: User) -> list[UnitAlias]:
    """A reviewer renamed an extracted unit: its raw spelling (and the name the pipeline gave it, unless
    that name is canonical for other spellings) now mean the corrected name, everywhere. A spelling the
    dictionary already maps (a shipped alias, an earlier lesson) is left as it is."""
    corrected = unit.name.strip()
    if not corrected or previous_name.strip() == corrected:
        return []
    learned = []
    for spelling in dict.fromkeys([unit.raw.strip(), previous_name.strip()]):
        if not spelling:
            continue
        try:
            learned.append(add_alias(spelling, corrected, user=user, document=unit.document))
        except ValidationError:
            continue
    return learned


@dataclass(frozen=True)
class AliasRow:
    alias: str
    canonical: str
    learned: UnitAlias | None = None  # None: shipped with the dictionary (内置)


def alias_rows() -> list[AliasRow]:
    """Every alias the dictionary knows, shipped ones first, grouped by canonical name."""
    shipped = [
        AliasRow(alias, canonical)
        for canonical, aliases in default_dictionary().entries.items()
        for alias in aliases
        if alias != canonical
    ]
    learned = [
        AliasRow(row.alias, row.canonical, row)
        for row in UnitAlias.objects.select_related("region", "document", "created_by")
    ]
    return shipped + learned

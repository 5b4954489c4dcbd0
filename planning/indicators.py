"""Computed indicator definitions (口径), one entry each in `DEFINITIONS`.

Recipe for a new definition: write a function `(region, params, on) -> QuerySet` returning exactly the
records the number counts, a `series` function giving the same counts for many indicators and dates in one
query, `describe` and `validate` for its parameters, list the columns the drill-down page shows, and add one
`Definition` to the table. The value is the count of that queryset unless `value` says otherwise, so the
headline number and the drill-down list cannot disagree.

Other apps add their own definitions in their `indicators.py` (kechuang.plugins): registered
technology-contract turnover and its growth live in `transfer.indicators`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy, pgettext

from kechuang.listing import Column, in_choice_order
from kechuang.plugins import indicator_definitions
from registry.adcodes import region_prefix
from registry.models import Organization, Platform, PlatformEvent, Qualification
from registry.region_lookups import in_any_region, in_region
from registry.vocabulary import LEVEL_RANK, Level, PlatformStage, PlatformType, QualificationType


@dataclass(frozen=True)
class SeriesRequest:
    """One indicator's region and parameters, and the dates it is read at."""

    region: str
    params: dict[str, Any]
    dates: list[dt.date]


@dataclass(frozen=True)
class Definition:
    key: str
    label: str
    records: Callable[[str, dict[str, Any], dt.date], QuerySet]
    describe: Callable[[dict[str, Any]], str]
    validate: Callable[[dict[str, Any]], None]
    # The values of several indicators (of any regions) at their dates, in one query for all of them (a
    # dashboard shows dozens); each must equal `records(...).count()` at each date
    # (tests/test_planning_computed_indicators_drill_down.py checks that).
    series: Callable[[list[SeriesRequest]], list[list[Decimal]]]
    columns: tuple[Column, ...] = field(default_factory=tuple)
    value: Callable[[QuerySet], Decimal] = lambda queryset: Decimal(queryset.count())


def _by_region_and_key(rows: Iterable[tuple], regions: set[str]) -> dict[tuple[str, str], list[tuple]]:
    """Rows whose first two items are a region code and a key, the rest under (each asked region that
    contains the code, key)."""
    found: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    prefixes = [(region, region_prefix(region)) for region in regions]
    for code, key, *rest in rows:
        for region, prefix in prefixes:
            if code.startswith(prefix):
                found[(region, key)].append(tuple(rest))
    return found


def _levels(params: dict[str, Any]) -> list[str]:
    if params.get("level"):
        return [params["level"]]
    floor = LEVEL_RANK[Level(params.get("min_level", Level.COUNTY))]
    return [code for code, rank in LEVEL_RANK.items() if rank >= floor]


def _higher_levels(params: dict[str, Any]) -> list[str]:
    """With an exact `level`, the levels above it (a platform raised to one no longer counts); else none."""
    if not params.get("level"):
        return []
    rank = LEVEL_RANK[Level(params["level"])]
    return [code for code, other in LEVEL_RANK.items() if other > rank]


def approved_platforms(region: str, params: dict[str, Any], on: dt.date) -> QuerySet[Platform]:
    """Platforms of the given types approved at one of the levels by `on` and not revoked since.

    `min_level` counts every platform holding that level or a higher one; `level` counts those whose
    highest approval on the date is exactly that level.
    """
    approvals = PlatformEvent.objects.approvals().filter(date__lte=on)
    revoked = PlatformEvent.objects.filter(stage=PlatformStage.REVOKED, date__lte=on)
    platforms = (
        Platform.objects.filter(in_region(region))
        .filter(
            platform_type__in=params["types"],
            pk__in=approvals.filter(level__in=_levels(params)).values("platform_id"),
        )
        .exclude(pk__in=revoked.values("platform_id"))
    )
    if higher := _higher_levels(params):
        # An exact level counts the level a platform holds on the date: one since raised is counted above.
        platforms = platforms.exclude(pk__in=approvals.filter(level__in=higher).values("platform_id"))
    return platforms.select_related("host", "region").order_by("platform_type", "name", "id")


def approved_platforms_series(requests: list[SeriesRequest]) -> list[list[Decimal]]:
    regions = {request.region for request in requests}
    events = PlatformEvent.objects.filter(
        in_any_region(regions, "platform__region"),
        platform__platform_type__in=sorted(
            {code for request in requests for code in request.params["types"]}
        ),
        stage__in=[PlatformStage.APPROVED, PlatformStage.REVOKED],
        date__lte=max(day for request in requests for day in request.dates),
    ).values_list("platform__region_id", "platform__platform_type", "platform_id", "stage", "level", "date")
    by_type = _by_region_and_key(events, regions)
    return [
        _count_platforms(
            [event for code in request.params["types"] for event in by_type[(request.region, code)]],
            request.params,
            request.dates,
        )
        for request in requests
    ]


def _count_platforms(
    events: list[tuple[int, str, str, dt.date]], params: dict[str, Any], dates: list[dt.date]
) -> list[Decimal]:
    """What `approved_platforms(...).count()` gives at each date, from the platforms' events."""
    levels, higher = _levels(params), _higher_levels(params)
    # Per platform, the first date it qualified, was revoked, and rose above an exact level.
    first: dict[str, dict[int, dt.date]] = {"approved": {}, "revoked": {}, "higher": {}}
    for platform, stage, level, day in events:
        if stage == PlatformStage.REVOKED:
            kind = "revoked"
        elif level in levels:
            kind = "approved"
        elif level in higher:
            kind = "higher"
        else:
            continue
        if platform not in first[kind] or day < first[kind][platform]:
            first[kind][platform] = day
    never = dt.date.max
    return [
        Decimal(
            sum(
                1
                for platform, approved in first["approved"].items()
                if approved <= on
                and first["revoked"].get(platform, never) > on
                and first["higher"].get(platform, never) > on
            )
        )
        for on in dates
    ]


def _describe_platforms(params: dict[str, Any]) -> str:
    types = pgettext("list separator", "、").join(str(PlatformType(code).label) for code in params["types"])
    if params.get("level"):
        level = gettext("最高认定级别为%(level)s的") % {"level": Level(params["level"]).label}
    else:
        level = gettext("%(level)s及以上") % {"level": Level(params.get("min_level", Level.COUNTY)).label}
    return gettext("地区内截至统计日已认定且未被撤销的%(level)s%(types)s数量（依据平台生命周期事件）。") % {
        "level": level,
        "types": types,
    }


def _validate_platforms(params: dict[str, Any]) -> None:
    types = params.get("types")
    if not types or any(code not in PlatformType.values for code in types):
        raise ValidationError(f"平台类型无效：{types}")
    for name in ("level", "min_level"):
        if params.get(name) and params[name] not in Level.values:
            raise ValidationError(f"级别无效：{params[name]}")


def qualified_organizations(region: str, params: dict[str, Any], on: dt.date) -> QuerySet[Organization]:
    """Organizations holding the qualification on `on` (granted by then, not yet expired)."""
    return (
        Organization.objects.filter(in_region(region))
        .holding(params["qualification"], on)
        .select_related("region")
        .order_by("name", "id")
    )


def qualified_organizations_series(requests: list[SeriesRequest]) -> list[list[Decimal]]:
    regions = {request.region for request in requests}
    grants = Qualification.objects.filter(
        in_any_region(regions, "organization__region"),
        type__in=sorted({request.params["qualification"] for request in requests}),
        granted__lte=max(day for request in requests for day in request.dates),
    ).values_list("organization__region_id", "type", "organization_id", "granted", "expires")
    by_type = _by_region_and_key(grants, regions)
    return [
        [
            Decimal(
                len(
                    {
                        org
                        for org, granted, expires in by_type[
                            (request.region, request.params["qualification"])
                        ]
                        if granted <= on and (expires is None or expires >= on)
                    }
                )
            )
            for on in request.dates
        ]
        for request in requests
    ]


def _describe_qualified(params: dict[str, Any]) -> str:
    label = QualificationType(params["qualification"]).label
    return gettext("地区内截至统计日持有有效%(qualification)s资质（已认定且未过有效期）的机构数量。") % {
        "qualification": label,
    }


def _validate_qualified(params: dict[str, Any]) -> None:
    if params.get("qualification") not in QualificationType.values:
        raise ValidationError(f"资质类型无效：{params.get('qualification')}")


DEFINITIONS: dict[str, Definition] = {
    definition.key: definition
    for definition in [
        Definition(
            key="approved_platforms",
            label="已认定创新平台数",
            records=approved_platforms,
            series=approved_platforms_series,
            describe=_describe_platforms,
            validate=_validate_platforms,
            columns=(
                Column(gettext_lazy("平台名称"), lambda p: p.name, key="name"),
                Column(
                    gettext_lazy("平台类型"),
                    lambda p: p.get_platform_type_display(),
                    key="type",
                    order_by=(in_choice_order("platform_type", PlatformType.choices),),
                ),
                Column(
                    gettext_lazy("当前级别"),
                    lambda p: p.get_level_display(),
                    key="level",
                    order_by=(in_choice_order("level", Level.choices),),
                ),
                Column(
                    gettext_lazy("依托单位"),
                    lambda p: p.host.name,
                    key="host",
                    order_by=("host__name",),
                    link=lambda p: p.host.get_absolute_url(),
                ),
                Column(
                    gettext_lazy("所在地区"), lambda p: p.region.name, key="region", order_by=("region_id",)
                ),
            ),
        ),
        Definition(
            key="qualified_organizations",
            label="持有有效资质的机构数",
            records=qualified_organizations,
            series=qualified_organizations_series,
            describe=_describe_qualified,
            validate=_validate_qualified,
            columns=(
                Column(gettext_lazy("机构名称"), lambda o: o.name, key="name"),
                Column(gettext_lazy("统一社会信用代码"), lambda o: o.uscc, key="uscc"),
                Column(
                    gettext_lazy("所在地区"), lambda o: o.region.name, key="region", order_by=("region_id",)
                ),
            ),
        ),
    ]
}


def definition_for(key: str) -> Definition:
    try:
        return indicator_definitions()[key]
    except KeyError:
        raise ValidationError(f"未知的指标口径：{key}") from None


def compute(key: str, region: str, params: dict[str, Any], on: dt.date) -> tuple[Decimal, QuerySet]:
    """The value of a computed indicator on a date, and the records it counts."""
    definition = definition_for(key)
    records = definition.records(region, params, on)
    return definition.value(records), records


# Dashboards may show a computed value up to this old; a registry change clears it sooner (planning.signals).
SERIES_CACHE_SECONDS = 300
SERIES_CACHE_VERSION = "planning:series-version"


def compute_series(
    key: str, region: str, params: dict[str, Any], dates: list[dt.date], *, cached: bool = False
) -> list[Decimal]:
    """The values of a computed indicator at several dates, without listing the records."""
    return compute_many([(key, SeriesRequest(region, params, dates))], cached=cached)[0]


def _fingerprint(key: str, request: SeriesRequest) -> str:
    question = [key, request.region, request.params, [day.isoformat() for day in request.dates]]
    return hashlib.sha256(json.dumps(question, sort_keys=True).encode()).hexdigest()


def compute_many(wanted: list[tuple[str, SeriesRequest]], *, cached: bool = False) -> list[list[Decimal]]:
    """The values of many computed indicators: one query per definition, whatever their number and regions,
    and each distinct question counted once (plans repeat an indicator for several policies).

    With `cached`, values counted within SERIES_CACHE_SECONDS are reused; the cache is Django's, shared by
    every worker when a shared backend is configured, and a registry change starts a new version of it."""
    fingerprints = [_fingerprint(*item) for item in wanted]
    questions = dict(zip(fingerprints, wanted, strict=True))
    values: dict[str, list[Decimal]] = {
        name: [] for name, (_, request) in questions.items() if not request.dates
    }
    cache_keys: dict[str, str] = {}
    if cached:
        version = cache.get_or_set(SERIES_CACHE_VERSION, 1, timeout=None)
        cache_keys = {name: f"planning:series:{version}:{name}" for name in questions if name not in values}
        hits = cache.get_many(list(cache_keys.values()))
        values.update({name: hits[key] for name, key in cache_keys.items() if key in hits})
    groups: dict[str, list[str]] = defaultdict(list)
    for name, (key, _) in questions.items():
        if name not in values:
            groups[key].append(name)
    for key, names in groups.items():
        counted = definition_for(key).series([questions[name][1] for name in names])
        values.update(zip(names, counted, strict=True))
        if cached:
            cache.set_many({cache_keys[name]: values[name] for name in names}, SERIES_CACHE_SECONDS)
    return [values[name] for name in fingerprints]


def forget_cached_series() -> None:
    """Registry records changed: computed values must be counted again."""
    try:
        cache.incr(SERIES_CACHE_VERSION)
    except ValueError:
        cache.set(SERIES_CACHE_VERSION, 1, timeout=None)


def describe(key: str, params: dict[str, Any]) -> str:
    """The 口径 of a computed indicator in words; empty for a reported one."""
    return definition_for(key).describe(params) if key else ""

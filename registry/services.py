"""Registry workflows that span several records: a platform's lifecycle, the cultivation pool and the
region overview of the home page. Views and commands call these; they check the domain
rules and write in one transaction, so bad input leaves stored data untouched."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from registry.adcodes import NATIONAL_CODE
from registry.models import (
    Achievement,
    Instrument,
    Organization,
    Person,
    Platform,
    PlatformEvent,
    Region,
    TechnologyNeed,
)
from registry.region_lookups import in_region
from registry.vocabulary import LEVEL_RANK, Level, NeedStatus, PlatformStage, PlatformType, QualificationType


def _rank(level: str) -> int:
    return LEVEL_RANK[Level(level)] if level else 0


def _not_in_future(day: dt.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({"date": _("日期不能晚于今天。")})


@transaction.atomic
def move_to_pool(
    platform: Platform, target_level: str, *, by: User | None, day: dt.date | None = None, note: str = ""
) -> PlatformEvent:
    """Put a platform into the cultivation pool (培育库), aiming at a level above the one it holds."""
    if not target_level:
        raise ValidationError({"target_level": _("请选择培育目标级别。")})
    if platform.stage == PlatformStage.REVOKED:
        raise ValidationError(_("已撤销的平台不能进入培育库。"))
    if _rank(target_level) <= _rank(platform.level):
        current = platform.get_level_display()
        message = _("培育目标级别应高于平台当前级别（%(level)s）。") % {"level": current}
        raise ValidationError({"target_level": message})
    day = day or timezone.localdate()
    _not_in_future(day)
    platform = Platform.objects.select_for_update().get(pk=platform.pk)
    platform.stage = PlatformStage.CULTIVATING
    platform.target_level = target_level
    _audited(platform, by, _("纳入培育库"))
    platform.save(update_fields=["stage", "target_level", "updated_at"])
    return _event(
        PlatformEvent(
            platform=platform,
            stage=PlatformStage.CULTIVATING,
            level=target_level,
            date=day,
            note=note,
            recorded_by=by,
        ),
        by,
    )


def _audited(record: Any, by: User | None, reason: str) -> None:
    """The historical row of the next save names who acted (also outside a request) and the step."""
    record._history_user = by
    record._change_reason = reason


def _event(event: PlatformEvent, by: User | None) -> PlatformEvent:
    event._history_user = by
    event.save()
    return event


@transaction.atomic
def record_approval(
    platform: Platform, level: str, day: dt.date | None, document: str, *, by: User | None, note: str = ""
) -> PlatformEvent:
    """Record an approval (认定) at a level; the platform holds the highest level it was ever approved at."""
    errors: dict[str, str] = {}
    if not level:
        errors["level"] = _("请选择认定级别。")
    if day is None:
        errors["date"] = _("请填写认定日期。")
    elif day > timezone.localdate():
        errors["date"] = _("认定日期不能晚于今天。")
    if not document.strip():
        errors["document"] = _("请填写认定文件或文号。")
    if errors:
        raise ValidationError(errors)
    platform = Platform.objects.select_for_update().get(pk=platform.pk)
    event = _event(
        PlatformEvent(
            platform=platform,
            stage=PlatformStage.APPROVED,
            level=level,
            date=day,
            document=document.strip(),
            note=note,
            recorded_by=by,
        ),
        by,
    )
    approved_levels = platform.events.filter(stage=PlatformStage.APPROVED).values_list("level", flat=True)
    platform.level = max(approved_levels, key=_rank)
    platform.stage = PlatformStage.APPROVED
    if platform.target_level and _rank(platform.target_level) <= _rank(platform.level):
        platform.target_level = ""
    _audited(platform, by, _("登记认定"))
    platform.save(update_fields=["level", "stage", "target_level", "updated_at"])
    return event


@dataclass(frozen=True)
class RegionOverview:
    region: Region | None
    enterprises: int
    high_tech_enterprises: int
    tech_smes: int
    approved_platforms: dict[str, int]
    pool_size: int
    experts: int
    instruments: int
    achievements: int
    open_needs: int
    # (platform type label, {level label: count}) for the chart, most platforms first.
    platforms_by_type: list[tuple[str, dict[str, int]]]

    @property
    def approved_total(self) -> int:
        return sum(self.approved_platforms.values())


def region_overview(code: str = "") -> RegionOverview:
    """The headline counts of a region (all regions when `code` is empty)."""
    # Without a region, the whole country: every record, those without an organization too.
    region = code or NATIONAL_CODE
    organizations = Organization.objects.filter(in_region(region))
    enterprises = organizations.enterprises()
    platforms = Platform.objects.filter(in_region(region))
    approved = platforms.approved().values_list("platform_type", "level").annotate(n=Count("id")).order_by()
    level_labels = dict(Level.choices)
    by_level: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = {}
    for platform_type, level, count in approved:
        label = level_labels.get(level, _("未定级"))
        by_level[label] += count
        by_type.setdefault(platform_type, Counter())[label] += count
    type_labels = dict(PlatformType.choices)
    chart = sorted(
        ((type_labels.get(t, t), dict(levels)) for t, levels in by_type.items()),
        key=lambda item: -sum(item[1].values()),
    )
    return RegionOverview(
        region=Region.objects.filter(code=code).first() if code else None,
        enterprises=enterprises.count(),
        high_tech_enterprises=enterprises.holding(QualificationType.HIGH_TECH_ENTERPRISE).count(),
        tech_smes=enterprises.holding(QualificationType.TECH_SME).count(),
        approved_platforms={label: by_level.get(label, 0) for label in level_labels.values()},
        pool_size=platforms.cultivation_pool().count(),
        experts=Person.objects.filter(in_region(region, "organization__region")).count(),
        instruments=Instrument.objects.filter(in_region(region, "owner__region")).count(),
        achievements=Achievement.objects.filter(in_region(region, "owner__region")).count(),
        open_needs=TechnologyNeed.objects.filter(
            in_region(region, "enterprise__region"), status=NeedStatus.OPEN
        ).count(),
        platforms_by_type=chart,
    )


# The pool's target levels in Level order, then "no target yet" (named `none` in the address).
POOL_TARGETS = [code for code, _label in Level.choices] + ["none"]


@dataclass(frozen=True)
class PoolRow:
    platform_type: str
    label: str
    counts: list[int]  # one per POOL_TARGETS entry

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(target level as the list filter names it, count) per column of the table."""
        return list(zip(POOL_TARGETS, self.counts, strict=True))


def pool_of(region: str = "", platform_type: str = "", target: str = "") -> QuerySet[Platform]:
    """The cultivation pool narrowed by region, platform type and target level (`none`: no target yet);
    values that name nothing are ignored, as a hand-edited address deserves."""
    pool = Platform.objects.cultivation_pool().select_related("host", "region")
    if region.isdigit():
        pool = pool.filter(in_region(region))
    if platform_type in PlatformType.values:
        pool = pool.filter(platform_type=platform_type)
    if target in POOL_TARGETS:
        pool = pool.filter(target_level="" if target == "none" else target)
    return pool


def pool_matrix(pool: QuerySet[Platform]) -> list[PoolRow]:
    """How many platforms of each type the pool cultivates towards each level."""
    levels = [code for code, _label in Level.choices] + [""]
    counts: dict[str, list[int]] = {}
    for platform_type, target, n in (
        pool.values_list("platform_type", "target_level").annotate(n=Count("id")).order_by()
    ):
        counts.setdefault(platform_type, [0] * len(levels))[levels.index(target)] += n
    labels = dict(PlatformType.choices)
    return [PoolRow(code, labels[code], counts[code]) for code in labels if code in counts]


def served_regions() -> list[Region]:
    """The regions this deployment serves (the KECHUANG_REGIONS setting), in code order."""
    return list(Region.objects.filter(code__in=settings.SERVED_REGIONS).order_by("code"))

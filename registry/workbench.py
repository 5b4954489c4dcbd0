"""The registry's workbench items (kechuang/workbench.py): for the bureau, platforms waiting for a
decision on their application (申报) or in rectification (整改) and the imports of the last days; for a
user of an organization, that organization and the yearly figures it still owes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kechuang.access import AnyUser, is_bureau, is_staff_member, own_organization_id
from kechuang.workbench import MINE, TODO, WATCH, Item
from registry import permissions
from registry.models import AnnualData, ImportJob, ImportJobStatus, Organization, Platform
from registry.vocabulary import PlatformStage

# Imports this recent count as "recent" on the bureau's workbench.
RECENT_IMPORT_DAYS = 7
# The yearly figures an organization reports (the yearly-data form's fields).
ANNUAL_FIELDS = ("revenue", "rd_expense", "high_tech_revenue", "employees", "rd_staff", "invention_patents")


def items(user: AnyUser) -> Iterator[Item]:
    if is_bureau(user):
        yield from _bureau(user)
    organization_id = own_organization_id(user)
    if organization_id is not None and not is_staff_member(user):
        organization = Organization.objects.filter(pk=organization_id).first()
        if organization is not None:
            yield from _organization(user, organization)


def _platforms(stage: str) -> str:
    return reverse("registry:platform_list") + f"?stage={stage}"


def _bureau(user: AnyUser) -> Iterator[Item]:
    stages = dict(
        Platform.objects.filter(stage__in=[PlatformStage.APPLYING, PlatformStage.RECTIFYING])
        .order_by()
        .values_list("stage")
        .annotate(count=Count("pk"))
    )
    yield Item(
        TODO,
        _("待认定的平台申报"),
        _platforms(PlatformStage.APPLYING),
        count=stages.get(PlatformStage.APPLYING, 0),
        detail=_("已申报、等待登记认定结果"),
        order=30,
        key="registry.applying_platforms",
    )
    yield Item(
        WATCH,
        _("整改中的平台"),
        _platforms(PlatformStage.RECTIFYING),
        count=stages.get(PlatformStage.RECTIFYING, 0),
        order=40,
        key="registry.rectifying_platforms",
    )
    since = timezone.now() - dt.timedelta(days=RECENT_IMPORT_DAYS)
    recent = ImportJob.objects.filter(Q(created_at__gte=since) | Q(status__in=RUNNING))
    failed = recent.filter(status=ImportJobStatus.FAILED).count()
    yield Item(
        WATCH,
        _("近期导入"),
        reverse("registry:import") + "#recent",
        count=recent.count(),
        detail=_("%(days)s 天内的后台导入，失败 %(failed)s 个")
        % {"days": RECENT_IMPORT_DAYS, "failed": failed}
        if failed
        else _("%(days)s 天内的后台导入") % {"days": RECENT_IMPORT_DAYS},
        urgent=bool(failed),
        order=50,
        key="registry.recent_imports",
    )


RUNNING = (ImportJobStatus.QUEUED, ImportJobStatus.VALIDATING, ImportJobStatus.WRITING)


def annual_gaps(organization: Organization, year: int) -> int:
    """How many of the yearly figures of `year` the organization has not reported."""
    row = AnnualData.objects.filter(organization=organization, year=year).values(*ANNUAL_FIELDS).first()
    if row is None:
        return len(ANNUAL_FIELDS)
    return sum(1 for name in ANNUAL_FIELDS if row[name] is None)


def _organization(user: AnyUser, organization: Organization) -> Iterator[Item]:
    yield Item(
        MINE,
        _("本单位"),
        organization.get_absolute_url(),
        detail=organization.name,
        order=10,
        key="registry.own_organization",
    )
    if not permissions.can_edit(user, AnnualData(organization=organization)):
        return
    # Organizations report the year just closed (the yearly-data form opens on it).
    year = timezone.localdate().year - 1
    gaps = annual_gaps(organization, year)
    yield Item(
        TODO,
        _("填报年度数据"),
        reverse("registry:organization_annual", args=[organization.pk]) + f"?year={year}",
        count=gaps,
        detail=_("%(year)s 年度待填 %(gaps)s 项") % {"year": year, "gaps": gaps}
        if gaps
        else _("%(year)s 年度数据已填报") % {"year": year},
        urgent=True,
        order=10,
        key="registry.annual_data",
    )

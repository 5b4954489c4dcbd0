"""Innovation platforms (创新平台) with their lifecycle: reserve, cultivation pool, approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from kechuang.access import AnyUser
from kechuang.listing import Column, in_choice_order
from registry import lifecycle, permissions
from registry import models as registry
from registry.forms import DATE_INPUT, OrganizationListField, OrganizationRefField, RegionField, RegistryForm
from registry.io.columns import (
    KindColumns,
    field_columns,
    file_text,
    model_column,
    organization_column,
    organization_columns,
    organizations_column,
    region_column,
)
from registry.kinds import ResourceKind, register
from registry.permissions import RecordRule, department_officers
from registry.schemas import (
    KindSchemas,
    OrganizationId,
    RegionCode,
    WriteSchema,
    code_of,
    unset_code_of,
)
from registry.vocabulary import (
    Level,
    PlatformStage,
    PlatformType,
)

LABEL = _("创新平台")


class PlatformForm(RegistryForm):
    region = RegionField()
    host = OrganizationRefField(label=_("依托单位"))
    partners = OrganizationListField(label=_("共建单位"))

    class Meta:
        model = registry.Platform
        fields = [
            "name",
            "platform_type",
            "host",
            "partners",
            "competent_department",
            "region",
            "field",
            "established",
            "description",
        ]
        widgets = {"established": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 4})}


class PlatformIn(WriteSchema):
    """Level, stage and target level change only through the lifecycle actions, which date each step."""

    name: str
    platform_type: code_of(PlatformType, "平台类型")
    host: OrganizationId
    partners: list[int] = Field(default_factory=list, description="共建单位 id 列表")
    competent_department: int | None = Field(None, description="主管部门（政府部门机构）id")
    region: RegionCode
    field: str = ""
    established: dt.date | None = None
    description: str = ""


class PlatformOut(Schema):
    id: int
    name: str
    platform_type: code_of(PlatformType, "平台类型")
    level: unset_code_of(Level, "当前级别", "尚未认定")
    target_level: unset_code_of(Level, "培育目标级别", "未定培育目标")
    stage: code_of(PlatformStage, "生命周期阶段")
    host: int
    host_name: str
    competent_department: int | None
    region: str
    region_name: str
    field: str
    established: dt.date | None
    is_demo: bool
    updated_at: dt.datetime

    @staticmethod
    def resolve_host(platform: Any) -> int:
        return platform.host_id

    @staticmethod
    def resolve_host_name(platform: Any) -> str:
        return platform.host.name

    @staticmethod
    def resolve_competent_department(platform: Any) -> int | None:
        return platform.competent_department_id

    @staticmethod
    def resolve_region(platform: Any) -> str:
        return platform.region_id

    @staticmethod
    def resolve_region_name(platform: Any) -> str:
        return platform.region.name


class PlatformEventOut(Schema):
    stage: str
    level: str
    date: dt.date
    document: str
    note: str


class PlatformDetail(PlatformOut):
    description: str
    partners: list[int]
    events: list[PlatformEventOut]

    @staticmethod
    def resolve_partners(platform: Any) -> list[int]:
        return [partner.pk for partner in platform.partners.all()]

    @staticmethod
    def resolve_events(platform: Any) -> list[Any]:
        return list(platform.events.all())


def relations(platform: registry.Platform, user: AnyUser) -> dict[str, Any]:
    return {
        "partners": list(platform.partners.all()),
        "events": list(
            registry.PlatformEvent.objects.filter(platform=platform).select_related("recorded_by")
        ),
        "can_manage": permissions.can_manage_lifecycle(user, platform),
        "lifecycle_steps": lifecycle.available(platform),
    }


register(
    ResourceKind(
        "platform",
        registry.Platform,
        LABEL,
        plural="platforms",
        rule=RecordRule(owner="competent_department", creators=department_officers, owner_fixed=True),
        filters={
            "platform_type": "platform_type",
            "level": "level",
            "stage": "stage",
            "region": "region__in_region",
            "host": "host_id",
        },
        related=("host", "region"),
        form=PlatformForm,
        schemas=KindSchemas(
            PlatformOut,
            PlatformDetail,
            PlatformIn,
            references=("host", "competent_department", "region"),
            many=("partners",),
        ),
        columns=KindColumns(
            "platform",
            file_text(LABEL),
            registry.Platform,
            (
                model_column(registry.Platform, "name"),
                *organization_columns("host", "依托单位", required=True),
                *field_columns(registry.Platform, ["platform_type", "level", "target_level", "stage"]),
                region_column(),
                organizations_column("partner_usccs", "共建单位统一社会信用代码", "partners"),
                organization_column(
                    "competent_department_uscc",
                    "主管部门统一社会信用代码",
                    "competent_department",
                    required=False,
                    department=True,
                ),
                *field_columns(registry.Platform, ["field", "established", "description"]),
            ),
            key=("name", "host_uscc"),
            related=("host", "region", "competent_department"),
            prefetch=("partners",),
        ),
        facts=(
            "platform_type",
            "level",
            "stage",
            "target_level",
            "host",
            "competent_department",
            "region",
            "field",
            "established",
            "description",
        ),
        relations=(relations, "registry/relations/platform.html"),
        list_columns=(
            Column(_("平台名称"), key="name"),
            Column(_("类型"), key="type", order_by=(in_choice_order("platform_type", PlatformType.choices),)),
            Column(_("级别"), key="level", order_by=(in_choice_order("level", Level.choices),)),
            Column(_("阶段"), key="stage", order_by=(in_choice_order("stage", PlatformStage.choices),)),
            Column(_("依托单位"), key="host", order_by=("host__name",)),
            Column(_("地区"), key="region", order_by=("region_id",)),
        ),
    )
)

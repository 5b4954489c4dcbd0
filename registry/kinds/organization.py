"""Organizations (机构): enterprises, universities, institutes and government departments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import field_validator

from kechuang.access import AnyUser
from kechuang.listing import Column, in_choice_order
from registry import models as registry
from registry import permissions
from registry.forms import DATE_INPUT, RegionField, RegistryForm
from registry.io.columns import (
    KindColumns,
    field_columns,
    file_text,
    model_column,
    name_column,
    region_column,
    uscc_column,
)
from registry.kinds import ResourceKind, register
from registry.permissions import Lock, RecordRule
from registry.schemas import (
    KindSchemas,
    Money,
    RegionCode,
    WriteSchema,
    code_of,
)
from registry.validators import normalize_uscc
from registry.vocabulary import (
    OrganizationKind,
    QualificationType,
)

LABEL = _("机构")


class OrganizationForm(RegistryForm):
    region = RegionField()
    website = forms.URLField(label=_("网站"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = registry.Organization
        fields = [
            "name",
            "uscc",
            "kind",
            "region",
            "industry",
            "address",
            "founded",
            "above_designated_size",
            "website",
            "description",
        ]
        widgets = {"founded": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 4})}

    def clean_uscc(self) -> str:
        return normalize_uscc(self.cleaned_data["uscc"]).upper()


class OrganizationIn(WriteSchema):
    name: str
    uscc: str = Field(description="统一社会信用代码，18位，含GB 32100-2015校验位")
    kind: code_of(OrganizationKind, "机构类型")
    region: RegionCode
    industry: str = ""
    address: str = ""
    founded: dt.date | None = None
    above_designated_size: bool = False
    website: str = ""
    description: str = ""

    @field_validator("uscc")
    @classmethod
    def compact_uscc(cls, value: str | None) -> str | None:
        """Spaces and dashes people type inside the code are dropped before the check digit is checked."""
        return normalize_uscc(value) if value is not None else None


class OrganizationOut(Schema):
    id: int
    name: str
    uscc: str
    kind: str
    region: str
    region_name: str
    industry: str
    address: str
    founded: dt.date | None
    above_designated_size: bool
    website: str
    is_demo: bool
    updated_at: dt.datetime

    @staticmethod
    def resolve_region(organization: Any) -> str:
        return organization.region_id

    @staticmethod
    def resolve_region_name(organization: Any) -> str:
        return organization.region.name


class QualificationOut(Schema):
    type: code_of(QualificationType, "资质类型")
    granted: dt.date
    expires: dt.date | None
    certificate_no: str


class AnnualDataOut(Schema):
    year: int
    revenue: Money | None
    rd_expense: Money | None
    high_tech_revenue: Money | None
    employees: int | None
    rd_staff: int | None
    invention_patents: int | None


class OrganizationDetail(OrganizationOut):
    description: str
    qualifications: list[QualificationOut]
    annual: list[AnnualDataOut] = Field(
        None, description="年度数据；仅本单位用户和政府用户可见，其他人得到的响应中没有此字段"
    )


# A record's page shows this many of each kind of related record, with a link to the full list.
RELATED_SHOWN = 10


def _sample(queryset: QuerySet) -> dict[str, Any]:
    rows = list(queryset[: RELATED_SHOWN + 1])
    return {"rows": rows[:RELATED_SHOWN], "more": len(rows) > RELATED_SHOWN}


def relations(organization: registry.Organization, user: AnyUser) -> dict[str, Any]:
    return {
        "qualifications": list(organization.qualifications.all()),
        "today": timezone.localdate(),
        "annual_data": (
            list(organization.annual_data.all())
            if permissions.can_view_annual_data(user, organization)
            else None
        ),
        "can_edit_annual": permissions.can_edit(user, organization),
        "platforms": _sample(organization.hosted_platforms.all()),
        "partner_platforms": _sample(organization.partner_platforms.all()),
        "people": _sample(organization.people.all()),
        "instruments": _sample(organization.instruments.all()),
        "achievements": _sample(organization.achievements.all()),
        "needs": _sample(organization.technology_needs.all()),
    }


def with_valid_qualifications(queryset: QuerySet) -> QuerySet:
    """A list row shows the qualifications valid today."""
    today = timezone.localdate()
    valid = registry.Qualification.objects.filter(
        Q(expires__isnull=True) | Q(expires__gte=today), granted__lte=today
    )
    return queryset.prefetch_related(
        Prefetch("qualifications", queryset=valid, to_attr="valid_qualifications")
    )


register(
    ResourceKind(
        "organization",
        registry.Organization,
        LABEL,
        plural="organizations",
        rule=RecordRule(
            owner="pk",
            locks=(
                # The USCC identifies the organization and its kind decides which rules pay it.
                Lock(("uscc", "kind"), _("如需更正请联系科技局")),
            ),
        ),
        filters={
            "kind": "kind",
            "region": "region__in_region",
            "industry": "industry",
            "qualification": "qualifications__type",
            "above_designated_size": "above_designated_size",
        },
        related=("region",),
        form=OrganizationForm,
        schemas=KindSchemas(OrganizationOut, OrganizationDetail, OrganizationIn, references=("region",)),
        columns=KindColumns(
            "organization",
            file_text(LABEL),
            registry.Organization,
            (
                model_column(registry.Organization, "name"),
                uscc_column(),
                model_column(registry.Organization, "kind"),
                region_column(),
                name_column("region_name", "地区名称", "region.name"),
                *field_columns(
                    registry.Organization,
                    ["industry", "address", "founded", "above_designated_size", "website", "description"],
                ),
            ),
            key=("uscc",),
            related=("region",),
        ),
        facts=(
            "uscc",
            "kind",
            "region",
            "industry",
            "above_designated_size",
            "founded",
            "address",
            "website",
            "description",
        ),
        list_extras=with_valid_qualifications,
        relations=(relations, "registry/relations/organization.html"),
        list_columns=(
            Column(_("名称"), key="name"),
            Column(_("统一社会信用代码"), key="uscc"),
            Column(_("类型"), key="kind", order_by=(in_choice_order("kind", OrganizationKind.choices),)),
            Column(_("地区"), key="region", order_by=("region_id",)),
            Column(_("行业"), key="industry"),
            Column(_("有效资质")),
        ),
    )
)

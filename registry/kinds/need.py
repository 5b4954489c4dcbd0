"""Technology needs (技术需求) of enterprises."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from kechuang.listing import Column, in_choice_order
from registry import models as registry
from registry.forms import DATE_INPUT, OrganizationRefField, RegistryForm
from registry.io.columns import (
    KindColumns,
    field_columns,
    file_text,
    model_column,
    organization_columns,
)
from registry.kinds import ResourceKind, register
from registry.permissions import RecordRule, members_of_an_organization
from registry.schemas import (
    KindSchemas,
    Money,
    OrganizationId,
    WriteSchema,
    code_of,
)
from registry.vocabulary import (
    NeedStatus,
)

LABEL = _("技术需求")


class NeedForm(RegistryForm):
    enterprise = OrganizationRefField(label=_("需求企业"))

    class Meta:
        model = registry.TechnologyNeed
        fields = ["title", "enterprise", "field", "budget_yuan", "deadline", "status", "description"]
        widgets = {"deadline": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 4})}


class NeedIn(WriteSchema):
    title: str
    enterprise: OrganizationId
    field: str
    budget_yuan: Money | None = None
    deadline: dt.date | None = None
    status: code_of(NeedStatus, "状态") = NeedStatus.OPEN
    description: str = ""


class NeedOut(Schema):
    id: int
    title: str
    enterprise: int
    enterprise_name: str
    field: str
    budget_yuan: Money | None
    deadline: dt.date | None
    status: str
    is_demo: bool

    @staticmethod
    def resolve_enterprise(need: Any) -> int:
        return need.enterprise_id

    @staticmethod
    def resolve_enterprise_name(need: Any) -> str:
        return need.enterprise.name


class NeedDetail(NeedOut):
    description: str


register(
    ResourceKind(
        "need",
        registry.TechnologyNeed,
        LABEL,
        plural="needs",
        rule=RecordRule(owner="enterprise", creators=members_of_an_organization, owner_fixed=True),
        filters={"status": "status", "enterprise": "enterprise_id", "field": "field"},
        related=("enterprise",),
        form=NeedForm,
        schemas=KindSchemas(NeedOut, NeedDetail, NeedIn, references=("enterprise",)),
        columns=KindColumns(
            "need",
            file_text(LABEL),
            registry.TechnologyNeed,
            (
                model_column(registry.TechnologyNeed, "title"),
                *organization_columns("enterprise", "需求企业", required=True),
                *field_columns(
                    registry.TechnologyNeed, ["field", "budget_yuan", "deadline", "status", "description"]
                ),
            ),
            key=("title", "enterprise_uscc"),
            related=("enterprise",),
        ),
        facts=("enterprise", "field", "budget_yuan", "deadline", "status", "description"),
        list_columns=(
            Column(_("需求名称"), key="title"),
            Column(_("需求企业"), key="enterprise", order_by=("enterprise__name",)),
            Column(_("技术领域"), key="field"),
            Column(_("预算（元）"), key="budget", order_by=("budget_yuan",)),
            Column(_("截止日期"), key="deadline"),
            Column(_("状态"), key="status", order_by=(in_choice_order("status", NeedStatus.choices),)),
        ),
    )
)

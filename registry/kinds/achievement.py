"""Achievements (科技成果) offered for transfer."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

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
    OwnerResolvers,
    WriteSchema,
    code_of,
)
from registry.vocabulary import (
    AchievementMaturity,
    TransferMode,
)

LABEL = _("科技成果")


class AchievementForm(RegistryForm):
    owner = OrganizationRefField(label=_("成果单位"))

    class Meta:
        model = registry.Achievement
        fields = [
            "title",
            "owner",
            "field",
            "maturity",
            "transfer_mode",
            "price_yuan",
            "published",
            "description",
        ]
        widgets = {"published": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 4})}


class AchievementIn(WriteSchema):
    title: str
    owner: OrganizationId
    field: str
    maturity: code_of(AchievementMaturity, "成熟度")
    transfer_mode: code_of(TransferMode, "转化方式")
    price_yuan: Money | None = None
    description: str = ""
    published: dt.date | None = None


class AchievementOut(OwnerResolvers):
    id: int
    title: str
    owner: int
    owner_name: str
    field: str
    maturity: str
    transfer_mode: str
    price_yuan: Money | None
    published: dt.date | None
    is_demo: bool


class AchievementDetail(AchievementOut):
    description: str


register(
    ResourceKind(
        "achievement",
        registry.Achievement,
        LABEL,
        plural="achievements",
        rule=RecordRule(owner="owner", creators=members_of_an_organization, owner_fixed=True),
        filters={"maturity": "maturity", "transfer_mode": "transfer_mode", "owner": "owner_id"},
        related=("owner",),
        form=AchievementForm,
        schemas=KindSchemas(AchievementOut, AchievementDetail, AchievementIn, references=("owner",)),
        columns=KindColumns(
            "achievement",
            file_text(LABEL),
            registry.Achievement,
            (
                model_column(registry.Achievement, "title"),
                *organization_columns("owner", "成果单位", required=True),
                *field_columns(
                    registry.Achievement,
                    ["field", "maturity", "transfer_mode", "price_yuan", "published", "description"],
                ),
            ),
            key=("title", "owner_uscc"),
            related=("owner",),
        ),
        facts=("owner", "field", "maturity", "transfer_mode", "price_yuan", "published", "description"),
        list_columns=(
            Column(_("成果名称"), key="title"),
            Column(_("成果单位"), key="owner", order_by=("owner__name",)),
            Column(_("技术领域"), key="field"),
            Column(
                _("成熟度"),
                key="maturity",
                order_by=(in_choice_order("maturity", AchievementMaturity.choices),),
            ),
            Column(
                _("转化方式"),
                key="transfer_mode",
                order_by=(in_choice_order("transfer_mode", TransferMode.choices),),
            ),
            Column(_("意向价格（元）"), key="price", order_by=("price_yuan",)),
        ),
    )
)

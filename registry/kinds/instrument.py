"""Instruments (仪器设备) an organization owns and may share."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kechuang.listing import Column, in_choice_order
from registry import models as registry
from registry.forms import OrganizationRefField, RegistryForm
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
    InstrumentStatus,
)

LABEL = _("仪器设备")


class InstrumentForm(RegistryForm):
    owner = OrganizationRefField(label=_("所属单位"))

    class Meta:
        model = registry.Instrument
        fields = [
            "name",
            "owner",
            "category",
            "model_number",
            "value_yuan",
            "location",
            "status",
            "shareable",
        ]


class InstrumentIn(WriteSchema):
    name: str
    owner: OrganizationId
    category: str
    model_number: str = ""
    value_yuan: Money
    location: str = ""
    status: code_of(InstrumentStatus, "状态") = InstrumentStatus.AVAILABLE
    shareable: bool = True


class InstrumentOut(OwnerResolvers):
    id: int
    name: str
    owner: int
    owner_name: str
    category: str
    model_number: str
    value_yuan: Money
    location: str
    status: str
    shareable: bool
    is_demo: bool


register(
    ResourceKind(
        "instrument",
        registry.Instrument,
        LABEL,
        plural="instruments",
        rule=RecordRule(owner="owner", creators=members_of_an_organization, owner_fixed=True),
        filters={"status": "status", "owner": "owner_id", "category": "category"},
        related=("owner",),
        form=InstrumentForm,
        schemas=KindSchemas(InstrumentOut, InstrumentOut, InstrumentIn, references=("owner",)),
        columns=KindColumns(
            "instrument",
            file_text(LABEL),
            registry.Instrument,
            (
                model_column(registry.Instrument, "name"),
                *organization_columns("owner", "所属单位", required=True),
                *field_columns(
                    registry.Instrument,
                    ["category", "model_number", "value_yuan", "location", "status", "shareable"],
                ),
            ),
            key=("name", "owner_uscc"),
            related=("owner",),
        ),
        facts=("owner", "category", "model_number", "value_yuan", "location", "status", "shareable"),
        list_columns=(
            Column(_("仪器名称"), key="name"),
            Column(_("类别"), key="category"),
            Column(_("规格型号")),
            Column(_("所属单位"), key="owner", order_by=("owner__name",)),
            Column(_("原值（元）"), key="value", order_by=("value_yuan",)),
            Column(_("状态"), key="status", order_by=(in_choice_order("status", InstrumentStatus.choices),)),
        ),
    )
)

"""People (专家人才): experts and talents, with contact details for logged-in users only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

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
from registry.permissions import Lock, RecordRule, department_officers, once_saved
from registry.schemas import (
    KindSchemas,
    WriteSchema,
    code_of,
)
from registry.vocabulary import (
    PersonCategory,
)

LABEL = _("专家人才")


class PersonForm(RegistryForm):
    organization = OrganizationRefField(label=_("所在单位"), required=False)

    class Meta:
        model = registry.Person
        fields = [
            "name",
            "category",
            "title",
            "fields",
            "organization",
            "programmes",
            "email",
            "phone",
            "bio",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}


class PersonIn(WriteSchema):
    name: str
    category: code_of(PersonCategory, "类别") = PersonCategory.EXPERT
    title: str = ""
    fields: str = Field("", description="专业领域，多个用顿号或逗号分隔")
    organization: int | None = Field(None, description="所在单位 id")
    programmes: str = ""
    email: str = ""
    phone: str = ""
    bio: str = ""


class PersonOut(Schema):
    id: int
    name: str
    category: str
    title: str
    fields: str
    organization: int | None
    organization_name: str | None
    programmes: str
    is_demo: bool

    @staticmethod
    def resolve_organization(person: Any) -> int | None:
        return person.organization_id

    @staticmethod
    def resolve_organization_name(person: Any) -> str | None:
        return person.organization.name if person.organization_id else None


class PersonContact(Schema):
    email: str
    phone: str


class PersonDetail(PersonOut):
    bio: str
    contact: PersonContact = Field(None, description="联系方式；仅登录用户可见，匿名访问的响应中没有此字段")


register(
    ResourceKind(
        "person",
        registry.Person,
        LABEL,
        plural="people",
        rule=RecordRule(
            owner="organization",
            creators=department_officers,
            person="user",
            locks=(
                # Who may edit a person follows from its organization; moving it is the bureau's call.
                # A department officer records experts who work elsewhere, so a new person's is free.
                Lock(("organization",), _("如需更改所在单位请联系科技局"), holds=once_saved),
            ),
        ),
        filters={"category": "category", "organization": "organization_id"},
        related=("organization",),
        form=PersonForm,
        schemas=KindSchemas(PersonOut, PersonDetail, PersonIn, references=("organization",)),
        columns=KindColumns(
            "person",
            file_text(LABEL),
            registry.Person,
            (
                model_column(registry.Person, "name"),
                *organization_columns("organization", "所在单位", required=False),
                *field_columns(registry.Person, ["category", "title", "fields", "programmes"]),
                model_column(registry.Person, "email", private=True),
                model_column(registry.Person, "phone", private=True),
                model_column(registry.Person, "bio"),
            ),
            key=("name", "organization_uscc"),
            related=("organization",),
        ),
        facts=("category", "title", "organization", "fields", "programmes", "email", "phone", "bio"),
        private_facts=frozenset({"email", "phone"}),
        list_columns=(
            Column(_("姓名"), key="name"),
            Column(
                _("类别"), key="category", order_by=(in_choice_order("category", PersonCategory.choices),)
            ),
            Column(_("职称"), key="title"),
            Column(_("所在单位"), key="organization", order_by=("organization__name",)),
            Column(_("专业领域"), key="fields"),
            Column(_("人才计划")),
        ),
    )
)

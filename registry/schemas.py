"""The registry's API schemas, one set per resource kind: what a list row and a detail show (`Out`,
`Detail`), what a client may send to create a record (`In`) and to change some of its fields (`Patch`).

Input types are deliberately plain (codes as strings, organizations by id, money as Decimal): the
domain checks (USCC check digit, choices, related records, lengths) run in the model's full_clean, so
the API rejects exactly what the pages reject, with the same Chinese messages. Money travels as a
decimal string in responses and is read as a string or a number, never rounded through float.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from django.db import models
from ninja import Field, Schema
from pydantic import ConfigDict, create_model, field_validator

from registry.validators import normalize_uscc
from registry.vocabulary import (
    AchievementMaturity,
    InstrumentStatus,
    Level,
    NeedStatus,
    OrganizationKind,
    PersonCategory,
    PlatformStage,
    PlatformType,
    QualificationType,
    TransferMode,
)


def code_of(choices: type[models.TextChoices], title: str) -> Any:
    """A vocabulary code: documented as an enum, checked by the model so the message is the model's."""
    listing = "；".join(f"{value} {label}" for value, label in choices.choices)
    enum = {"enum": list(choices.values)}
    return Annotated[str, Field(title=title, description=listing, json_schema_extra=enum)]


Money = Annotated[Decimal, Field(description="金额（元），十进制字符串或数字，两位小数")]
RegionCode = Annotated[str, Field(description="GB/T 2260 行政区划代码（6位）", examples=["370302"])]
OrganizationId = Annotated[int, Field(description="机构 id")]


class WriteSchema(Schema):
    # A misspelt field name is an error the client should see, not a silently ignored key.
    model_config = ConfigDict(extra="forbid")


# Organizations -----------------------------------------------------------------------------------

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


# Platforms ---------------------------------------------------------------------------------------

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
    level: code_of(Level, "当前级别")
    target_level: str
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


# People ------------------------------------------------------------------------------------------

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


# Instruments -------------------------------------------------------------------------------------

class InstrumentIn(WriteSchema):
    name: str
    owner: OrganizationId
    category: str
    model_number: str = ""
    value_yuan: Money
    location: str = ""
    status: code_of(InstrumentStatus, "状态") = InstrumentStatus.AVAILABLE
    shareable: bool = True


class OwnerResolvers(Schema):
    """How an instrument's or an achievement's `owner` and `owner_name` are read; each declares the fields."""

    @staticmethod
    def resolve_owner(resource: Any) -> int:
        return resource.owner_id

    @staticmethod
    def resolve_owner_name(resource: Any) -> str:
        return resource.owner.name


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


# Achievements ------------------------------------------------------------------------------------

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


# Technology needs --------------------------------------------------------------------------------

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


# The table the router is built from --------------------------------------------------------------

def optional_copy(schema: type[WriteSchema]) -> type[WriteSchema]:
    """The same fields, all optional: a PATCH changes only the fields it names."""
    fields = {
        name: (info.annotation | None, Field(None, title=info.title, description=info.description,
                                             json_schema_extra=info.json_schema_extra))
        for name, info in schema.model_fields.items()
    }
    return create_model(schema.__name__.removesuffix("In") + "Patch", __base__=schema, **fields)


@dataclass(frozen=True)
class KindSchemas:
    plural: str  # the URL segment: /api/registry/<plural>/
    out: type[Schema]
    detail: type[Schema]
    create: type[WriteSchema]
    # Fields that name another record: the API says `host`, the model stores `host_id`.
    references: tuple[str, ...] = ()
    many: tuple[str, ...] = ()

    @property
    def patch(self) -> type[WriteSchema]:
        return PATCHES[self.create]


SCHEMAS: dict[str, KindSchemas] = {
    "organization": KindSchemas("organizations", OrganizationOut, OrganizationDetail, OrganizationIn,
                                references=("region",)),
    "platform": KindSchemas("platforms", PlatformOut, PlatformDetail, PlatformIn,
                            references=("host", "competent_department", "region"), many=("partners",)),
    "person": KindSchemas("people", PersonOut, PersonDetail, PersonIn, references=("organization",)),
    "instrument": KindSchemas("instruments", InstrumentOut, InstrumentOut, InstrumentIn,
                              references=("owner",)),
    "achievement": KindSchemas("achievements", AchievementOut, AchievementDetail, AchievementIn,
                               references=("owner",)),
    "need": KindSchemas("needs", NeedOut, NeedDetail, NeedIn, references=("enterprise",)),
}
PATCHES = {kind.create: optional_copy(kind.create) for kind in SCHEMAS.values()}

"""The registry's API schemas, one set per resource kind: what a list row and a detail show (`Out`,
`Detail`), what a client may send to create a record (`In`) and to change some of its fields (`Patch`).

Input types are deliberately plain (codes as strings, organizations by id, money as Decimal): the
domain checks (USCC check digit, choices, related records, lengths) run in the model's full_clean, so
the API rejects exactly what the pages reject, with the same Chinese messages. Money travels as a
decimal string in responses and is read as a string or a number, never rounded through float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any

from django.db import models
from ninja import Field, Schema
from pydantic import ConfigDict, create_model


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


# Shared by the kinds' schemas ------------------------------------------------------------------


class OwnerResolvers(Schema):
    """How an instrument's or an achievement's `owner` and `owner_name` are read; each declares the fields."""

    @staticmethod
    def resolve_owner(resource: Any) -> int:
        return resource.owner_id

    @staticmethod
    def resolve_owner_name(resource: Any) -> str:
        return resource.owner.name


def optional_copy(schema: type[WriteSchema]) -> type[WriteSchema]:
    """The same fields, all optional: a PATCH changes only the fields it names."""
    fields = {
        name: (
            info.annotation | None,
            Field(
                None, title=info.title, description=info.description, json_schema_extra=info.json_schema_extra
            ),
        )
        for name, info in schema.model_fields.items()
    }
    return create_model(schema.__name__.removesuffix("In") + "Patch", __base__=schema, **fields)


@dataclass(frozen=True)
class KindSchemas:
    """A kind's API schemas (each kind's module in registry/kinds declares its own)."""

    out: type[Schema]
    detail: type[Schema]
    create: type[WriteSchema]
    # Fields that name another record: the API says `host`, the model stores `host_id`.
    references: tuple[str, ...] = ()
    many: tuple[str, ...] = ()

    @cached_property
    def patch(self) -> type[WriteSchema]:
        return optional_copy(self.create)

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
from pydantic import BeforeValidator, ConfigDict, create_model


def code_of(choices: type[models.TextChoices], title: str) -> Any:
    """A vocabulary code: documented as an enum, checked by the model so the message is the model's."""
    listing = "；".join(f"{value} {label}" for value, label in choices.choices)
    enum = {"enum": list(choices.values)}
    return Annotated[str, Field(title=title, description=listing, json_schema_extra=enum)]


def unset_code_of(choices: type[models.TextChoices], title: str, unset: str) -> Any:
    """A vocabulary code a record may not have yet (the model stores a blank): null in responses,
    documented as the enum with null, so no client meets an empty string outside the enum."""
    listing = "；".join(f"{value} {label}" for value, label in choices.choices)
    enum = {"enum": [*choices.values, None]}
    return Annotated[
        str | None,
        BeforeValidator(lambda code: code or None),
        Field(title=title, description=f"{listing}；null {unset}", json_schema_extra=enum),
    ]


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


def _left_out_when_unchanged(extra: Any) -> Any:
    """A PATCH field's schema: the field's own, without a default (a field not sent is left as it is)."""

    def update(schema: dict[str, Any]) -> None:
        schema.pop("default", None)
        if callable(extra):
            extra(schema)
        elif extra:
            schema.update(extra)

    return update


def optional_copy(schema: type[WriteSchema]) -> type[WriteSchema]:
    """The same fields, all optional: a PATCH changes only the fields it names. A field takes null only
    where the record may hold none (a `null` description is a 422, not a database error)."""
    fields = {
        name: (
            Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation,
            Field(
                None,
                title=info.title,
                description=info.description,
                json_schema_extra=_left_out_when_unchanged(info.json_schema_extra),
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

"""The registry's JSON API: list, detail, create and update for every resource kind of registry.kinds,
with the pages' filters (ResourceKind.filtered) and permissions (registry.permissions).

Reads of public catalogues need no login; writes need a token or a session (with CSRF). Every write
runs the model's full_clean, so the API refuses what the pages refuse, and is recorded in the audit
trail under the user who made it.
"""

# No `from __future__ import annotations`: ninja reads the endpoint annotations at import time, and
# those refer to schemas built in the loop below.
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import create_model

from kechuang.api_access import PUBLIC
from kechuang.api_schemas import Problem
from registry.kinds import BIGGEST_ID, KINDS, ResourceKind
from registry.models import Organization, Person
from registry.permissions import (
    can_create,
    can_view_annual_data,
    can_view_contact,
    editable,
    prefill,
    refused_change,
)
from registry.schemas import KindSchemas

router = Router(tags=["registry"])


# Far beyond any list the registry holds, and small enough that offset + limit stays a 64-bit integer.
MAX_OFFSET = 10**12


class PageRequest(Schema):
    limit: int = Field(25, ge=1, le=200, description="每页条数")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="从第几条开始（0 起）")


class RegistryPagination(LimitOffsetPagination):
    Input = PageRequest


def invalid(error: ValidationError) -> dict[str, Any]:
    return {"detail": "提交的数据有误，请按字段提示修改。", "errors": error.message_dict}


def detail_of(request: HttpRequest, record: models.Model) -> models.Model:
    """The record with the parts only some users may see attached; the detail endpoints leave out
    whatever is not attached (exclude_unset). Yearly financial data is never public, and a person's
    contact details are for logged-in users."""
    if isinstance(record, Organization) and can_view_annual_data(request.user, record):
        record.annual = list(record.annual_data.all())
    if isinstance(record, Person) and can_view_contact(request.user):
        record.contact = {"email": record.email, "phone": record.phone}
    return record


def assign(record: models.Model, changes: dict[str, Any], schemas: KindSchemas) -> dict[str, list[int]]:
    """Set the sent fields on the record; returns the many-to-many ones, which are set after saving."""
    many = {}
    for name, value in changes.items():
        if name in schemas.many:
            many[name] = value
        elif name in schemas.references:
            setattr(record, f"{name}_id", value)
        else:
            setattr(record, name, value)
    return many


def check_many(record: models.Model, many: dict[str, list[int]]) -> None:
    for name, ids in many.items():
        field = record._meta.get_field(name)
        found = set(field.related_model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = sorted(set(ids) - found)
        if missing:
            listed = "、".join(map(str, missing))
            raise ValidationError({name: f"{field.verbose_name}中不存在的 id：{listed}。"})


def save(request: HttpRequest, record: models.Model, many: dict[str, list[int]]) -> None:
    """Validate everything first, then write the record and its relations in one transaction."""
    record.full_clean()
    check_many(record, many)
    record._history_user = request.user
    with transaction.atomic():
        record.save()
        for name, ids in many.items():
            getattr(record, name).set(ids)
    # The response shows what was stored (0.1 yuan comes back as "0.10"), not what was sent.
    record.refresh_from_db()


def describe_filter(model: type[models.Model], lookup: str) -> tuple[type, str]:
    """A list filter's value type (so `?host=abc` is a 422, not a database error) and its label."""
    path = []
    for part in lookup.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            break  # a lookup such as `startswith`
        path.append(field)
        if field.is_relation:
            model = field.related_model
    first, last = path[0], path[-1]
    label = getattr(first, "verbose_name", None) or first.related_model._meta.verbose_name
    if last.is_relation:
        last = last.target_field
    if isinstance(last, models.BooleanField):
        return bool, str(label)
    if isinstance(last, models.IntegerField | models.AutoField):
        return int, f"{label}（id）"
    return str, str(label)


def filter_schema(kind: ResourceKind) -> type[Schema]:
    fields: dict[str, Any] = {"q": (str | None, Field(None, description="中文检索（名称等）"))}
    for name, lookup in kind.filters.items():
        value_type, label = describe_filter(kind.model, lookup)
        bounds = {"ge": 1, "le": BIGGEST_ID} if value_type is int else {}
        fields[name] = (value_type | None, Field(None, description=f"按{label}筛选", **bounds))
    return create_model(f"{kind.model.__name__}Filters", __base__=Schema, **fields)


def add_endpoints(kind: ResourceKind, schemas: KindSchemas) -> None:
    plural, label = kind.plural, kind.label
    filters = filter_schema(kind)

    def visible(request: HttpRequest, record_id: int) -> models.Model:
        record = kind.queryset(request.user).filter(pk=record_id).first()
        if record is None:
            raise HttpError(404, f"找不到编号为 {record_id} 的{label}。")
        return record

    @router.get(
        f"/{plural}/",
        response=list[schemas.out],
        auth=PUBLIC,
        operation_id=f"list_{plural}",
        summary=f"{label}列表",
    )
    @paginate(RegistryPagination)
    def list_records(request: HttpRequest, params: Query[filters]) -> models.QuerySet:
        # The kinds table reads filters as query-string text, as the pages pass them.
        given = {name: str(value) for name, value in params.model_dump(exclude_none=True).items()}
        return kind.filtered(request.user, given)

    @router.get(
        f"/{plural}/{{record_id}}",
        response={200: schemas.detail, 404: Problem},
        auth=PUBLIC,
        operation_id=f"get_{kind.code}",
        summary=f"{label}详情",
        exclude_unset=True,
    )
    def get_record(request: HttpRequest, record_id: int) -> models.Model:
        return detail_of(request, visible(request, record_id))

    @router.post(
        f"/{plural}/",
        response={201: schemas.detail, 403: Problem, 422: Problem},
        operation_id=f"create_{kind.code}",
        summary=f"新建{label}",
        exclude_unset=True,
    )
    def create_record(request: HttpRequest, payload: schemas.create) -> Status:
        if not can_create(request.user, kind.model):
            raise HttpError(403, f"您没有新建{label}的权限。")
        return write(request, prefill(request.user, kind.model()), payload, 201)

    @router.patch(
        f"/{plural}/{{record_id}}",
        response={200: schemas.detail, 403: Problem, 404: Problem, 422: Problem},
        operation_id=f"update_{kind.code}",
        summary=f"修改{label}",
        exclude_unset=True,
    )
    def update_record(request: HttpRequest, record_id: int, payload: schemas.patch) -> Status:
        record = editable(request.user, kind.queryset(request.user)).filter(pk=record_id).first()
        if record is None:
            visible(request, record_id)  # 404 for what the user may not even see
            raise HttpError(403, f"您没有修改该{label}的权限。")
        return write(request, record, payload, 200)

    def write(request: HttpRequest, record: models.Model, payload: Schema, status: int) -> Status:
        changes = payload.model_dump(exclude_unset=True)
        refusal = refused_change(request.user, record, changes)
        if refusal:
            raise HttpError(403, refusal)
        many = assign(record, changes, schemas)
        try:
            save(request, record, many)
        except ValidationError as error:
            return Status(422, invalid(error))
        return Status(status, detail_of(request, record))


for kind in KINDS.values():
    add_endpoints(kind, kind.schemas)

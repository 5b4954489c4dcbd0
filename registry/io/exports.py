"""Exporting a registry list: the records a user may see, filtered as on the list page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kechuang.access import AnyUser
from kechuang.listing import sort_queryset
from registry import permissions
from registry.io.importer import layout_of
from registry.io.writers import write_export
from registry.kinds import KINDS


def export_records(
    out: IO[bytes],
    kind: str,
    file_format: str,
    *,
    user: AnyUser | None,
    params: Mapping[str, str] | None = None,
) -> int:
    """Write a kind's records to `out`; returns how many were written.

    `user` is whoever asked: the list is narrowed to what they may see (qualifications and yearly
    figures follow the organization list and its filters) and personal contact data is left out unless
    they are government staff. None stands for the operator at the console, who sees all.
    """
    layout = layout_of(kind)
    if user is None:
        queryset = layout.model.objects.all()
    elif not may_export(kind, user):
        raise PermissionDenied(f"{layout.label}只向政府工作人员提供。")
    elif layout.organization_lookup:
        organizations = KINDS["organization"].filtered(user, dict(params or {}))
        queryset = layout.model.objects.filter(**{f"{layout.organization_lookup}__in": organizations})
    elif kind in KINDS:
        queryset = KINDS[kind].filtered(user, dict(params or {}))
    else:  # another app's importable kind: who sees it is its layout's `staff_only`
        queryset = layout.model.objects.all()
    include_private = permissions.sees_private_columns(user)
    # In the list page's order when it was sorted (`sort`), else in the order the records were made.
    queryset = queryset.order_by("pk")
    if kind in KINDS:
        queryset = sort_queryset(queryset, KINDS[kind].list_columns, (params or {}).get("sort"))
    return write_export(
        out, queryset, layout, file_format, title=layout.label, include_private=include_private
    )


def may_export(kind: str, user: AnyUser) -> bool:
    return permissions.may_export(user, layout_of(kind).staff_only)


def export_filename(kind: str, file_format: str) -> str:
    return f"{layout_of(kind).label}_{timezone.localdate():%Y%m%d}.{file_format}"

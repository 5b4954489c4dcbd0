"""Exporting a registry list: the records a user may see, filtered as on the list page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

from django.utils import timezone

from accounts.permissions import AnyUser, is_staff_member
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

    `user` is whoever asked: the list is narrowed to what they may see and personal contact data is
    left out unless they are government staff. None stands for the operator at the console, who sees all.
    """
    layout = layout_of(kind)
    resource = KINDS[kind]
    if user is None:
        queryset = resource.model.objects.all()
        include_private = True
    else:
        queryset = resource.filtered(user, dict(params or {}))
        include_private = is_staff_member(user)
    queryset = queryset.order_by("pk")
    return write_export(
        out, queryset, layout, file_format, title=resource.label, include_private=include_private
    )


def export_filename(kind: str, file_format: str) -> str:
    return f"{KINDS[kind].label}_{timezone.localdate():%Y%m%d}.{file_format}"

"""The policies app's workbench item (kechuang/workbench.py): documents read in and waiting for the
bureau to review and confirm them (确认文件)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kechuang.access import AnyUser
from kechuang.workbench import TODO, Item
from policies.models import DocumentStatus, PolicyDocument
from policies.permissions import can_manage_documents


def items(user: AnyUser) -> Iterator[Item]:
    if not can_manage_documents(user):
        return
    yield Item(
        TODO,
        _("待确认的政策文件"),
        reverse("policies:document_list") + f"?status={DocumentStatus.DRAFT}",
        count=PolicyDocument.objects.filter(status=DocumentStatus.DRAFT).count(),
        detail=_("核对提取结果后确认文件"),
        order=40,
        key="policies.drafts",
    )

"""Evaluation's workbench item (kechuang/workbench.py): the platform evaluations assigned to an expert
while their round is in expert review."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from evaluation import permissions
from evaluation.vocabulary import ReviewStatus, RoundStatus
from kechuang.access import AnyUser
from kechuang.workbench import TODO, Item


def items(user: AnyUser) -> Iterator[Item]:
    pending = list(
        permissions.reviews_for_user(user)
        .filter(status=ReviewStatus.ASSIGNED, submission__round__status=RoundStatus.REVIEWING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not pending:
        return
    yield Item(
        TODO,
        _("待评审的平台绩效评价"),
        # One evaluation waiting: straight to its scoring form.
        reverse("evaluation:review", args=[pending[0]])
        if len(pending) == 1
        else reverse("evaluation:index") + "#my-reviews",
        count=len(pending),
        detail=_("评审阶段的年度绩效评价"),
        urgent=True,
        order=11,
        key="evaluation.reviews",
    )

"""Tuning the match weights: read a proposal, preview its effect on a fixed set of needs (the top five
of each before and after), save it with its history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import Kind, MatchWeights, PreviewNeed
from matching.scoring import DEFAULT_WEIGHTS, ENTERPRISE, match_need, weights_for
from registry.models import TechnologyNeed

KIND_CHOICES = [
    (Kind.PERSON, _("专家")),
    (Kind.ACHIEVEMENT, _("科技成果")),
    (Kind.PLATFORM, _("创新平台")),
    (Kind.INSTRUMENT, _("仪器设备")),
    (Kind.ORGANIZATION, _("服务机构")),
    (ENTERPRISE, _("企业（成果找企业）")),
]
PREVIEW_SIZE = 8
TOP = 5


def current_weights(kind: str) -> dict[str, float]:
    return weights_for(kind)


def read_weights(kind: str, data: Mapping[str, Any]) -> tuple[dict[str, float], list[str]]:
    weights, errors = {}, []
    for factor in DEFAULT_WEIGHTS[kind]:
        raw = str(data.get(f"w_{factor}", "")).strip()
        try:
            value = float(raw)
        except ValueError:
            errors.append(_("“%(factor)s”的权重须是数字。") % {"factor": factor})
            continue
        if not 0 <= value <= 10:
            errors.append(_("“%(factor)s”的权重须在 0 到 10 之间。") % {"factor": factor})
        weights[factor] = value
    if not errors and sum(weights.values()) <= 0:
        errors.append(_("权重不能全为 0。"))
    return weights, errors


def save_weights(kind: str, weights: dict[str, float], user: User) -> MatchWeights:
    record, _created = MatchWeights.objects.get_or_create(kind=kind)
    record.weights, record.updated_by = weights, user
    record.save()
    return record


def preview_needs() -> list[TechnologyNeed]:
    """The fixed set: the needs staff listed, else the first needs by key (stable between previews)."""
    chosen = list(
        TechnologyNeed.objects.filter(pk__in=PreviewNeed.objects.values("need_id"))
        .select_related("enterprise")
        .order_by("pk")
    )
    return chosen or list(TechnologyNeed.objects.select_related("enterprise").order_by("pk")[:PREVIEW_SIZE])


@dataclass
class PreviewRow:
    need: TechnologyNeed
    before: list[tuple[str, float]]
    after: list[tuple[str, float]]

    @property
    def changed(self) -> bool:
        return [title for title, _score in self.before] != [title for title, _score in self.after]


def preview(kind: str, weights: dict[str, float]) -> list[PreviewRow]:
    """Each fixed need's top candidates with the saved weights and with the proposal."""
    rows = []
    for need in preview_needs():
        before = match_need(need, limit=TOP)
        after = match_need(need, limit=TOP, overrides={kind: weights})
        rows.append(
            PreviewRow(
                need, [(f"{c.title}", c.score) for c in before], [(f"{c.title}", c.score) for c in after]
            )
        )
    return rows

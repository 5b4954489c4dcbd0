"""The evaluation section of a platform's registry page (kechuang.plugins.record_panels): its latest
score sheet the user may read — score, rank, grade, gap to the next grade, the reward the calculator pays
for it and the consequences with their ledger tasks — and a link to every round it took part in."""

from __future__ import annotations

from typing import Any

from evaluation import permissions, reports
from kechuang.access import AnyUser


def platform_panel(platform: Any, user: AnyUser) -> tuple[str, dict[str, Any]] | None:
    latest = (
        permissions.results_for_user(user)
        .filter(submission__platform=platform)
        .order_by("-submission__round__year", "-pk")
        .first()
    )
    if latest is None:
        return None
    return "evaluation/panel.html", {"sheet": reports.score_sheet(latest), "platform": platform}


PANELS = {"platform": platform_panel}

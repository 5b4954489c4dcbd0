"""A platform's lifecycle as one table: which step may follow which stage, and what each step writes.

    储备 reserve ─纳入培育库→ 培育 cultivating ─申报→ 申报 applying ─登记认定→ 认定 approved
    认定 approved ─整改→ 整改 rectifying ─整改完成→ 认定 approved;  认定/整改 ─撤销→ 撤销 revoked

A reserve platform may also apply, or be approved, directly (an approval the bureau learns of); an approved
platform may enter the pool again to aim at a higher level than the one it holds. The pages offer only the
steps `available` names and the views refuse any other (`require`). Every step is a dated PlatformEvent
(who recorded it and when) and a historical row of the platform with the step as its reason, so the audit
trail shows who moved it, when, and each field before → after. Imported approval lists
(`registry.approvals`) state facts from official documents and call `services.record_approval` directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from registry.models import Platform, PlatformEvent
from registry.vocabulary import LEVEL_RANK, Level, PlatformStage

S = PlatformStage


@dataclass(frozen=True)
class Step:
    code: str
    label: str | Promise
    from_stages: frozenset[str]
    # Asked before the step is recorded when it cannot be undone (kechuang/static/kechuang/confirm.js).
    confirm: str | Promise = ""
    # Extra condition beyond the stage, e.g. a higher level to aim at.
    also: Callable[[Platform], bool] | None = None

    def allows(self, platform: Platform) -> bool:
        return platform.stage in self.from_stages and (self.also is None or self.also(platform))


def _below_national(platform: Platform) -> bool:
    return not platform.level or LEVEL_RANK[Level(platform.level)] < max(LEVEL_RANK.values())


STEPS: dict[str, Step] = {
    step.code: step
    for step in (
        Step(
            "pool",
            gettext_lazy("纳入培育库"),
            frozenset({S.RESERVE, S.APPROVED}),
            also=_below_national,
        ),
        Step("apply", gettext_lazy("申报"), frozenset({S.RESERVE, S.CULTIVATING})),
        Step("approve", gettext_lazy("登记认定"), frozenset({S.RESERVE, S.CULTIVATING, S.APPLYING})),
        Step("rectify", gettext_lazy("整改"), frozenset({S.APPROVED})),
        Step("rectified", gettext_lazy("整改完成"), frozenset({S.RECTIFYING})),
        Step(
            "revoke",
            gettext_lazy("撤销"),
            frozenset({S.APPROVED, S.RECTIFYING}),
            confirm=gettext_lazy("撤销后平台不再计入已认定平台，也不能再进入培育库。确定撤销吗？"),
        ),
    )
}


def available(platform: Platform) -> list[Step]:
    """The steps that may follow the platform's current stage, in lifecycle order."""
    return [step for step in STEPS.values() if step.allows(platform)]


def require(platform: Platform, code: str) -> Step:
    """The step, or a ValidationError saying why it cannot follow the platform's stage."""
    step = STEPS[code]
    if not step.allows(platform):
        raise ValidationError(
            _("平台当前阶段为“%(stage)s”，不能%(step)s。")
            % {"stage": platform.get_stage_display(), "step": step.label}
        )
    return step


def record(platform: Platform, step: Step, by: User | None) -> None:
    """Save the platform's new stage as a historical row naming the step and who took it."""
    platform._history_user = by
    platform._change_reason = str(step.label)
    platform.save()


def _checked_day(day: dt.date | None) -> dt.date:
    from django.utils import timezone

    if day is None:
        raise ValidationError({"date": _("请填写日期。")})
    if day > timezone.localdate():
        raise ValidationError({"date": _("日期不能晚于今天。")})
    return day


@transaction.atomic
def take(
    platform: Platform,
    code: str,
    *,
    by: User | None,
    day: dt.date | None,
    document: str = "",
    note: str = "",
    level: str = "",
) -> PlatformEvent:
    """Apply (申报), start or finish rectification (整改) or revoke (撤销) a platform: checked, then the
    stage, the dated event and the history row in one transaction."""
    step = require(platform, code)
    day = _checked_day(day)
    document, note = document.strip(), note.strip()
    if code == "apply" and not (level or platform.target_level):
        raise ValidationError({"level": _("请选择申报级别。")})
    if code in {"rectify", "revoke"} and not (document or note):
        raise ValidationError({"note": _("请写明%(step)s的原因或依据文件。") % {"step": step.label}})
    platform = Platform.objects.select_for_update().get(pk=platform.pk)
    require(platform, code)
    stage: str = {
        "apply": S.APPLYING,
        "rectify": S.RECTIFYING,
        "rectified": S.APPROVED,
        "revoke": S.REVOKED,
    }[code]
    if code == "apply" and level:
        platform.target_level = level
    if code == "revoke":
        platform.target_level = ""
    platform.stage = stage
    record(platform, step, by)
    event = PlatformEvent(
        platform=platform,
        stage=stage,
        level=platform.target_level if code == "apply" else platform.level,
        date=day,
        document=document,
        note=note,
        recorded_by=by,
    )
    event._history_user = by
    event.save()
    return event


def perform(platform: Platform, code: str, data: dict[str, Any], by: User | None) -> PlatformEvent:
    """The step `code` with a form's cleaned data; the pool entry and approval keep their own rules."""
    from registry import services

    require(platform, code)
    if code == "pool":
        return services.move_to_pool(
            platform, data["target_level"], day=data["date"], note=data["note"], by=by
        )
    if code == "approve":
        return services.record_approval(
            platform, data["level"], data["date"], data["document"], note=data["note"], by=by
        )
    return take(
        platform,
        code,
        by=by,
        day=data.get("date"),
        document=data.get("document", ""),
        note=data.get("note", ""),
        level=data.get("level", ""),
    )

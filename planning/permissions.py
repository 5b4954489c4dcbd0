"""Who may do what in the planning app; its pages and API ask these (roles from kechuang.access).

- everyone on the government side (bureau and department officers) sees indicators and the ledger;
- a department officer reports progress only on tasks its unit leads or cooperates on, and reports values
  only for indicators its unit is responsible for;
- only the bureau closes a task out (销号) and edits plans.
"""

from __future__ import annotations

from accounts.models import Role
from kechuang.access import AnyUser, is_bureau, is_staff_member
from planning.models import Indicator, Task
from planning.units import unit_key
from registry.adcodes import region_contains


def can_view_plans(user: AnyUser) -> bool:
    return is_staff_member(user)


def officer_unit_key(user: AnyUser) -> str | None:
    """The normalised unit name of a department officer's organization, None for anyone else."""
    if not user.is_authenticated or user.role != Role.DEPARTMENT_OFFICER or user.organization is None:
        return None
    return unit_key(user.organization.name)


def _same_region(user: AnyUser, region_code: str) -> bool:
    return region_contains(region_code, user.organization.region_id)


def can_report_progress(user: AnyUser, task: Task) -> bool:
    if task.closed_at is not None:
        return False
    if is_bureau(user):
        return True
    key = officer_unit_key(user)
    return (
        bool(key) and _same_region(user, task.region_id) and any(unit.key == key for unit in task.units.all())
    )


def can_close_out(user: AnyUser, task: Task) -> bool:
    return is_bureau(user) and task.closed_at is None


def can_report_value(user: AnyUser, indicator: Indicator) -> bool:
    if is_bureau(user):
        return True
    key = officer_unit_key(user)
    return (
        bool(key)
        and _same_region(user, indicator.region_id)
        and any(unit_key(name) == key for name in indicator.responsible_units)
    )

"""Who may see and change what. Every view and API endpoint asks these functions, never the role directly.

The matrix (tested in tests/test_permission_matrix.py):
- bureau administrators change every registry record;
- department officers change records of their own department and see everything public;
- enterprise users change only their own organization, its yearly data and the records it owns;
- experts change their own person record;
- anonymous visitors see public catalogues only; yearly financial data is never public.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from accounts.models import Role
from kechuang.access import AnyUser, is_bureau, is_staff_member, own_organization_id

__all__ = ["AnyUser", "is_bureau", "is_staff_member", "own_organization_id"]

def can_view_annual_data(user: AnyUser, organization: models.Model) -> bool:
    return is_staff_member(user) or own_organization_id(user) == organization.pk


def can_create(user: AnyUser, kind: str) -> bool:
    """Whether the user may add a new record of a registry kind."""
    if not user.is_authenticated:
        return False
    if is_bureau(user):
        return True
    if kind in {"instrument", "achievement", "need"}:
        return own_organization_id(user) is not None
    if kind in {"platform", "person"}:
        return user.role == Role.DEPARTMENT_OFFICER
    return False


def owning_organization_id(record: Any) -> int | None:
    """The organization a record belongs to, which its enterprise or department users may edit."""
    from registry import models as registry

    if isinstance(record, registry.Organization):
        return record.pk
    if isinstance(record, registry.Platform):
        return record.host_id
    if isinstance(record, registry.Person):
        return record.organization_id
    if isinstance(record, registry.Instrument | registry.Achievement):
        return record.owner_id
    if isinstance(record, registry.TechnologyNeed):
        return record.enterprise_id
    if isinstance(record, registry.AnnualData | registry.Qualification):
        return record.organization_id
    return None


def can_edit(user: AnyUser, record: Any) -> bool:
    if not user.is_authenticated:
        return False
    if is_bureau(user):
        return True
    from registry.models import Person, Platform, Qualification

    if isinstance(record, Person) and record.user_id == user.pk:
        return True
    if isinstance(record, Qualification):
        # Qualifications are granted by government and recorded by the bureau, never self-declared.
        return False
    if isinstance(record, Platform):
        department = record.competent_department_id
        return department is not None and department == user.organization_id
    owner = owning_organization_id(record)
    return owner is not None and owner == own_organization_id(user)


def can_manage_lifecycle(user: AnyUser, platform: Any) -> bool:
    """Moving a platform into the pool or recording an approval is the government's act."""
    if is_bureau(user):
        return True
    return bool(
        user.is_authenticated
        and user.role == Role.DEPARTMENT_OFFICER
        and platform.competent_department_id
        and platform.competent_department_id == user.organization_id
    )


def can_import(user: AnyUser) -> bool:
    return is_bureau(user)


def can_view_history(user: AnyUser, record: Any) -> bool:
    return is_staff_member(user) or can_edit(user, record)

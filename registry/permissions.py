"""Who may see and change registry records. Pages, forms, the API, import and export all ask these
functions, so the three doors cannot disagree; nothing else in the registry tests a role.

Each record model has one `RecordRule`, registered beside its kind (registry.kinds) or below for the
parts of an organization that are not kinds of their own. The rules (tested in
tests/test_permission_matrix.py and tests/test_permissions_agree_across_page_form_api.py):
- bureau administrators change every registry record;
- department officers change records of their own department and see everything public;
- enterprise users change only their own organization, its yearly data and the records it owns;
- experts change their own person record;
- some fields stay with the bureau even where the record is someone else's to edit (`Lock`): the
  USCC and kind of an organization, a person's organization, the owner of an owned record;
- anonymous visitors see public catalogues only; yearly financial data is never public.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from kechuang.access import AnyUser, is_bureau, is_staff_member, own_organization_id
from registry.models import AnnualData, Qualification


def nobody(user: AnyUser) -> bool:
    return False


def members_of_an_organization(user: AnyUser) -> bool:
    return own_organization_id(user) is not None


def department_officers(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.role == Role.DEPARTMENT_OFFICER)


def always(user: AnyUser, record: models.Model) -> bool:
    return True


def once_saved(user: AnyUser, record: models.Model) -> bool:
    return record.pk is not None


@dataclass(frozen=True)
class Lock:
    """Fields that only the bureau changes on records others may edit, and why (shown beside the field
    on the page, returned as the API's 403 detail)."""

    fields: tuple[str, ...]
    reason: str | Promise
    holds: Callable[[AnyUser, models.Model], bool] = always


@dataclass(frozen=True)
class RecordRule:
    """Who changes the records of one model.

    `owner` names the organization whose users change a record ("pk": the organization itself; "":
    nobody but the bureau). With `owner_fixed`, users of an organization fill it in for their own
    organization only: the owner field is set to it and locked. `person` names the user a record
    describes, who may change it too. `creators` says who besides the bureau adds records."""

    owner: str
    creators: Callable[[AnyUser], bool] = nobody
    owner_fixed: bool = False
    person: str = ""
    locks: tuple[Lock, ...] = ()

    def owner_id(self, record: models.Model) -> int | None:
        if not self.owner:
            return None
        return record.pk if self.owner == "pk" else getattr(record, f"{self.owner}_id")


OWNER_FIXED = _("只能为本单位登记")
RULES: dict[type[models.Model], RecordRule] = {}


def register(model: type[models.Model], rule: RecordRule) -> None:
    """Give a model its rule; each kind registers its own (a second rule for one model is a mistake)."""
    if RULES.get(model, rule) != rule:
        raise RuntimeError(f"{model.__name__} already has a permission rule")
    RULES[model] = rule


def rule_for(record: models.Model | type[models.Model]) -> RecordRule:
    model = record if isinstance(record, type) else type(record)
    try:
        return RULES[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no permission rule in registry.permissions") from None


def can_create(user: AnyUser, model: type[models.Model]) -> bool:
    """Whether the user may add a record of this model at all (for whom is `locked_fields`' concern)."""
    if not user.is_authenticated:
        return False
    return is_bureau(user) or rule_for(model).creators(user)


def can_edit(user: AnyUser, record: models.Model) -> bool:
    if not user.is_authenticated:
        return False
    if is_bureau(user):
        return True
    rule = rule_for(record)
    if rule.person and getattr(record, f"{rule.person}_id") == user.pk:
        return True
    owner = rule.owner_id(record)
    return owner is not None and owner == own_organization_id(user)


def editable(user: AnyUser, queryset: QuerySet) -> QuerySet:
    """The records of `queryset` the user may change: the lookup form of `can_edit`."""
    if not user.is_authenticated:
        return queryset.none()
    if is_bureau(user):
        return queryset
    rule = rule_for(queryset.model)
    allowed = Q(pk__in=[])
    own = own_organization_id(user)
    if rule.owner and own is not None:
        allowed |= Q(**{"pk" if rule.owner == "pk" else f"{rule.owner}_id": own})
    if rule.person:
        allowed |= Q(**{f"{rule.person}_id": user.pk})
    return queryset.filter(allowed)


def locked_fields(user: AnyUser, record: models.Model) -> dict[str, str]:
    """Fields of the record this user may not change, each with the reason; the bureau has none."""
    if is_bureau(user):
        return {}
    rule = rule_for(record)
    locked: dict[str, str] = {}
    if rule.owner_fixed and own_organization_id(user) is not None:
        locked[rule.owner] = str(OWNER_FIXED)
    for lock in rule.locks:
        if lock.holds(user, record):
            locked.update(dict.fromkeys(lock.fields, str(lock.reason)))
    return locked


def prefill(user: AnyUser, record: models.Model) -> models.Model:
    """A new record as this user starts it: owned by their organization where they may own no other."""
    rule = rule_for(record)
    if record.pk is None and rule.owner in locked_fields(user, record):
        setattr(record, f"{rule.owner}_id", own_organization_id(user))
    return record


def refused_change(user: AnyUser, record: models.Model, changes: Mapping[str, Any]) -> str | None:
    """Why the user may not make these changes to the record (None: they may). A locked field sent
    with its current value is not a change: a client may send back what it read."""
    locked = locked_fields(user, record)
    for name, value in changes.items():
        if name in locked and value != current_value(record, name):
            return locked[name]
    return None


def current_value(record: models.Model, name: str) -> Any:
    field = record._meta.get_field(name)
    return getattr(record, field.attname if field.is_relation else name)


def can_view_annual_data(user: AnyUser, organization: models.Model) -> bool:
    return is_staff_member(user) or own_organization_id(user) == organization.pk


def can_view_contact(user: AnyUser) -> bool:
    """People's e-mail and phone are for logged-in users, not for scraping."""
    return user.is_authenticated


def can_manage_lifecycle(user: AnyUser, platform: Any) -> bool:
    """Moving a platform into the pool or recording an approval is the government's act."""
    if is_bureau(user):
        return True
    return bool(
        department_officers(user)
        and platform.competent_department_id
        and platform.competent_department_id == user.organization_id
    )


def can_import(user: AnyUser) -> bool:
    return is_bureau(user)


def can_view_history(user: AnyUser, record: models.Model) -> bool:
    return is_staff_member(user) or can_edit(user, record)


def sees_private_columns(user: AnyUser | None) -> bool:
    """Exports carry personal contact data only for government staff (None: the operator at the console)."""
    return user is None or is_staff_member(user)


def may_export(user: AnyUser, staff_only: bool) -> bool:
    return not staff_only or is_staff_member(user)


# Yearly figures are the organization's to report; qualifications are granted by government and
# recorded by the bureau, never self-declared.
register(AnnualData, RecordRule(owner="organization"))
register(Qualification, RecordRule(owner=""))

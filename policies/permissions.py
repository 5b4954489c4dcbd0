"""Who may see and change policy documents and the unit dictionary; the policy pages and API ask
these, never a role directly.

- government staff (bureau and department officers) see documents under review, the corrections
  made to them and the unit dictionary; everyone else sees confirmed documents only;
- only the bureau uploads, reviews and confirms documents and maintains the unit dictionary.
"""

from __future__ import annotations

from django.db.models import QuerySet

from kechuang.access import AnyUser, is_bureau, is_staff_member
from policies.models import DocumentStatus


def visible_documents(user: AnyUser, documents: QuerySet) -> QuerySet:
    """The documents a user may read: drafts under review only for government staff."""
    return documents if is_staff_member(user) else documents.filter(status=DocumentStatus.CONFIRMED)


def can_manage_documents(user: AnyUser) -> bool:
    """Upload, review, confirm and act on documents."""
    return is_bureau(user)


def can_see_corrections(user: AnyUser) -> bool:
    return is_staff_member(user)


def can_view_unit_dictionary(user: AnyUser) -> bool:
    return is_staff_member(user)


def can_edit_unit_dictionary(user: AnyUser) -> bool:
    return is_bureau(user)

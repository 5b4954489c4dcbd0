"""What every app shares about who is asking: the role predicates and the one refusal idiom.

An app's own `permissions.py` builds its rules from these; nothing else tests a role directly."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accounts.models import Role, User

AnyUser = User | AnonymousUser


def is_bureau(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or getattr(user, "role", "") == Role.BUREAU_ADMIN)


def is_staff_member(user: AnyUser) -> bool:
    """Bureau administrators and department officers: the government side."""
    return is_bureau(user) or bool(user.is_authenticated and user.role == Role.DEPARTMENT_OFFICER)


def own_organization_id(user: AnyUser) -> int | None:
    return getattr(user, "organization_id", None) if user.is_authenticated else None


def refuse(request: HttpRequest, reason: str | None = None) -> HttpResponse:
    """Anonymous visitors are sent to log in; a logged-in user who may not act gets 403 with `reason`."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(reason or _("您没有权限执行此操作。"))


View = Callable[..., HttpResponse]


def requires(allowed: Callable[[AnyUser], bool], reason: str | Promise) -> Callable[[View], View]:
    """A view decorator: whoever `allowed` says no to is refused (`refuse`) with `reason`."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not allowed(request.user):
                return refuse(request, str(reason))
            return view(request, *args, **kwargs)

        return guarded

    return decorate

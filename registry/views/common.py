"""What every registry view shares: refusing politely."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def refuse(request: HttpRequest, reason: str | None = None) -> HttpResponse:
    """Anonymous visitors are sent to log in; a logged-in user who may not act gets 403 with `reason`."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(reason or _("您没有权限执行此操作。"))

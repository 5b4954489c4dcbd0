"""What a locked-out login sees (django-axes calls `locked_out`): the product's page, saying when to retry."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    cooloff = settings.AXES_COOLOFF_TIME
    retry_at = timezone.localtime() + cooloff
    minutes = max(1, round(cooloff.total_seconds() / 60))
    context = {"retry_at": retry_at, "minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    # Rendered here: django-axes returns it from its middleware, after the template response phase.
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cooloff.total_seconds()))
    return response

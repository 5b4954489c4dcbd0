"""Project-level pages that belong to no capability app: the workbench (工作台)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.template.response import TemplateResponse

from kechuang import workbench


@login_required
def workbench_view(request: HttpRequest) -> TemplateResponse:
    """Each user's home after login: what waits for them, their own records, what to watch."""
    return TemplateResponse(request, "workbench.html", workbench.page_context(request.user))

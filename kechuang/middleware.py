"""Request middleware of the project (not of one app)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from kechuang.text import CONTROL_CHARACTERS, clean_text

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _cleaned(values: QueryDict) -> QueryDict | None:
    """A cleaned copy when any key or value holds a control character, else None (the common case)."""
    if not any(CONTROL_CHARACTERS.search(key + "".join(items)) for key, items in values.lists()):
        return None
    cleaned = QueryDict(mutable=True)
    for key, items in values.lists():
        cleaned.setlist(clean_text(key), [clean_text(item) for item in items])
    cleaned._mutable = False
    return cleaned


class CleanInputMiddleware:
    """Query strings and submitted forms reach views without control characters (kechuang.text): a NUL in
    `?q=` or in a form's description is dropped here, for pages and API alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = _cleaned(request.GET)
        if query is not None:
            request.GET = query
        if request.method == "POST" and request.content_type in FORM_TYPES:
            form = _cleaned(request.POST)
            if form is not None:
                request.POST = form
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Every answer carries settings.CONTENT_SECURITY_POLICY unless its view set its own (downloads send a
    stricter sandbox, kechuang.downloads)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.conf import settings

        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response

"""Who may call an API endpoint, said once for every app and told truthfully in the OpenAPI schema
(contract 7 in docs/interfaces.md).

- `LOGIN` (the API's default): a token (`Authorization: Bearer …`) or a browser session.
- `PUBLIC`: public catalogues, readable without credentials. A request that brings a wrong token is
  refused (401) rather than quietly served as anonymous. The schema lists the empty security
  requirement `{}` beside the two schemes, which is how OpenAPI says "authentication optional"
  (`kechuang.api.KechuangSchema`).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import security

from accounts.api_auth import TokenAuth


class SessionAuth(security.SessionAuth):
    """The browser session, CSRF-checked for a logged-in visitor only: an anonymous write is answered
    401 as every refusal of a missing login is, not with a CSRF 403 (nobody is logged in to forge)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


class Anonymous:
    """Lets a request without an Authorization header through as an anonymous visitor."""

    def __call__(self, request: HttpRequest) -> bool:
        return "HTTP_AUTHORIZATION" not in request.META


LOGIN = [TokenAuth(), SessionAuth()]
PUBLIC = [TokenAuth(), SessionAuth(), Anonymous()]


def is_public(auth_callbacks: list[object]) -> bool:
    return any(isinstance(callback, Anonymous) for callback in auth_callbacks)

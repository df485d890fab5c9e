"""Sets the council for each request, for row-level security (``rls``), when COUNCILDESK_RLS is on (PostgreSQL).

- A request under a council (its URL has the council's slug, pages and API alike) sees that council's rows only.
- The signed-in person is named (``app.person_id``) on every request, so the access gate can read their own roles
  in every council (the ``own_roles`` policy); the API names the token's holder once the token is checked
  (``api.common.BearerToken``).
- The few pages outside any council that must read or write across councils are named in ``SPANNING``, each with
  its reason: they run with the bypass. Every other page outside a council sees no council's rows.

All three are set in one statement before the view runs, and the connection's starting settings are put back
when the response is made, so a pooled connection starts clean. ``NO_DATA`` views read nothing from the database
and are left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse

from . import rls

# URL names of the pages outside a council that read or write across councils, with the reason: the one place
# the bypass is given to a request (ADR 0015). tests/tenancy/test_scope.py holds each to a real page.
SPANNING: dict[str, str] = {
    "login": "signing in: the person is not known yet, and the sign-in is audited in each of their councils",
    "logout": "signing out is audited in each of the person's councils",
    "sign_in_verify": "the second step of signing in, audited in each of the person's councils",
    "second_factor_set_up": "setting up a second factor, audited in each of the person's councils",
    "sign_in_passkey": "the second step of signing in with a passkey, audited in each of the person's councils",
    "passkey_add": "adding a passkey, audited in each of the person's councils",
    "passkey_remove": "removing a passkey, audited in each of the person's councils",
    "deactivate": "a head officer deactivates a person: sessions and tokens end, audited in each council concerned",
    "second_factor_reset": "a head officer resets a second factor, audited in each council concerned",
    "recovery_codes": "recovery codes, audited in each of the person's councils",
    "password_change": "a password change, audited in each of the person's councils",
    "password_reset": "a reset by email: the person is not signed in; the email goes through the outbox",
    "password_reset_confirm": "a reset by email: the person is not signed in; audited in each of their councils",
    "lockouts": "the lockouts page: unlocking is audited in each council of the person unlocked",
    "tokens": "issuing or revoking an API token, audited in each of the person's councils",
    "account": "the account page lists the person's roles and sign-ins in every council",
}

# Views that read nothing from the database (the API's own description).
NO_DATA = frozenset({"api:openapi-json", "api:openapi-view"})


def scoped_view(request: HttpRequest) -> bool:
    match = request.resolver_match
    return rls.active() and not (match is not None and match.view_name in NO_DATA)


class CouncilScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            if getattr(request, "_council_scoped", False):
                try:
                    rls.restore(rls.baseline())
                except DatabaseError:
                    connection.close()  # a connection that cannot be put back is not used again

    def process_view(self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: dict[str, Any]) -> None:
        if not scoped_view(request):
            return
        user = getattr(request, "user", None)
        slug = kwargs.get("slug")
        slug = slug if isinstance(slug, str) else None
        match = request.resolver_match
        rls.scope(
            slug=slug,
            person_id=user.pk if user is not None and user.is_authenticated else None,
            spanning=slug is None and match is not None and match.view_name in SPANNING,
        )
        request._council_scoped = True  # type: ignore[attr-defined]

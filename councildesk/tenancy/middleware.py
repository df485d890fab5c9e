"""Sets the council for each request, for row-level security (``rls``), when COUNCILDESK_RLS is on.

A request under a council (its URL has the council's slug) sees that council's rows only. The few pages outside
any council that must read across councils are named in ``SPANNING``; every other page outside a council sees
no council's rows. The setting is cleared when the response is made, so a pooled connection starts clean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from councildesk.councils.models import Council

from . import rls

# URL names of pages outside a council that read or write across the person's councils: signing in (its events
# go to each council of the person), the account pages, the list of one's councils, tokens and the home redirect.
SPANNING = frozenset(
    {
        "home",
        "councils",
        "login",
        "logout",
        "tokens",
        "account",
        "sign_in_verify",
        "second_factor_set_up",
        "second_factor_reset",
        "recovery_codes",
        "password_change",
        "password_reset",
        "password_reset_confirm",
        "lockouts",
        "accessibility",
    }
)


class CouncilScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (rls.enabled() and rls.is_postgresql()):
            return self.get_response(request)
        rls.set_council(None)
        rls.set_bypass(False)
        try:
            return self.get_response(request)
        finally:
            rls.set_council(None)
            rls.set_bypass(False)

    def process_view(self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: dict[str, Any]) -> None:
        if not (rls.enabled() and rls.is_postgresql()):
            return
        slug = kwargs.get("slug")
        if isinstance(slug, str):
            council_id = Council.objects.filter(slug=slug).values_list("pk", flat=True).first()
            rls.set_council(council_id)
            return
        match = request.resolver_match
        if match is not None and match.url_name in SPANNING:
            rls.set_bypass(True)

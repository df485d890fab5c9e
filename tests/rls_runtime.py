"""The test suite's PostgreSQL pass runs every request as a role like production's runtime role.

The suite connects as a superuser (it creates and drops the test database), and row-level security does not
apply to a superuser. So each request's view runs as ``RUNTIME_ROLE``: no superuser, no BYPASSRLS, owner of
nothing, with the runtime grants of ``audit/roles.py``. The test's own setup (factories, assertions) runs as the
superuser with the bypass, as an operator's command would (``rls.operator_process``). ``tests/conftest.py``
makes the role; ``config/settings/test.py`` puts this middleware first, so its ``process_view`` runs before
``CouncilScopeMiddleware``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse

from councildesk.tenancy.middleware import scoped_view

RUNTIME_ROLE = "councildesk_test_runtime"


class RuntimeRoleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            was = getattr(request, "_runtime_role_from", None)
            if was is not None:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute(f'SET ROLE "{was}"')
                except DatabaseError:
                    pass  # an aborted transaction: its rollback takes the SET ROLE back with it

    def process_view(self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: dict[str, Any]) -> None:
        if not scoped_view(request):
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user, current_setting('is_superuser') = 'on'")
            was, superuser = cursor.fetchone()
            if not superuser:  # a test that chose a role itself (tests/tenancy) keeps it
                return
            cursor.execute(f"SET ROLE {RUNTIME_ROLE}")
        request._runtime_role_from = was  # type: ignore[attr-defined]

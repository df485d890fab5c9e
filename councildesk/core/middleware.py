"""Turns a ``DomainError`` that escapes a view into a clear page with the right status, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councildesk.core.errors import DomainError, ProtocolViolation


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        citations = exception.citations if isinstance(exception, ProtocolViolation) else []
        match = request.resolver_match
        slug = match.kwargs.get("slug") if match else None
        return render(
            request,
            "core/error.html",
            {
                "error": exception,
                "citations": citations,
                "citing_council": SimpleNamespace(slug=slug) if slug and citations else None,
                "reason": getattr(exception, "reason", exception.message),
            },
            status=exception.status,
        )

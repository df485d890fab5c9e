"""Turns a ``DomainError`` that escapes a view into a clear page with the right status, never a traceback."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from councildesk.core.errors import DomainError, ProtocolViolation, ValidationFailed


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        citations = exception.citations if isinstance(exception, ProtocolViolation) else []
        council = getattr(request, "council", None)  # set by the council gate once it has let the person in
        return render(
            request,
            "core/error.html",
            {
                "error": exception,
                "citations": citations,
                "council": council,
                "reason": getattr(exception, "reason", exception.message),
            },
            status=exception.status,
        )


class RejectNulMiddleware:
    """A NUL byte anywhere in a request (path, query string, form fields, file names, JSON) is a clear 400.

    PostgreSQL cannot store NUL in text, and no legitimate form or API payload holds one, so the request is refused
    before any view sees it, identically on both databases. Nothing is stored.
    """

    MESSAGE = "The request contained a NUL byte (a zero character), which councildesk never accepts. Nothing was saved."

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        raw_path = request.META.get("PATH_INFO", "") + request.META.get("QUERY_STRING", "")
        if "\x00" in raw_path or "%00" in raw_path:
            return True
        if request.method in {"GET", "HEAD", "OPTIONS"}:
            return False
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("multipart/"):
            fields = (v for values in request.POST.lists() for v in values[1])
            names = (f.name or "" for files in request.FILES.lists() for f in files[1])
            return any("\x00" in text for text in (*fields, *names))
        body = request.body
        if b"\x00" in body:
            return True
        if "json" in content_type:
            return b"\\u0000" in body  # a JSON escape that decodes to NUL
        return content_type.startswith("application/x-www-form-urlencoded") and b"%00" in body

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"error": "ValidationFailed", "message": self.MESSAGE, "problems": {}}, status=400)
        return render(
            request, "core/error.html", {"error": ValidationFailed(self.MESSAGE), "reason": self.MESSAGE}, status=400
        )

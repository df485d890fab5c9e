"""Response headers and session limits that every page and API response gets.

- ``SessionLimitsMiddleware``: a signed-in session ends after ``COUNCILDESK_SESSION_IDLE_MINUTES`` without a
  request (30 by default) and, whatever the activity, ``COUNCILDESK_SESSION_MAX_HOURS`` after sign-in (12). Ending
  means the server-side session is flushed, so a copied cookie stops working too.
- ``PrivateResponseMiddleware``: ``Cache-Control: no-store`` on every response to a signed-in person and every
  API response (nothing private is kept by a browser or a proxy), and a Permissions-Policy that turns off the
  browser features councildesk never uses. The Content-Security-Policy comes from django-csp (settings).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

SIGNED_IN_AT = "councildesk.signed_in_at"
SEEN_AT = "councildesk.seen_at"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


def start_session_clock(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """On sign-in: the absolute limit counts from now (connected to ``user_logged_in`` in apps.py)."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now


def session_expired(*, now: float, signed_in_at: float, seen_at: float, idle_seconds: int, max_seconds: int) -> bool:
    """Whether a session has passed its idle or absolute limit. Pure: times are passed in (seconds)."""
    return now - seen_at > idle_seconds or now - signed_in_at > max_seconds


class SessionLimitsMiddleware:
    # Recording activity is a session write; once a minute is precise enough for a 30-minute limit.
    TOUCH_EVERY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        session = request.session
        now = time.time()
        signed_in_at = float(session.setdefault(SIGNED_IN_AT, now))  # sessions from before this version
        seen_at = float(session.get(SEEN_AT, now))
        if session_expired(
            now=now,
            signed_in_at=signed_in_at,
            seen_at=seen_at,
            idle_seconds=settings.COUNCILDESK_SESSION_IDLE_MINUTES * 60,
            max_seconds=settings.COUNCILDESK_SESSION_MAX_HOURS * 3600,
        ):
            logout(request)  # flushes the server-side session
            if request.path.startswith("/api/"):
                return self.get_response(request)  # the API answers as for anyone without a session
            messages.info(request, "You were signed out because your session ended. Sign in again to continue.")
            return redirect(f"{reverse('login')}?next={request.path}")
        if now - seen_at >= self.TOUCH_EVERY or SEEN_AT not in session:
            session[SEEN_AT] = now
        return self.get_response(request)


class PrivateResponseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

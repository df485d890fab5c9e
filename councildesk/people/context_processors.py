"""Puts the councils the signed-in person can switch between into every template."""

from __future__ import annotations

from django.http import HttpRequest

from .access import memberships_of


def memberships(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_councils": []}
    return {"my_councils": memberships_of(user)}

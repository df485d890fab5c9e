"""Puts the signed-in person's unread count for the current council into every template: one query, and only
when a template actually shows it (a lazy value)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    if user is None or not user.is_authenticated or not slug:
        return {}

    def count() -> int:
        return Notification.objects.filter(council__slug=slug, recipient=user, read_at__isnull=True).count()

    return {"unread_notifications": SimpleLazyObject(count)}

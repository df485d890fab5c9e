"""Puts the signed-in person's unread count for the current council into every template: one query, and only
when a template actually shows it (a lazy value). The count is fixed SQL, written once, since every council page
asks it (issue 14)."""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from councildesk.core import fixedsql
from councildesk.councils.models import Council

from .models import Notification


@cache
def _unread_sql(vendor: str) -> str:
    """``Notification.objects.filter(council__slug=slug, recipient=person, read_at__isnull=True).count()``.

    Only table and column names from the models' metadata are formatted in; every value is a parameter."""
    quote = connection.ops.quote_name
    column = fixedsql.column
    council, recipient, read_at = (column(Notification, name) for name in ("council", "recipient", "read_at"))
    return (
        f"SELECT COUNT(*) FROM {quote(Notification._meta.db_table)} n "  # noqa: S608
        f"INNER JOIN {quote(Council._meta.db_table)} c ON n.{council} = c.{column(Council, 'id')} "
        f"WHERE c.{column(Council, 'slug')} = %s AND n.{recipient} = %s AND n.{read_at} IS NULL"
    )


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    if user is None or not user.is_authenticated or not slug:
        return {}

    def count() -> int:
        with connection.cursor() as cursor:
            cursor.execute(_unread_sql(connection.vendor), [slug, user.pk])
            return int(cursor.fetchone()[0])

    return {"unread_notifications": SimpleLazyObject(count)}

"""The session engine (``SESSION_ENGINE``): Django's database sessions, with the one read every signed-in request
makes written once as SQL (ADR 0023).

Everything else is Django's ``db`` engine unchanged: the same table, the same signed and encoded data, the same
keys, saving, flushing, expiry and clearing, so sessions made before keep working and ``accounts.sessions`` ends
them as before. Only ``_get_session_from_db`` differs: instead of building and compiling
``Session.objects.get(session_key=key, expire_date__gt=now)`` on each request (about as costly as the rest of the
session work together, issue 14), it runs that query's SQL, fixed, with the same two parameters, and builds the
row through the same converters.
"""

from __future__ import annotations

from functools import cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from . import fixedsql


@cache
def _session_sql(vendor: str) -> str:
    """Only the table and column names from the model's metadata are formatted in; the values are parameters."""
    quote = connection.ops.quote_name
    meta = Session._meta
    key, expires = fixedsql.column(Session, "session_key"), fixedsql.column(Session, "expire_date")
    return (
        f"SELECT {fixedsql.columns(Session, 's')} FROM {quote(meta.db_table)} s "  # noqa: S608
        f"WHERE s.{key} = %s AND s.{expires} > %s"
    )


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_session_sql(connection.vendor), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:  # no such session, or it has expired: as the ORM's DoesNotExist
            self._session_key = None
            return None
        return fixedsql.loader(Session)(row)

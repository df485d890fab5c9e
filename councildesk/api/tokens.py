"""Issue, check and revoke API tokens. Issuing and revoking are audited in every council the person serves.

Every token has an expiry (at most ``COUNCILDESK_API_TOKEN_MAX_DAYS``) and may be read-only: a read-only token is
refused (403) on any method that could change something."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.core import clock, fixedsql
from councildesk.core.errors import NotFound, NotPermitted, ValidationFailed
from councildesk.councils.models import Council
from councildesk.people.access import memberships_of
from councildesk.people.models import Person

from .models import ApiToken

TOKEN_PREFIX = "cd_"  # noqa: S105 - a visible marker on every token, not a secret
DEFAULT_DAYS = 90
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)  # "last used" is shown to the minute; write it no more often


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_issue(*, actor: Person, name: str, days: int = DEFAULT_DAYS, read_only: bool = False) -> tuple[ApiToken, str]:
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationFailed("Give the token a name of up to 100 characters.", {"name": "required, at most 100"})
    longest = settings.COUNCILDESK_API_TOKEN_MAX_DAYS
    if not 1 <= days <= longest:
        raise ValidationFailed(f"A token can last from 1 to {longest} days.", {"days": f"1 to {longest}"})
    councils = memberships_of(actor)
    if not councils:
        raise ValidationFailed("You hold no current role in any council, so a token would give access to nothing.")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        now = clock.now()
        token = ApiToken.objects.create(
            person=actor,
            name=name,
            prefix=key[:10],
            key_hash=_digest(key),
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
            read_only=read_only,
        )
        for council in councils:
            record(
                council=council,
                actor=actor,
                action=events.API_TOKEN_ISSUED,
                subject=token,
                data={
                    "name": name,
                    "prefix": token.prefix,
                    "expires_at": token.expires_at.isoformat() if token.expires_at else "",
                    "scope": "read" if read_only else "read and write",
                },
            )
    return token, key


def token_revoke(*, actor: Person, token_id: int) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id, person=actor, revoked_at=None).first()
        if token is None:
            raise NotFound("That token")
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        # Revoking only takes access away, so it is allowed after a term ends; it is logged wherever the
        # person ever held a role.
        for council in Council.objects.filter(roles__person=actor).distinct():
            record(
                council=council,
                actor=actor,
                action=events.API_TOKEN_REVOKED,
                subject=token,
                data={"name": token.name, "prefix": token.prefix},
            )
    return token


def token_authenticate(key: str, *, method: str = "GET") -> Person | None:
    """The person a live token belongs to, or None. Inactive people, revoked and expired tokens get nothing; a
    read-only token presented for a change is refused with NotPermitted (403)."""
    token = _live_token(_digest(key), clock.now())
    if token is None:
        return None
    if token.read_only and method.upper() not in SAFE_METHODS:
        raise NotPermitted("This token is read-only: it can read but not change anything.")
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        # Bookkeeping, not a state change: written at most once a minute per token, so a busy client does not
        # commit an UPDATE on every request (issue 14). The condition in SQL keeps concurrent requests to one.
        stale = Q(last_used_at=None) | Q(last_used_at__lte=now - LAST_USED_GRANULARITY)
        ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    return token.person


@cache
def _token_sql(vendor: str) -> str:
    assert (ApiToken._meta.db_table, Person._meta.db_table) == ("api_apitoken", "people_person")
    # Only column names from the models' metadata are formatted in; every value is a parameter.
    return (
        f"SELECT {fixedsql.columns(ApiToken, 't')}, {fixedsql.columns(Person, 'p')} "  # noqa: S608
        'FROM "api_apitoken" t JOIN "people_person" p ON p."id" = t."person_id" '
        'WHERE t."key_hash" = %s AND t."revoked_at" IS NULL AND t."expires_at" > %s AND p."is_active" '
        'ORDER BY t."id" LIMIT 1'
    )


def _live_token(key_hash: str, now: dt.datetime) -> ApiToken | None:
    """The live token with this hash, its person joined: every API request asks, so fixed SQL (issue 14)."""
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(connection.vendor), [key_hash, connection.ops.adapt_datetimefield_value(now)])
        row = cursor.fetchone()
    if row is None:
        return None
    split = fixedsql.width(ApiToken)
    token = fixedsql.loader(ApiToken)(row[:split])
    token.person = fixedsql.loader(Person)(row[split:])
    return token


def tokens_list_for(actor: Person) -> list[ApiToken]:
    """The actor's tokens that still work (not revoked, not expired)."""
    return list(ApiToken.objects.filter(person=actor, revoked_at=None, expires_at__gt=clock.now()))

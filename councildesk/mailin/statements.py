"""The fixed SQL of intake's hot path: every message the listener takes runs these, so none is built or compiled
per message (as ``audit.services.record`` does; issue 10's benchmark). Each runs in the caller's transaction, on
SQLite and PostgreSQL alike, and reads or writes exactly what the ORM query it replaces would.

- ``insert_raw``: the raw message, or nothing when its key is already stored (``ON CONFLICT DO NOTHING``);
- ``council_by_slug`` / ``council_by_pk``: the council a message is for;
- ``member_ids_with_address``: the current members of a council with this email address;
- ``save_placed``: what placing decided, in the columns placing writes (never the raw bytes again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from councildesk.councils.models import Council
from councildesk.people.kinds import MEMBER_KINDS
from councildesk.people.models import Person, Role

from .models import InboundEmail

_INSERT = (
    "INSERT INTO mailin_inboundemail (dedupe_key, message_id, sha256, size, raw, via, envelope_from, envelope_to, "
    "received_at, status, reason, sender, subject, text, attachment_names, blind_copied, placed_as, placed_url) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', '', '', '', %s, %s, '', '') "
    "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id"
)
_PLACED = (
    "UPDATE mailin_inboundemail SET council_id = %s, status = %s, reason = %s, sender = %s, subject = %s, text = %s, "
    "attachment_names = %s, blind_copied = %s, placed_as = %s, placed_url = %s WHERE id = %s"
)
# What intake reads of every council a message is for. The profile stays deferred (Django loads it when it is
# first used): most messages are held without it, and decoding its JSON was a tenth of the time of each one.
_COUNCIL_FIELDS = ["id", "slug", "name", "kind", "nation"]
_COUNCIL_BY_SLUG = "SELECT id, slug, name, kind, nation FROM councils_council WHERE slug = %s"
_COUNCIL_BY_PK = "SELECT id, slug, name, kind, nation FROM councils_council WHERE id = %s"
_MEMBER_KINDS = sorted(MEMBER_KINDS)
_MEMBERS = (
    "SELECT DISTINCT r.person_id FROM people_role r JOIN people_person p ON p.id = r.person_id "
    "WHERE r.council_id = %s AND r.kind IN (%s, %s, %s, %s, %s) AND LOWER(p.email) = %s "
    'AND r.start <= %s AND (r."end" IS NULL OR r."end" >= %s)'
)

_JSON = InboundEmail._meta.get_field("envelope_to")  # attachment_names is a JSONField too and prepares the same way
_RAW = InboundEmail._meta.get_field("raw")
_RECEIVED_AT = InboundEmail._meta.get_field("received_at")

assert InboundEmail._meta.db_table == "mailin_inboundemail"
assert Council._meta.db_table == "councils_council"
assert Role._meta.db_table == "people_role"
assert Person._meta.db_table == "people_person"
assert len(_MEMBER_KINDS) == _MEMBERS.count("%s") - 4, "one placeholder per member kind"


def insert_raw(row: InboundEmail) -> bool:
    """Insert the unsaved ``row`` (its raw bytes and envelope); False, and nothing written, when its dedupe key is
    already stored. On success the row has its primary key and counts as saved."""
    connection = transaction.get_connection()
    params = [
        row.dedupe_key,
        row.message_id,
        row.sha256,
        row.size,
        _RAW.get_db_prep_save(row.raw, connection),
        row.via,
        row.envelope_from,
        _JSON.get_db_prep_save(row.envelope_to, connection),
        _RECEIVED_AT.get_db_prep_save(row.received_at, connection),
        row.status,
        _JSON.get_db_prep_save(row.attachment_names, connection),
        row.blind_copied,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT, params)
        found = cursor.fetchone()
    if found is None:
        return False
    row.pk = found[0]
    row._state.adding = False
    row._state.db = connection.alias
    return True


def save_placed(row: InboundEmail) -> None:
    connection = transaction.get_connection()
    params = [
        row.council_id,
        row.status,
        row.reason,
        row.sender,
        row.subject,
        row.text,
        _JSON.get_db_prep_save(row.attachment_names, connection),
        row.blind_copied,
        row.placed_as,
        row.placed_url,
        row.pk,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_PLACED, params)


def _council(sql: str, value: Any) -> Council | None:
    connection = transaction.get_connection()
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        found = cursor.fetchone()
    if found is None:
        return None
    return Council.from_db(connection.alias, _COUNCIL_FIELDS, list(found))


def council_by_slug(slug: str) -> Council | None:
    return _council(_COUNCIL_BY_SLUG, slug)


def council_by_pk(pk: int) -> Council | None:
    return _council(_COUNCIL_BY_PK, pk)


def member_ids_with_address(council: Council, address: str, day: dt.date) -> list[int]:
    """The people holding a member role in ``council`` on ``day`` whose email is ``address`` (in any case)."""
    connection = transaction.get_connection()
    when = connection.ops.adapt_datefield_value(day)
    params: Sequence[Any] = [council.pk, *_MEMBER_KINDS, address.strip().lower(), when, when]
    with connection.cursor() as cursor:
        cursor.execute(_MEMBERS, params)
        return [pk for (pk,) in cursor.fetchall()]

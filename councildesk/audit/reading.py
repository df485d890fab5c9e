"""Reading a council's events back, in storage order, for verification and export. No model objects are built.

Two readers:
- ``rows``: every event as ``services.canonical_row`` gives it, decoded, from a plain cursor;
- ``links`` (SQLite): each event's canonical bytes built by the database from the stored text, which ``record``
  writes in canonical form there, with its seq and hashes. ``chain.verify`` hashes those bytes first; any event whose
  bytes do not match (text stored in another form, a value of an unexpected type) is read in full by ``rows``' query
  and judged by its decoded fields, so the verdict is the one the general reader gives.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import connection

from . import chain
from .services import stores_canonical_json

if TYPE_CHECKING:
    from councildesk.councils.models import Council

# occurred_at comes back as text already in canonical_row's form (UTC, microseconds), so no datetime is parsed
# and formatted again per row: PostgreSQL formats it; SQLite holds naive UTC text, finished off by _stamp.
_SELECT = (
    "SELECT seq, {stamp}, actor_label, actor_id, action, subject_type, subject_id, data, rule_ids, prev_hash, hash "
    "FROM audit_auditevent "
)
_ROWS_SQL = _SELECT + "WHERE council_id = %s ORDER BY id"
_ONE_SQL = _SELECT + "WHERE id = %s"
_STAMP_SQL = {
    "postgresql": """to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')""",
    "sqlite": "CAST(occurred_at AS TEXT)",  # an expression has no declared type, so no converter parses it
}
_CHUNK = 2000
_raw_decode = json.JSONDecoder().raw_decode  # one decoder for every row

# The canonical event (chain.canonical: keys sorted, no spaces, non-ASCII as is) spliced together by SQLite from the
# stored columns; the council's slug comes quoted as a parameter. json_quote escapes exactly as Python's encoder does
# (tests/audit/test_reading.py checks every control character and a sample of others). A column holding something
# record() never writes (NULL, a number where text belongs, text in another form) gives bytes that do not match
# their hash, or none at all, and the event is then read in full and judged by its decoded fields.
_LINKS_SQL = """
SELECT id, seq, prev_hash, hash, CAST(
    '{"action":' || json_quote(action) || ',"actor":' || json_quote(actor_label)
    || ',"actor_id":' || coalesce(actor_id, 'null') || ',"council":' || %s || ',"data":' || data
    || ',"occurred_at":"' || substr(occurred_at, 1, 10) || 'T' || substr(occurred_at, 12, 8)
    || CASE length(occurred_at) WHEN 26 THEN substr(occurred_at, 20, 7) WHEN 19 THEN '.000000' END || '+00:00"'
    || ',"rule_ids":' || rule_ids || ',"seq":' || seq || ',"subject_id":' || json_quote(subject_id)
    || ',"subject_type":' || json_quote(subject_type) || '}'
  AS BLOB)
FROM audit_auditevent WHERE council_id = %s ORDER BY id
"""


def _stamp(value: object) -> str:
    """``occurred_at`` as ``canonical_row`` writes it (UTC, microseconds), from what the query returns."""
    if isinstance(value, str):
        if len(value) == 32 and value[10] == "T" and value.endswith("+00:00"):
            return value  # formatted by PostgreSQL
        if len(value) == 26 and value[10] == " " and value[19] == ".":  # SQLite: 'YYYY-MM-DD HH:MM:SS.ffffff'
            return f"{value[:10]}T{value[11:]}+00:00"
        value = dt.datetime.fromisoformat(value)  # anything else, the slow and general way
    assert isinstance(value, dt.datetime)
    value = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    return value.isoformat(timespec="microseconds")


def _json(value: object) -> Any:
    if isinstance(value, str):
        try:
            found, end = _raw_decode(value)
        except json.JSONDecodeError:
            found, end = None, -1
        if end == len(value):
            return found
    # Leading or trailing text, or not text at all: decode it the strict way (and fail the same way).
    return json.loads(value) if isinstance(value, str | bytes) else value


def _row(slug: str, found: tuple[Any, ...]) -> dict[str, Any]:
    seq, occurred, label, actor_id, action, stype, sid, data, rule_ids, prev_hash, digest = found
    return {
        "seq": seq,
        "council": slug,
        "occurred_at": _stamp(occurred),
        "actor": label,
        "actor_id": actor_id,
        "action": action,
        "subject_type": stype,
        "subject_id": sid,
        "data": _json(data),
        "rule_ids": list(_json(rule_ids)),
        "prev_hash": prev_hash,
        "hash": digest,
    }


def rows(council: Council) -> Iterator[dict[str, Any]]:
    """The council's events as ``canonical_row`` gives them, streamed ``_CHUNK`` at a time in storage order.

    Storage order by primary key, not by seq: a reordering of seq values must show up as a break.
    """
    slug = council.slug
    sql = _ROWS_SQL.format(stamp=_STAMP_SQL.get(connection.vendor, "occurred_at"))
    # A server-side cursor on PostgreSQL, so the rows arrive in chunks rather than all at once; SQLite streams.
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [council.pk])
        while batch := cursor.fetchmany(_CHUNK):
            for found in batch:
                yield _row(slug, found)


_LINK_KEYS = ("id", "seq", "prev_hash", "hash", "canonical")  # the columns of _LINKS_SQL


class _Link(dict[str, Any]):
    """One event's id, council, seq, hashes and stored canonical bytes; any other field is read in full on first use."""

    __slots__ = ()

    def __missing__(self, key: str) -> Any:
        sql = _ONE_SQL.format(stamp=_STAMP_SQL.get(connection.vendor, "occurred_at"))
        with connection.cursor() as cursor:
            cursor.execute(sql, [self["id"]])
            self.update(_row(self["council"], cursor.fetchone()))
        if key not in self:
            raise KeyError(key)
        return self[key]


def batches(council: Council, *, decoded: bool = False) -> Iterator[chain.Batch]:
    """For verification, in batches: the stored canonical bytes where ``record`` stores canonical text (SQLite),
    otherwise (or when every event is wanted ``decoded``) the full ``rows``."""
    if decoded or not stores_canonical_json(connection.vendor):
        found: list[dict[str, Any]] = []
        for row in rows(council):
            found.append(row)
            if len(found) == _CHUNK:
                yield _decoded(found)
                found = []
        yield _decoded(found)
        return
    slug = council.slug
    with connection.chunked_cursor() as cursor:
        cursor.execute(_LINKS_SQL, [chain.encode(slug), council.pk])
        while links := cursor.fetchmany(_CHUNK):
            _ids, seqs, prevs, hashes, stored = zip(*links, strict=True)  # columns, with no Python per event
            yield chain.Batch(seqs, prevs, hashes, stored, partial(_expand, slug, links))


def _decoded(found: list[dict[str, Any]]) -> chain.Batch:
    return chain.Batch(
        [row["seq"] for row in found],
        [row["prev_hash"] for row in found],
        [row["hash"] for row in found],
        (),
        lambda: found,
    )


def _expand(slug: str, links: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [_Link(zip(_LINK_KEYS, link, strict=True), council=slug) for link in links]

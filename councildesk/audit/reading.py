"""Reading a council's events back, in storage order, for verification and export. No model objects are built.

``rows`` gives every event as ``services.canonical_row`` gives it, decoded with the standard library. ``batches``
gives them to ``chain.verify_batches`` with each event's canonical bytes offered for a check of the whole batch:
- SQLite, where ``record`` stores ``data`` and ``rule_ids`` as canonical text: the bytes are spliced by the database
  from the stored columns; an event whose bytes do not match (text stored in another form, a value of an unexpected
  type) is read in full by ``rows``' query and judged by its decoded fields;
- PostgreSQL (jsonb): the bytes are made by orjson from ``rows``' columns (``fast_canonical``), or left out for an
  event orjson cannot encode exactly as the standard library does; a batch that does not hold as a whole is walked
  with the same rows decoded by the standard library.
Either way the verdict, and the first bad event it names, are the ones the general reader gives.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any

import psycopg
from django.db import connection

from . import chain, fast_canonical
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
# The council's ids are taken from the (council, seq) index and the rows then read in id order, so SQLite walks the
# table in order instead of sorting every spliced row (same rows, same order as "WHERE council_id = %s ORDER BY id").
_LINKS_SQL = """
SELECT id, seq, prev_hash, hash, CAST(
    '{"action":' || json_quote(action) || ',"actor":' || json_quote(actor_label)
    || ',"actor_id":' || coalesce(actor_id, 'null') || ',"council":' || %s || ',"data":' || data
    || ',"occurred_at":"' || substr(occurred_at, 1, 10) || 'T' || substr(occurred_at, 12, 8)
    || CASE length(occurred_at) WHEN 26 THEN substr(occurred_at, 20, 7) WHEN 19 THEN '.000000' END || '+00:00"'
    || ',"rule_ids":' || rule_ids || ',"seq":' || seq || ',"subject_id":' || json_quote(subject_id)
    || ',"subject_type":' || json_quote(subject_type) || '}'
  AS BLOB)
FROM audit_auditevent WHERE id IN (SELECT id FROM audit_auditevent WHERE council_id = %s) ORDER BY id
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
    otherwise the canonical bytes made by orjson from the rows (PostgreSQL), or, when every event is wanted
    ``decoded``, the full ``rows``."""
    if not decoded and not stores_canonical_json(connection.vendor):
        yield from _encoded_batches(council)
        return
    if decoded:
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


def _encoded_batches(council: Council) -> Iterator[chain.Batch]:
    """``rows``' columns in batches, each event's canonical bytes made by orjson where it gives the standard
    library's bytes exactly (``None`` where it may not); walking a batch decodes its rows the standard way."""
    slug = council.slug
    for found in _streamed(_ROWS_SQL.format(stamp=_STAMP_SQL.get(connection.vendor, "occurred_at")), council.pk):
        columns = tuple(zip(*found, strict=True))
        stored = _encoded(slug, found)
        yield chain.Batch(columns[0], columns[9], columns[10], stored, partial(_decoded_rows, slug, found))


def _streamed(sql: str, council_id: int) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``sql`` in lists of ``_CHUNK``. On PostgreSQL with a libpq that can (17 or later), the server
    streams them (psycopg's chunked ``stream``), so it makes the next rows while these are checked, instead of
    waiting for each ``FETCH`` of a server-side cursor. The connection takes no other query until the stream ends
    or the generator is closed (psycopg then cancels the query and discards the rest). Django logs ``execute``
    calls, not ``stream``."""

    if connection.vendor == "postgresql" and psycopg.capabilities.has_stream_chunked():
        with connection.cursor() as cursor:
            streamed = cursor.stream(sql, [council_id], size=_CHUNK)
            while found := list(islice(streamed, _CHUNK)):
                yield found
        return
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [council_id])
        while found := cursor.fetchmany(_CHUNK):
            yield found


def _encoded(slug: str, found: list[tuple[Any, ...]]) -> list[bytes | None]:
    """Each event's canonical bytes, exactly as ``chain.canonical(_row(...))`` gives them, or ``None`` where
    orjson might not give them exactly; one loop, as this runs for every event of a PostgreSQL verify."""
    loads, dumps = fast_canonical.loads, fast_canonical.dumps
    rule_lists: dict[str, list[Any] | None] = {}  # few distinct rule_ids: each text decoded once a batch
    stored: list[bytes | None] = []
    add = stored.append
    for seq, occurred, label, actor_id, action, stype, sid, data, rule_ids, _prev, _hash in found:
        # _stamp keeps PostgreSQL's text as it is only in this form; any other is left to the general walk, as is
        # JSON that does not come back as text.
        if not (
            type(occurred) is str
            and len(occurred) == 32
            and occurred[10] == "T"
            and occurred[26:] == "+00:00"
            and type(data) is str
            and type(rule_ids) is str
        ):
            add(None)
            continue
        try:
            rules = rule_lists[rule_ids]
        except KeyError:
            decoded = loads(rule_ids)
            rules = rule_lists[rule_ids] = decoded if type(decoded) is list else None  # _row takes list() of it
        value = loads(data)  # JSON null (which record() never writes) is left to the general walk too
        if rules is None or value is None:
            add(None)
            continue
        add(
            dumps(
                {
                    "seq": seq,
                    "council": slug,
                    "occurred_at": occurred,
                    "actor": label,
                    "actor_id": actor_id,
                    "action": action,
                    "subject_type": stype,
                    "subject_id": sid,
                    "data": value,
                    "rule_ids": rules,
                }
            )
        )
    return stored


def _decoded_rows(slug: str, found: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [_row(slug, row) for row in found]


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

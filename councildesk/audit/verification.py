"""Verify and export a council's chain from the database."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.db import connection

from . import chain, content, signing
from .models import AuditHead

if TYPE_CHECKING:
    from councildesk.councils.models import Council

EXPORT_FORMAT = "councildesk-audit-export/1"


# occurred_at comes back as text already in canonical_row's form (UTC, microseconds), so no datetime is parsed
# and formatted again per row: PostgreSQL formats it; SQLite holds naive UTC text, finished off by _stamp.
_ROWS_SQL = (
    "SELECT seq, {stamp}, actor_label, actor_id, action, subject_type, subject_id, data, rule_ids, prev_hash, hash "
    "FROM audit_auditevent WHERE council_id = %s ORDER BY id"
)
_STAMP_SQL = {
    "postgresql": """to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')""",
    "sqlite": "CAST(occurred_at AS TEXT)",  # an expression has no declared type, so no converter parses it
}
_CHUNK = 2000
_raw_decode = json.JSONDecoder().raw_decode  # one decoder for every row


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


def _rows(council: Council) -> Iterator[dict[str, Any]]:
    """The council's events as ``canonical_row`` gives them, streamed from a plain cursor in storage order.

    Storage order by primary key, not by seq: a reordering of seq values must show up as a break. No model objects
    are built: the rows come straight from the cursor, ``_CHUNK`` at a time.
    """
    slug = council.slug
    sql = _ROWS_SQL.format(stamp=_STAMP_SQL.get(connection.vendor, "occurred_at"))
    # A server-side cursor on PostgreSQL, so the rows arrive in chunks rather than all at once; SQLite streams.
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [council.pk])
        while batch := cursor.fetchmany(_CHUNK):
            for seq, occurred, label, actor_id, action, stype, sid, data, rule_ids, prev_hash, digest in batch:
                yield {
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


def head_of(council: Council) -> AuditHead | None:
    return AuditHead.objects.filter(council_id=council.pk).first()


def verify_council(council: Council, checkpoints: Iterable[signing.Checkpoint] = ()) -> chain.Verdict:
    """Walk the chain, compare it with the head record and then with the signed checkpoints given.

    The checkpoints (already checked against the key by the caller) are what the database cannot vouch for
    itself: they catch truncation, a head rolled back, and a rewrite re-hashed all the way to the head.
    """
    return check_council(council, checkpoints).verdict


@dataclass(frozen=True)
class Report:
    verdict: chain.Verdict
    checkpoints: int
    content: content.ContentReport | None = None


def check_council(
    council: Council, checkpoints: Iterable[signing.Checkpoint] = (), *, with_content: bool = False
) -> Report:
    mine = [cp for cp in checkpoints if cp.council == council.slug]
    wanted = {cp.seq for cp in mine}
    hashes_at: dict[int, str] = {}
    digests: list[Mapping[str, Any]] = []

    def observed() -> Iterator[dict[str, Any]]:
        for row in _rows(council):
            if row["seq"] in wanted:
                hashes_at[row["seq"]] = row["hash"]
            if with_content and content.DATA_KEY in row["data"]:
                digests.append(row)
            yield row

    head = head_of(council)
    if head is None:  # every council records council.created, so a missing head means it was removed
        verdict = chain.Verdict(False, 0, chain.GENESIS, 1, "the council's head record is missing")
    else:
        verdict = chain.verify(observed(), expected_count=head.seq, expected_head=head.hash)
    if verdict.ok and mine:
        hashes_at[verdict.checked] = verdict.head_hash
        against = signing.compare(mine, head_seq=verdict.checked, hashes_at=hashes_at)
        if not against.ok:
            verdict = chain.Verdict(False, verdict.checked, verdict.head_hash, against.first_bad_seq, against.problem)
    report = content.check(council.pk, content.recorded_digests(digests)) if with_content else None
    return Report(verdict, len(mine), report)


def export_council(council: Council, out: IO[str]) -> chain.Verdict:
    """Write JSON Lines: a header line, then one line per event with its canonical fields and hashes."""
    verdict = verify_council(council)
    head = head_of(council)
    header = {
        "format": EXPORT_FORMAT,
        "council": council.slug,
        "council_name": council.name,
        # From the head record, not from the walk: a file missing its newest events then fails the recipe.
        "events": head.seq if head else 0,
        "head_hash": head.hash if head else chain.GENESIS,
        "hash": "sha256(bytes.fromhex(prev_hash) + canonical_json(event))",
        "canonical_fields": list(chain.CANONICAL_FIELDS),
        "verified_at_export": verdict.ok,
    }
    out.write(json.dumps(header, ensure_ascii=False) + "\n")
    for row in _rows(council):
        out.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
    return verdict

"""The hash chain, as pure functions: ``hash = SHA-256(prev_hash ‖ canonical event)``.

``prev_hash`` is the previous event's hash as 32 raw bytes (the genesis value is 32 zero bytes). The
canonical event is UTF-8 JSON with sorted keys, no insignificant white space and non-ASCII kept as is.
docs/audit.md restates this so anyone can verify an export without councildesk.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
CANONICAL_FIELDS = (
    "seq",
    "council",
    "occurred_at",
    "actor",
    "actor_id",
    "action",
    "subject_type",
    "subject_id",
    "data",
    "rule_ids",
)


# One encoder, made once: json.dumps with options builds a new encoder on every call.
_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def canonical(event: Mapping[str, Any]) -> bytes:
    """The exact bytes that are hashed. Only ``CANONICAL_FIELDS`` take part; missing fields are an error."""
    body = {name: event[name] for name in CANONICAL_FIELDS}
    return _ENCODE(body).encode("utf-8")


def encode(value: Any) -> str:
    """A JSON value in canonical form: what ``record`` stores as text where the column is text (SQLite)."""
    return _ENCODE(value)


def link_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical(event)).hexdigest()


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str | None = None


def verify(
    events: Iterable[Mapping[str, Any]],
    *,
    expected_count: int | None = None,
    expected_head: str | None = None,
) -> Verdict:
    """Walk the events in storage order. Any edit, deletion, insertion or reordering breaks a link.

    ``expected_count`` / ``expected_head`` come from the council's head record, so that removing the newest
    events (which leaves a shorter but self-consistent chain) is caught too.
    """
    failed, prev, checked = _walk(events, GENESIS, 0)
    return failed or _finish(prev, checked, expected_count, expected_head)


@dataclass(frozen=True)
class Batch:
    """Consecutive events in storage order: as columns, for a check of the whole batch, and in full for the walk.

    ``stored`` holds each event's canonical bytes as stored (empty when the reader has none); ``events`` gives the
    same events as mappings, whose fields may be read on demand.
    """

    seqs: Sequence[int]
    prev_hashes: Sequence[str]
    hashes: Sequence[str]
    stored: Sequence[bytes | None]
    events: Callable[[], Iterable[Mapping[str, Any]]]


def verify_batches(
    batches: Iterable[Batch],
    *,
    expected_count: int | None = None,
    expected_head: str | None = None,
) -> Verdict:
    """``verify`` over the events in batches, giving the same verdict sooner.

    Each batch is first checked as a whole: consecutive seqs, each ``prev_hash`` equal to the hash before it, and
    each event's stored bytes hashing to its ``hash``. A batch that passes is exactly one the walk would pass event
    by event. Any other batch is walked event by event, which names the first bad event and judges an event whose
    stored bytes differ by its decoded fields.
    """
    prev, checked = GENESIS, 0
    for batch in batches:
        if not batch.seqs:
            continue
        if _whole_batch_holds(batch, prev, checked):
            prev, checked = batch.hashes[-1], checked + len(batch.seqs)
            continue
        failed, prev, checked = _walk(batch.events(), prev, checked)
        if failed:
            return failed
    return _finish(prev, checked, expected_count, expected_head)


def _whole_batch_holds(batch: Batch, prev: str, checked: int) -> bool:
    seqs, prevs, hashes, stored = batch.seqs, batch.prev_hashes, batch.hashes, batch.stored
    if len(stored) != len(seqs) or None in stored:
        return False
    if tuple(seqs) != tuple(range(checked + 1, checked + len(seqs) + 1)):
        return False
    if prevs[0] != prev or tuple(prevs[1:]) != tuple(hashes[:-1]):
        return False
    # Each event links to the one before (just checked), so each digest is chained from the one before as bytes,
    # as the walk would find it; and with every hash text 64 characters long, the joined hex digests equal the joined
    # hashes exactly when each equals its own. A hash that is not hex simply does not match.
    if set(map(type, hashes)) != {str} or set(map(len, hashes)) != {64}:
        return False
    sha256, digest = hashlib.sha256, bytes.fromhex(prev)
    digests: list[bytes] = []
    add = digests.append
    for body in stored:
        digest = sha256(digest + body).digest()  # type: ignore[operator]  # None was ruled out above
        add(digest)
    return b"".join(digests).hex() == "".join(hashes)


def _walk(events: Iterable[Mapping[str, Any]], prev: str, checked: int) -> tuple[Verdict | None, str, int]:
    """Check events one by one from the state (``prev``, ``checked``); the first failure ends the walk."""
    sha256, fromhex = hashlib.sha256, bytes.fromhex
    for expected_seq, event in enumerate(events, start=checked + 1):
        seq = event["seq"]
        if seq != expected_seq:
            what = "missing or reordered" if seq > expected_seq else "duplicated or reordered"
            message = f"event {seq} found where event {expected_seq} belongs ({what})"
            return Verdict(False, checked, prev, seq, message), prev, checked
        if event["prev_hash"] != prev:
            return Verdict(False, checked, prev, seq, f"event {seq} does not link to event {seq - 1}"), prev, checked
        # A reader may offer the bytes as stored ("canonical"); they are tried first, and only a mismatch makes the
        # event be judged the general way, by its decoded fields. A match means these are the bytes that were hashed.
        digest = event["hash"]
        stored = event.get("canonical")
        if (stored is None or sha256(fromhex(prev) + stored).hexdigest() != digest) and link_hash(
            prev, event
        ) != digest:
            message = f"event {seq} was altered: its content does not match its hash"
            return Verdict(False, checked, prev, seq, message), prev, checked
        prev, checked = digest, checked + 1
    return None, prev, checked


def _finish(prev: str, checked: int, expected_count: int | None, expected_head: str | None) -> Verdict:
    if expected_count is not None and checked != expected_count:
        return Verdict(
            False,
            checked,
            prev,
            checked + 1,
            f"the log holds {checked} events but the council's head record says {expected_count}",
        )
    if expected_head is not None and prev != expected_head:
        return Verdict(False, checked, prev, checked, "the last event's hash does not match the council's head record")
    return Verdict(True, checked, prev)

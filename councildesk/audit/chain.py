"""The hash chain, as pure functions: ``hash = SHA-256(prev_hash ‖ canonical event)``.

``prev_hash`` is the previous event's hash as 32 raw bytes (the genesis value is 32 zero bytes). The
canonical event is UTF-8 JSON with sorted keys, no insignificant white space and non-ASCII kept as is.
docs/audit.md restates this so anyone can verify an export without councildesk.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
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
    prev, checked = GENESIS, 0
    for expected_seq, event in enumerate(events, start=1):
        seq = event["seq"]
        if seq != expected_seq:
            what = "missing or reordered" if seq > expected_seq else "duplicated or reordered"
            return Verdict(False, checked, prev, seq, f"event {seq} found where event {expected_seq} belongs ({what})")
        if event["prev_hash"] != prev:
            return Verdict(False, checked, prev, seq, f"event {seq} does not link to event {seq - 1}")
        if link_hash(prev, event) != event["hash"]:
            return Verdict(False, checked, prev, seq, f"event {seq} was altered: its content does not match its hash")
        prev, checked = event["hash"], checked + 1
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

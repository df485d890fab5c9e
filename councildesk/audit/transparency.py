"""The newest signed checkpoint of a council's log, for people outside the database to compare with.

It is read from the council's checkpoint file and its signature checked with the installation's checkpoint key;
a line that does not verify is never shown as trusted. Nothing here reads the audit tables, so the public page
that shows it costs one file read and one signature check, whatever the size of the log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import checkpoints, signing
from .signing import CheckpointError

if TYPE_CHECKING:
    from councildesk.councils.models import Council


@dataclass(frozen=True)
class PublishedHead:
    """What a checkpoint says, for a page: "on <signed_at>, the log had <seq> events, the newest hashing to ..."."""

    council: str
    seq: int
    head_hash: str
    signed_at: dt.datetime
    key_id: str
    public_key_pem: str
    line: str  # the checkpoint exactly as stored, for anyone who wants to check the signature themselves

    @property
    def checkpoint(self) -> signing.Checkpoint:
        return signing.Checkpoint(self.council, self.seq, self.head_hash, self.signed_at.isoformat(), self.key_id)


def latest(council: Council) -> PublishedHead | None:
    """The newest checkpoint whose signature verifies with this installation's key; None when there is no key, no
    checkpoint yet, or the newest line does not verify (the audit page says which)."""
    if checkpoints.key_path() is None:
        return None
    try:
        key = checkpoints.load_verify_key()
        line = checkpoints.last_line(checkpoints.council_file(council.slug))
        if line is None:
            return None
        cp = signing.read(line, key)
    except (CheckpointError, OSError):
        return None
    if cp.council != council.slug:
        return None
    signed_at = dt.datetime.fromisoformat(cp.signed_at)
    pem = signing.public_key_pem(key).decode("ascii")
    return PublishedHead(cp.council, cp.seq, cp.head_hash, signed_at, cp.key_id, pem, line)


def as_json(head: PublishedHead | None) -> dict[str, object] | None:
    """The checkpoint for the transparency page's JSON: what it says, and the signed line itself."""
    if head is None:
        return None
    return {
        "events": head.seq,
        "head_hash": head.head_hash,
        "signed_at": head.signed_at.isoformat(),
        "key_id": head.key_id,
        "checkpoint": head.line,
    }

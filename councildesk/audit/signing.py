"""Signed checkpoints of a council's chain head, as pure functions: no Django, no clock, no files.

A checkpoint says "council C's log had event S with hash H at time T", signed with an Ed25519 key that lives
outside the database. One checkpoint is one JSON line::

    {"payload": "<canonical JSON text>", "signature": "<base64 of the 64-byte Ed25519 signature>"}

The signature covers exactly the UTF-8 bytes of ``payload`` (a string, so nobody has to re-create canonical
JSON to check it: ``openssl pkeyutl -verify -rawin`` works on the bytes as they are). docs/audit.md restates
this for a Monitoring Officer.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .chain import Verdict

FORMAT = "councildesk-audit-checkpoint/1"
PAYLOAD_FIELDS = ("format", "council", "seq", "head_hash", "signed_at", "key_id")


class CheckpointError(Exception):
    """A checkpoint or key that cannot be trusted; the message says why, in plain words."""


@dataclass(frozen=True)
class Checkpoint:
    council: str
    seq: int
    head_hash: str
    signed_at: str
    key_id: str
    line: int = 0  # where it was read from (1-based), 0 when made here


# Keys ------------------------------------------------------------------------------------------------------


def generate_private_key_pem() -> bytes:
    key = Ed25519PrivateKey.generate()
    pem = serialization.Encoding.PEM
    return key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise CheckpointError(f"not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError("the checkpoint key must be an Ed25519 key (openssl genpkey -algorithm ed25519)")
    return key


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise CheckpointError(f"not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError("the checkpoint public key must be an Ed25519 key")
    return key


def public_key_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_id(key: Ed25519PublicKey) -> str:
    """A short name for a public key: the first 16 hex digits of SHA-256 of its 32 raw bytes."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


# Signing and reading -----------------------------------------------------------------------------------------


def sign(key: Ed25519PrivateKey, *, council: str, seq: int, head_hash: str, signed_at: dt.datetime) -> str:
    """The checkpoint as one JSON line (without the newline)."""
    if signed_at.tzinfo is None:
        raise ValueError("signed_at must be timezone-aware")
    body = {
        "format": FORMAT,
        "council": council,
        "seq": seq,
        "head_hash": head_hash,
        "signed_at": signed_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "key_id": key_id(key.public_key()),
    }
    payload = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    signature = base64.b64encode(key.sign(payload.encode("utf-8"))).decode("ascii")
    return json.dumps({"payload": payload, "signature": signature}, ensure_ascii=False)


def read(text: str, key: Ed25519PublicKey, *, line: int = 0) -> Checkpoint:
    """Check one line's signature with ``key`` and return what it says, or raise ``CheckpointError``."""
    where = f"line {line}: " if line else ""
    try:
        outer = json.loads(text)
        payload, signature = outer["payload"], base64.b64decode(outer["signature"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise CheckpointError(f"{where}not a checkpoint (expected JSON with payload and signature)") from None
    if not isinstance(payload, str):
        raise CheckpointError(f"{where}not a checkpoint (the payload must be a string)")
    try:
        key.verify(signature, payload.encode("utf-8"))
    except InvalidSignature:
        claimed = _claimed_key(payload)
        if claimed and claimed != key_id(key):
            raise CheckpointError(
                f"{where}signed by key {claimed}, not by the checkpoint key {key_id(key)}: not trusted"
            ) from None
        raise CheckpointError(f"{where}the signature does not verify: the checkpoint is forged or altered") from None
    body = json.loads(payload)
    if not isinstance(body, dict) or body.get("format") != FORMAT or set(body) != set(PAYLOAD_FIELDS):
        raise CheckpointError(f"{where}signed, but not a {FORMAT} checkpoint")
    if body["key_id"] != key_id(key):
        raise CheckpointError(f"{where}the signed key id {body['key_id']} is not the checkpoint key {key_id(key)}")
    return Checkpoint(body["council"], int(body["seq"]), body["head_hash"], body["signed_at"], body["key_id"], line)


def _claimed_key(payload: str) -> str | None:
    try:
        body = json.loads(payload)
    except ValueError:
        return None
    claimed = body.get("key_id") if isinstance(body, dict) else None
    return claimed if isinstance(claimed, str) else None


def read_all(lines: Iterable[str], key: Ed25519PublicKey) -> list[Checkpoint]:
    """Every checkpoint in a file. One bad line makes the whole file untrusted: nothing is skipped."""
    return [read(text, key, line=n) for n, text in enumerate(lines, start=1) if text.strip()]


# Comparing a chain with its checkpoints -----------------------------------------------------------------------


def compare(checkpoints: Iterable[Checkpoint], *, head_seq: int, hashes_at: Mapping[int, str]) -> Verdict:
    """Does an intact chain (``head_seq`` events; ``hashes_at[seq]`` for each checkpointed seq) agree with them?

    Fails, naming the gap, when the chain is shorter than a checkpoint (its newest events were removed or the
    head rolled back) or a checkpointed event's hash differs (the log was rewritten and re-hashed; the gap lies
    between the newest checkpoint it still matches and the first it does not).
    """
    ordered = sorted(checkpoints, key=lambda c: (c.seq, c.signed_at))
    good = 0
    for cp in ordered:
        if cp.seq > head_seq:
            return Verdict(
                False,
                head_seq,
                hashes_at.get(head_seq, ""),
                head_seq + 1,
                f"the log ends at event {head_seq} but the checkpoint signed {cp.signed_at} records event {cp.seq} "
                f"(hash {cp.head_hash}): events {head_seq + 1} to {cp.seq} are missing "
                "(the log was truncated or its head rolled back)",
            )
        if cp.seq > 0 and hashes_at.get(cp.seq) != cp.head_hash:
            return Verdict(
                False,
                head_seq,
                hashes_at.get(head_seq, ""),
                good + 1,
                f"event {cp.seq} does not match the checkpoint signed {cp.signed_at} (hash {cp.head_hash}): the log "
                f"was rewritten and re-hashed somewhere in events {good + 1} to {cp.seq}"
                + (f" (it still matches the checkpoint of event {good})" if good else ""),
            )
        good = cp.seq
    return Verdict(True, head_seq, hashes_at.get(head_seq, ""))

"""Signed checkpoints on disk: the key from ``COUNCILDESK_CHECKPOINT_KEY``, the files under
``COUNCILDESK_CHECKPOINT_DIR`` (one JSON Lines file per council). Nothing here is read from or written to the
database: a checkpoint is trusted because its signature verifies with the key, never because of a row.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from . import signing
from .signing import Checkpoint, CheckpointError

if TYPE_CHECKING:
    from councildesk.councils.models import Council


def key_path() -> Path | None:
    value = getattr(settings, "COUNCILDESK_CHECKPOINT_KEY", None)
    return Path(value) if value else None


def load_signing_key(path: Path | None = None) -> Ed25519PrivateKey:
    """The private key, refusing a file that others may read or anyone but its owner may write."""
    path = path or key_path()
    if path is None:
        raise CheckpointError(
            "no checkpoint key: set COUNCILDESK_CHECKPOINT_KEY to the path of an Ed25519 private key "
            "('councildesk audit keygen --output FILE' makes one)"
        )
    try:
        mode = path.stat().st_mode
        pem = path.read_bytes()
    except OSError as exc:
        raise CheckpointError(f"{path}: cannot read the checkpoint key ({exc.strerror})") from None
    if os.name == "posix" and mode & (stat.S_IRWXO | stat.S_IWGRP):
        raise CheckpointError(f"{path}: the checkpoint key must not be readable by others (chmod 600 or 640)")
    try:
        return signing.load_private_key(pem)
    except CheckpointError as exc:
        raise CheckpointError(f"{path}: {exc}") from None


def load_verify_key(public_key_file: Path | None = None) -> Ed25519PublicKey:
    """The public key to check checkpoints with: a given file, else the one derived from the signing key."""
    if public_key_file is not None:
        try:
            return signing.load_public_key(public_key_file.read_bytes())
        except OSError as exc:
            raise CheckpointError(f"{public_key_file}: cannot read the public key ({exc.strerror})") from None
        except CheckpointError as exc:
            raise CheckpointError(f"{public_key_file}: {exc}") from None
    return load_signing_key().public_key()


def write_key(path: Path) -> Ed25519PrivateKey:
    """Create a new private key file, readable by its owner only; never overwrites."""
    pem = signing.generate_private_key_pem()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CheckpointError(f"{path} already exists: a checkpoint key is never overwritten") from None
    except OSError as exc:
        raise CheckpointError(f"{path}: cannot write the key ({exc.strerror})") from None
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
        out.flush()
        os.fsync(out.fileno())
    return signing.load_private_key(pem)


def directory() -> Path:
    return Path(settings.COUNCILDESK_CHECKPOINT_DIR)


def council_file(slug: str) -> Path:
    return directory() / f"{slug}.jsonl"


def append(path: Path, line: str) -> None:
    """Append one checkpoint line durably (fsync) to a file only its owner can write."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write(line + "\n")
        out.flush()
        os.fsync(out.fileno())


def read_file(path: Path, key: Ed25519PublicKey) -> list[Checkpoint]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CheckpointError(f"{path}: cannot read checkpoints ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise CheckpointError(f"{path}: not a checkpoint file (not UTF-8)") from None
    try:
        return signing.read_all(text.splitlines(), key)
    except CheckpointError as exc:
        raise CheckpointError(f"{path} {exc}") from None


def held_for(slug: str, key: Ed25519PublicKey) -> list[Checkpoint]:
    """The checkpoints this installation holds for one council (none when it has no file yet)."""
    path = council_file(slug)
    return read_file(path, key) if path.exists() else []


def last_line(path: Path) -> str | None:
    """The newest line of a checkpoint file, read from its end (the file grows by a line a day)."""
    if not path.exists():
        return None
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        end = f.tell()
        block = b""
        pos = end
        while pos > 0 and block.count(b"\n") < 2:
            step = min(4096, pos)
            pos -= step
            f.seek(pos)
            block = f.read(step) + block
    lines = [line for line in block.decode("utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else None


def sign_head(council: Council, key: Ed25519PrivateKey, *, seq: int, head_hash: str, now: dt.datetime) -> str:
    return signing.sign(key, council=council.slug, seq=seq, head_hash=head_hash, signed_at=now)

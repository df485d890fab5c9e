"""Backups that keep every byte of the audit chain: SQLite's online backup API, or pg_dump / pg_restore.

A logical dump through Django's serialisers would round timestamps to milliseconds and break every hash, so
each engine's own tool is used. A backup restores only into the same kind of database.

Uploaded council documents live in the documents storage (local files or S3), not in the database: they are
copied into ``<backup>.documents.tar`` beside the database backup, and restored from it into the storage, each
checked against the SHA-256 its row records.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.db import connection

from councildesk.documents.models import Document
from councildesk.documents.services import storage

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


def _settings() -> dict[str, Any]:
    return connection.settings_dict


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = _settings()
    args = ["-h", str(s.get("HOST") or "127.0.0.1"), "-p", str(s.get("PORT") or 5432), "-U", str(s.get("USER") or "")]
    env = {**os.environ, "PGPASSWORD": str(s.get("PASSWORD") or "")}
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CommandError(f"{name} is not installed; install the PostgreSQL client tools.", returncode=2)
    return path


def backup(output: Path) -> str:
    """Write a consistent copy of the whole database to ``output``; returns the engine used."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(output)
        try:
            connection.connection.backup(target)  # a consistent snapshot, even while others write
        finally:
            target.close()
        return "sqlite"
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        subprocess.run(  # noqa: S603 - fixed argv of the PostgreSQL client, no shell
            [_tool("pg_dump"), "--format=custom", "--no-owner", *args, "-f", str(output), str(_settings()["NAME"])],
            env=env,
            check=True,
            capture_output=True,
            timeout=3600,
        )
        return "postgresql"
    raise CommandError(f"backups are not supported on {connection.vendor}", returncode=2)


def restore(source: Path) -> str:
    """Replace the database's contents with the backup. The caller checks the chains afterwards."""
    head = source.read_bytes()[:16]
    if connection.vendor == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise CommandError(f"{source} is not a councildesk SQLite backup.", returncode=2)
        connection.close()
        backup_db = sqlite3.connect(source)
        try:
            target = sqlite3.connect(_settings()["NAME"])
            try:
                backup_db.backup(target)
            finally:
                target.close()
        finally:
            backup_db.close()
        return "sqlite"
    if connection.vendor == "postgresql":
        if not head.startswith(PGDUMP_MAGIC):
            raise CommandError(
                f"{source} is not a councildesk PostgreSQL backup (pg_dump custom format).", returncode=2
            )
        connection.close()
        args, env = _pg_env()
        result = subprocess.run(  # noqa: S603 - fixed argv of the PostgreSQL client, no shell
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                "-d",
                str(_settings()["NAME"]),
                str(source),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()[:2000]}", returncode=1)
        return "postgresql"
    raise CommandError(f"restores are not supported on {connection.vendor}", returncode=2)


def documents_archive(backup_file: Path) -> Path:
    return backup_file.with_name(backup_file.name + ".documents.tar")


def backup_documents(backup_file: Path) -> int:
    """Copy every stored document into the archive beside ``backup_file``; returns how many."""
    archive = documents_archive(backup_file)
    if archive.exists():
        raise CommandError(f"{archive} already exists; choose a new file name.", returncode=2)
    store = storage()
    count = 0
    with tarfile.open(archive, "x") as tar:
        for name in Document.objects.order_by("pk").values_list("storage_name", flat=True).iterator():
            with store.open(name, "rb") as handle:
                data = handle.read()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            count += 1
    return count


@dataclass(frozen=True)
class RestoredDocuments:
    restored: int
    missing: list[str]  # storage names whose file is absent or does not match its recorded SHA-256


def restore_documents(backup_file: Path) -> RestoredDocuments | None:
    """Put the archived documents back into the storage, then check every document row against its file.
    None when the backup has no documents archive."""
    archive = documents_archive(backup_file)
    if not archive.is_file():
        return None
    store = storage()
    restored = 0
    with tarfile.open(archive, "r") as tar:
        for member in tar:
            name = member.name
            if not member.isfile() or name.startswith("/") or ".." in Path(name).parts:
                raise CommandError(f"{archive}: refusing the unsafe entry {name!r}.", returncode=2)
            handle = tar.extractfile(member)
            data = handle.read() if handle else b""
            if store.exists(name):
                store.delete(name)
            saved = store.save(name, ContentFile(data))
            if saved != name:
                raise CommandError(f"{archive}: {name} was stored as {saved}.", returncode=1)
            restored += 1
    missing = []
    for name, sha in Document.objects.order_by("pk").values_list("storage_name", "sha256").iterator():
        try:
            with store.open(name, "rb") as handle:
                ok = hashlib.sha256(handle.read()).hexdigest() == sha
        except OSError:
            ok = False
        if not ok:
            missing.append(name)
    return RestoredDocuments(restored, missing)

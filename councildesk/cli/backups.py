"""Backups that keep every byte of the audit chain: SQLite's online backup API, or pg_dump / pg_restore.

A logical dump through Django's serialisers would round timestamps to milliseconds and break every hash, so
each engine's own tool is used. A backup restores only into the same kind of database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db import connection

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

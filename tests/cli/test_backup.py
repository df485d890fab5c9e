"""Backup -> restore -> audit verify gives identical chains, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid

import pytest

from .test_commands import SEEDS, run_cli


def _heads(data_dir, database_url=None):
    result = run_cli("audit", "verify", data_dir=data_dir, database_url=database_url)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def _round_trip(tmp_path, url_a=None, url_b=None):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert run_cli("demo", "--load-only", data_dir=a, database_url=url_a).returncode == 0
    backup = tmp_path / "councildesk.backup"
    made = run_cli("backup", "--output", str(backup), data_dir=a, database_url=url_a)
    assert made.returncode == 0, made.stderr
    before = _heads(a, url_a)
    assert len(before) == 5
    assert run_cli("backup", "--output", str(backup), data_dir=a, database_url=url_a).returncode == 2  # no overwrite
    refused = run_cli("restore", str(backup), data_dir=b, database_url=url_b)
    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    restored = run_cli("restore", str(backup), "--yes", data_dir=b, database_url=url_b)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert _heads(b, url_b) == before


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds beside the checkout")
def test_sqlite_backup_restores_identical_chains(tmp_path):
    _round_trip(tmp_path)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a database at all")
    result = run_cli("restore", str(junk), "--yes", data_dir=tmp_path)
    assert result.returncode == 2
    assert "is not a councildesk SQLite backup" in result.stderr


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs DATABASE_URL")
def test_postgresql_backup_restores_identical_chains(tmp_path):
    import psycopg

    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    names = [f"councildesk_backup_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        _round_trip(tmp_path, f"{server}/{names[0]}", f"{server}/{names[1]}")
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

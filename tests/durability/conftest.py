"""A migrated SQLite database made once per test session and copied by each durability test, so each kill -9
test spends its time on what it proves (writes, the kill, the check), not on applying every migration again."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.durability.test_kill9 import _env, _python

MIGRATE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
"""
DB_NAME = "councildesk.sqlite3"  # the name the base settings give the SQLite file in COUNCILDESK_DATA


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("durability-template")
    _python(MIGRATE, _env(folder, None))  # the last connection's close folds the WAL back into the file
    return folder / DB_NAME


@pytest.fixture
def sqlite_data_dir(sqlite_template: Path, tmp_path: Path) -> Path:
    """A data folder holding a fresh copy of the migrated database."""
    for suffix in ("", "-wal"):  # a WAL left beside the file holds committed pages: copy it too
        source = sqlite_template.with_name(DB_NAME + suffix)
        if source.exists():
            shutil.copyfile(source, tmp_path / (DB_NAME + suffix))
    return tmp_path


@pytest.fixture(scope="session")
def postgres_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same for PostgreSQL: a database migrated once, which each test copies with CREATE DATABASE ... TEMPLATE."""
    import psycopg

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        pytest.skip("needs DATABASE_URL")
    name = f"councildesk_durability_template_{uuid.uuid4().hex[:8]}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        _python(MIGRATE, _env(tmp_path_factory.mktemp("pg-template"), base.rsplit("/", 1)[0] + f"/{name}"))
        yield name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(postgres_template: str) -> Iterator[str]:
    """A fresh copy of the migrated PostgreSQL database, dropped afterwards; its URL."""
    import psycopg

    base = os.environ["DATABASE_URL"]
    name = f"councildesk_durability_{uuid.uuid4().hex[:8]}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"')
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

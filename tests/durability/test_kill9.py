"""Durability: concurrent writers, one killed with SIGKILL mid-run, lose no acknowledged write, and the
council's hash chain stays whole. Runs on the embedded SQLite default and, with DATABASE_URL, on PostgreSQL.

These use real processes and a real database file or server, outside the test transaction.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
PER_WRITER = 40


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {**os.environ, "COUNCILDESK_DATA": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _python(code: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


SETUP = """
import django, os
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from django.conf import settings
from councildesk.councils.services import council_sync_from_profile
council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / "cottingham.toml")
"""

CHECK = """
import django, json
django.setup()
from councildesk.audit.verification import verify_council
from councildesk.councils.models import Council
from councildesk.people.models import Ward
council = Council.objects.get(slug="cottingham")
verdict = verify_council(council)
print(json.dumps({"ok": verdict.ok, "problem": verdict.problem, "events": verdict.checked,
                  "wards": sorted(Ward.objects.filter(council=council).values_list("name", flat=True))}))
"""


def _run(env: dict[str, str]) -> None:
    import json

    _python(SETUP, env)
    worker = str(ROOT / "tests" / "durability" / "worker.py")
    procs = [
        subprocess.Popen(
            [sys.executable, worker, "cottingham", f"w{i}", str(PER_WRITER)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(WRITERS)
    ]
    victim = procs[0]
    acknowledged: list[str] = []
    # Let the victim acknowledge a few writes, then kill it without warning while the others keep writing.
    while len(acknowledged) < 5:
        line = victim.stdout.readline()  # type: ignore[union-attr]
        assert line, victim.stderr.read()  # type: ignore[union-attr]
        acknowledged.append(line.strip())
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    acknowledged += [line.strip() for line in victim.stdout.read().splitlines() if line.strip()]  # type: ignore[union-attr]
    for proc in procs[1:]:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        acknowledged += out.split()
    state = json.loads(_python(CHECK, env))
    assert state["ok"], state["problem"]
    assert set(acknowledged) <= set(state["wards"]), "an acknowledged write was lost"
    assert len(acknowledged) >= 5 + (WRITERS - 1) * PER_WRITER
    # council.created plus one event per ward that exists: nothing written without its audit event.
    assert state["events"] == 1 + len(state["wards"])


def test_sqlite_loses_no_acknowledged_write(sqlite_data_dir):
    _run(_env(sqlite_data_dir, None))  # the database comes migrated (conftest.py); SETUP's migrate finds nothing to do


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs DATABASE_URL")
def test_postgresql_loses_no_acknowledged_write(tmp_path, postgres_url):
    _run(_env(tmp_path, postgres_url))  # a fresh copy of the migrated database (conftest.py), dropped afterwards

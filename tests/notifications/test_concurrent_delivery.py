"""Deliverers running at the same time send every email exactly once: separate processes on SQLite and on
PostgreSQL (real database file or server, outside the test transaction), and threads on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from .conftest import Handler, free_port

ROOT = Path(__file__).resolve().parents[2]
EMAILS = 60
DELIVERERS = 3

SETUP = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from django.conf import settings
from councildesk.core import clock
from councildesk.councils.services import council_sync_from_profile
from councildesk.notifications.models import OutboxEmail
council, _ = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / "cottingham.toml")
now = clock.now()
OutboxEmail.objects.bulk_create(
    OutboxEmail(council=council, to_address=f"p{{n}}@cottingham.example", subject=f"Notice {{n}}", body="b",
                created_at=now, next_attempt_at=now)
    for n in range({EMAILS})
)
"""

CHECK = """
import django, json
django.setup()
from collections import Counter
from councildesk.notifications.models import OutboxEmail
print(json.dumps(dict(Counter(OutboxEmail.objects.values_list("status", flat=True)))))
"""


def _env(data_dir: Path, database_url: str | None, port: int) -> dict[str, str]:
    env = {
        **os.environ,
        "COUNCILDESK_DATA": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "COUNCILDESK_EMAIL_HOST": "127.0.0.1",
        "COUNCILDESK_EMAIL_PORT": str(port),
        "COUNCILDESK_EMAIL_USE_TLS": "0",
        "COUNCILDESK_LOG_LEVEL": "WARNING",
    }
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


def _run(tmp_path: Path, database_url: str | None) -> None:
    handler = Handler(delay=0.002)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        env = _env(tmp_path, database_url, controller.port)
        _python(SETUP, env)
        worker = str(ROOT / "tests" / "notifications" / "deliver_worker.py")
        procs = [
            subprocess.Popen(
                [sys.executable, worker, "4"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(DELIVERERS)
        ]
        sent = []
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
            sent.append(int(out.strip()))
        statuses = json.loads(_python(CHECK, env))
    finally:
        controller.stop()
    ids = Counter(r.message["X-Councildesk-Outbox"] for r in handler.received)
    assert [i for i, n in ids.items() if n > 1] == [], "an email was sent twice"
    assert len(ids) == EMAILS
    assert sum(sent) == EMAILS
    assert statuses == {"sent": EMAILS}
    assert sum(1 for n in sent if n) >= 2, f"the deliverers did not overlap: {sent}"


def test_concurrent_deliverers_on_sqlite_send_each_email_once(tmp_path):
    _run(tmp_path, None)


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs DATABASE_URL")
def test_concurrent_deliverers_on_postgresql_send_each_email_once(tmp_path):
    import psycopg

    base = os.environ["DATABASE_URL"]
    name = f"councildesk_outbox_{uuid.uuid4().hex[:8]}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        _run(tmp_path, base.rsplit("/", 1)[0] + f"/{name}")
    finally:
        time.sleep(0.5)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_two_deliver_due_threads_on_postgresql_send_each_email_once(committed_db, smtp):
    from django.db import transaction

    from councildesk.core import clock
    from councildesk.notifications.delivery import deliver_due
    from councildesk.notifications.models import OutboxEmail
    from councildesk.notifications.services import notify
    from tests.factories import council, person_with_role

    assert connection.vendor == "postgresql"
    sandon = council("sandon-burston")
    people = [person_with_role(sandon, "councillor") for _ in range(20)]
    with transaction.atomic():
        for n, person in enumerate(people):
            person.email = f"t{n}@sandon.example"
            person.save()
            notify(council=sandon, recipient=person, kind="test", subject=f"Notice {n}", body="b")
    smtp.delay = 0.002
    now = clock.now()
    start = threading.Barrier(2)
    reports = []

    def deliver():
        from django.db import connections

        try:
            start.wait()
            total = 0
            while (report := deliver_due(now, limit=3)).attempted:
                total += report.sent
            reports.append(total)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    ids = Counter(r.message["X-Councildesk-Outbox"] for r in smtp.received)
    assert len(ids) == 20
    assert max(ids.values()) == 1
    assert sum(reports) == 20
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"sent"}

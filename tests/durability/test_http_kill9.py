"""Durability over HTTP: ``councildesk serve`` killed with SIGKILL while clients raise enquiries through the API
loses no acknowledged (201) enquiry; after a restart the chain verifies, SQLite's integrity check is ok, and a
client retrying an unacknowledged submission with the same key gets one enquiry, not two.

A real server process, real sockets and a real database file or server, outside the test transaction. Kept quick
without proving less: the SQLite database comes migrated (conftest.py), four clients submit concurrently and the
kill comes after a dozen acknowledgements, readiness is polled rather than waited for, the restarted server starts
while the post-kill state is checked (it writes nothing until asked), and the retries run concurrently.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.durability.test_kill9 import ROOT, _env, _python

CLIENTS = 4
KILL_AFTER = 12  # acknowledged enquiries before the kill, from CLIENTS concurrent clients

SETUP = """
import django, datetime as dt
django.setup()
from django.conf import settings
from django.db import transaction
from councildesk.api.tokens import token_issue
from councildesk.councils.services import council_sync_from_profile
from councildesk.people.services import person_create, role_grant
council = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / "cottingham.toml")[0]
start = dt.date(2023, 5, 8)
clerk = person_create(actor=None, council=council, username="clerk", first_name="Clara", last_name="Clerk")
role_grant(actor=None, council=council, person=clerk, kind="clerk", start=start)
cllr = person_create(actor=None, council=council, username="cllr", first_name="Colin", last_name="Cllr")
role_grant(actor=None, council=council, person=cllr, kind="councillor", start=start)
print(token_issue(actor=cllr, name="durability")[1])
"""

CHECK = """
import django, json
django.setup()
from django.db import connection
from councildesk.audit.verification import verify_council
from councildesk.councils.models import Council
from councildesk.enquiries.models import Enquiry
council = Council.objects.get(slug="cottingham")
verdict = verify_council(council)
integrity = "ok"
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        integrity = cursor.execute("PRAGMA integrity_check").fetchone()[0]
keys = list(Enquiry.objects.filter(council=council).values_list("submission_key", flat=True))
print(json.dumps({"ok": verdict.ok, "problem": verdict.problem, "integrity": integrity, "keys": keys}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[str]:
    code = "import sys; from councildesk.cli import main; main(sys.argv[1:])"
    return subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port), "--threads", "4"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_ready(proc: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else "serve exited"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/me", timeout=10):
                return
        except urllib.error.HTTPError:  # 401 without a token: the server answers
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.05)
    raise AssertionError("serve did not start within 120 seconds")


def _raise(port: int, token: str, key: str) -> int:
    body = json.dumps({"subject": f"Streetlight {key}", "details": "Out since Monday.", "submission_key": key})
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/councils/cottingham/enquiries",
        data=body.encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def _run(env: dict[str, str]) -> None:
    env = {**env, "COUNCILDESK_SWEEP_INTERVAL": "0"}
    port = _free_port()
    server = _serve(env, port)  # it applies the migrations itself before it listens
    token = ""
    acknowledged: list[str] = []
    attempted: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(n: int) -> None:
        i = 0
        while not stop.is_set():
            key = f"c{n}-{i}"
            i += 1
            with lock:
                attempted.append(key)
            try:
                status = _raise(port, token, key)
            except OSError:  # the server died under us: this one was not acknowledged
                continue
            if status == 201:
                with lock:
                    acknowledged.append(key)
            else:
                assert status >= 500 or status == 201, status

    try:
        _wait_ready(server, port)
        token = _python(SETUP, env).strip().splitlines()[-1]
        threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.02)
        stop.set()  # no new submissions: those a dead server refuses would only lengthen the retries below
        os.kill(server.pid, signal.SIGKILL)  # mid-stream: each client's last request is in flight
        server.wait(timeout=30)
        for t in threads:
            t.join(timeout=30)
        assert len(acknowledged) >= KILL_AFTER

        # Restarted, it serves again. It starts while the state the kill left is checked: it writes nothing
        # until the retries below, and SQLite's recovery of the write-ahead log is the same whoever opens it first.
        server = _serve(env, port)
        state = json.loads(_python(CHECK, env))
        assert state["ok"], state["problem"]
        assert state["integrity"] == "ok"
        missing = set(acknowledged) - set(state["keys"])
        assert not missing, f"acknowledged but lost: {sorted(missing)}"

        # Retrying every unacknowledged submission (concurrently, as the clients would) creates each enquiry once.
        _wait_ready(server, port)
        unacknowledged = [k for k in attempted if k not in set(acknowledged)]
        with ThreadPoolExecutor(CLIENTS) as pool:
            statuses = list(pool.map(lambda key: _raise(port, token, key), unacknowledged))
        assert all(status in (200, 201) for status in statuses), statuses
        state = json.loads(_python(CHECK, env))
        assert state["ok"], state["problem"]
        assert sorted(state["keys"]) == sorted(set(attempted))  # one each, none twice
    finally:
        stop.set()
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def test_sqlite_over_http_loses_no_acknowledged_enquiry(sqlite_data_dir: Path) -> None:
    _run(_env(sqlite_data_dir, None))


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs DATABASE_URL")
def test_postgresql_over_http_loses_no_acknowledged_enquiry(tmp_path: Path, postgres_url: str) -> None:
    _run(_env(tmp_path, postgres_url))  # a fresh copy of the migrated database (conftest.py), dropped afterwards

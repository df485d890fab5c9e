"""``councildesk sweep``: one line per job, nothing done twice, a running sweep reported plainly, exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.core.management.base import CommandError

from councildesk.sweep import runner
from councildesk.sweep.registry import Job
from tests.notifications.conftest import Handler, free_port

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from django.conf import settings
from django.db import transaction
from councildesk.councils.services import council_sync_from_profile
from councildesk.notifications.services import notify
from councildesk.people.models import Person
council, _ = council_sync_from_profile(path=settings.COUNCILDESK_PROFILES_DIR / "cottingham.toml")
with transaction.atomic():
    for n in range(3):
        person = Person.objects.create(username=f"p{n}", email=f"p{n}@cottingham.example")
        notify(council=council, recipient=person, kind="test", subject=f"Notice {n}", body="b")
"""

HOLD_LEASE = """
import django
django.setup()
from councildesk.sweep.runner import lease_acquire
assert lease_acquire("worker-7:4242:cafe") is None
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One migrated database with three queued emails, copied for each test (migrating is the slow part)."""
    data = tmp_path_factory.mktemp("sweep-template")
    python(
        SETUP,
        {"PATH": "/usr/bin:/bin", "COUNCILDESK_DATA": str(data), "DJANGO_SETTINGS_MODULE": "config.settings.base"},
    )
    return data


@pytest.fixture
def site(template, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(template, data)
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {
        "PATH": "/usr/bin:/bin",
        "COUNCILDESK_DATA": str(data),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "COUNCILDESK_EMAIL_HOST": "127.0.0.1",
        "COUNCILDESK_EMAIL_PORT": str(controller.port),
        "COUNCILDESK_EMAIL_USE_TLS": "0",
        "COUNCILDESK_LOG_LEVEL": "WARNING",
    }  # no DATABASE_URL: each test's own SQLite file
    yield env, handler
    controller.stop()


def python(code, env):
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return result


def cli(env, *args):
    code = "import sys; from councildesk.cli import main; main(sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", code, "sweep", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_running_the_sweep_twice_sends_nothing_twice(site):
    env, smtp = site
    first = cli(env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "deliver_outbox: 3" in first.stdout.splitlines(), first.stdout + first.stderr
    second = cli(env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "deliver_outbox: 0" in second.stdout.splitlines(), second.stdout + second.stderr
    assert sorted(r.message["Subject"] for r in smtp.received) == ["Notice 0", "Notice 1", "Notice 2"]


def test_only_the_named_job_runs_and_every_line_names_its_job(site):
    env, _ = site
    result = cli(env, "--job", "deliver_outbox", "--now", "2030-01-01T09:00")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["deliver_outbox: 3"]


def test_a_sweep_already_running_is_reported_and_exits_0(site):
    env, smtp = site
    python(HOLD_LEASE, env)
    result = cli(env)
    assert result.returncode == 0, result.stderr
    assert "another sweep is running (holder worker-7:4242:cafe, since " in result.stdout
    assert smtp.received == []


def test_bad_arguments_exit_2_with_a_clear_message(site):
    env, _ = site
    unknown = cli(env, "--job", "nonsense")
    assert unknown.returncode == 2
    assert "Unknown sweep job nonsense" in unknown.stderr
    assert "deliver_outbox" in unknown.stderr
    bad_time = cli(env, "--now", "next tuesday")
    assert bad_time.returncode == 2
    assert "not an ISO 8601" in bad_time.stderr
    assert "Traceback" not in unknown.stderr + bad_time.stderr


def test_a_failed_job_is_printed_the_others_run_and_the_exit_code_is_1(db, monkeypatch, capsys):
    def broken(now):
        raise RuntimeError("no calendar for this nation")

    monkeypatch.setattr(runner, "JOBS", (Job("broken", broken), Job("fine", lambda now: 2)))
    with pytest.raises(CommandError) as raised:
        call_command("sweep")
    assert raised.value.returncode == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["broken: FAILED – RuntimeError: no calendar for this nation", "fine: 2"]

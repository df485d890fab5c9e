"""Two sweeps at once: the second says who is running and does nothing (on SQLite and on PostgreSQL). The
in-process scheduler thread runs the sweep, survives failures and can be turned off."""

from __future__ import annotations

import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.test import override_settings

from councildesk.sweep import runner
from councildesk.sweep.registry import Job
from councildesk.sweep.scheduler import SweepThread, start_sweeper


def _two_sweeps_at_once(monkeypatch):
    inside, release = threading.Event(), threading.Event()
    runs = []

    def slow(now):
        runs.append(threading.current_thread().name)
        inside.set()
        assert release.wait(timeout=30)
        return 1

    monkeypatch.setattr(runner, "JOBS", (Job("slow", slow),))
    first: list[runner.SweepReport] = []

    def run_first():
        try:
            first.append(runner.sweep())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run_first, name="first-sweep")
    thread.start()
    try:
        assert inside.wait(timeout=30), "the first sweep never started its job"
        second = runner.sweep()
    finally:
        release.set()
        thread.join(timeout=30)
    assert second.busy is not None
    assert second.busy.startswith("another sweep is running (holder ")
    assert "since" in second.busy
    assert second.results == []
    assert runs == ["first-sweep"], "only the first sweep ran the job"
    assert [r.line() for r in first[0].results] == ["slow: 1"]
    assert runner.sweep().results, "once the first finished, the lease is free again"


def test_two_sweeps_at_once_the_second_reports_the_first_and_does_nothing(committed_db, monkeypatch):
    _two_sweeps_at_once(monkeypatch)


@pytest.mark.postgres
def test_two_sweeps_at_once_on_postgresql(committed_db, monkeypatch):
    assert connection.vendor == "postgresql"
    _two_sweeps_at_once(monkeypatch)


def _queue_one_email():
    from tests.factories import council, person_with_role

    sandon = council("sandon-burston")
    person = person_with_role(sandon, "councillor")
    person.email = "cllr@sandon.example"
    person.save()
    from councildesk.notifications.services import notify

    with transaction.atomic():
        notify(council=sandon, recipient=person, kind="test", subject="From the scheduler", body="b")


def test_the_scheduler_thread_runs_the_sweep(committed_db):
    _queue_one_email()
    mail.outbox = []
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        thread = start_sweeper(interval=0.05)
        assert thread is not None
        assert thread.daemon
        try:
            deadline = time.monotonic() + 20
            while not mail.outbox and time.monotonic() < deadline:
                time.sleep(0.05)
            while thread.ticks < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            thread.stop()
            thread.join(timeout=10)
    assert [m.subject for m in mail.outbox] == ["From the scheduler"], "sent once, whatever the number of ticks"
    assert thread.ticks >= 3


def test_the_scheduler_survives_a_failing_sweep_and_zero_turns_it_off(caplog):
    calls = []

    def broken():
        calls.append(1)
        raise RuntimeError("database went away")

    thread = SweepThread(0.01, run=broken)
    thread.start()
    deadline = time.monotonic() + 10
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    thread.stop()
    thread.join(timeout=10)
    assert len(calls) >= 3, "it kept ticking after the failure"
    assert "the sweep failed" in caplog.text
    assert start_sweeper(interval=0) is None
    with override_settings(COUNCILDESK_SWEEP_INTERVAL=0):
        assert start_sweeper() is None

"""The sweep runner: every job in order, one failure contained, one sweep at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.core import clock
from councildesk.core.errors import ValidationFailed
from councildesk.sweep import runner
from councildesk.sweep.models import SweepLease
from councildesk.sweep.registry import Job

NOW = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def jobs(monkeypatch):
    calls = []

    def ok(now):
        calls.append(("ok", now))
        return 3

    def broken(now):
        calls.append(("broken", now))
        raise ValueError("the calendar is missing")

    def last(now):
        calls.append(("last", now))
        return 0

    registry = (Job("ok", ok), Job("broken", broken), Job("last", last))
    monkeypatch.setattr(runner, "JOBS", registry)
    return calls


def test_every_job_runs_in_order_and_one_failure_does_not_stop_the_others(db, jobs):
    report = runner.sweep(NOW)
    assert [name for name, _ in jobs] == ["ok", "broken", "last"]
    assert all(now == NOW for _, now in jobs)
    assert report.lines() == ["ok: 3", "broken: FAILED – ValueError: the calendar is missing", "last: 0"]
    assert not report.ok
    assert [r.name for r in report.failed] == ["broken"]
    assert SweepLease.objects.get().holder == ""  # released


def test_only_runs_the_named_jobs_and_refuses_unknown_names(db, jobs):
    report = runner.sweep(NOW, only=["last"])
    assert [r.name for r in report.results] == ["last"]
    with pytest.raises(ValidationFailed, match="nope"):
        runner.sweep(NOW, only=["nope"])


def test_a_held_lease_makes_a_second_sweep_do_nothing_and_say_who_holds_it(db, jobs):
    assert runner.lease_acquire("elsewhere:42:abc") is None
    report = runner.sweep(NOW)
    assert report.busy is not None
    assert "another sweep is running (holder elsewhere:42:abc" in report.busy
    assert report.results == []
    assert jobs == []
    runner.lease_release("elsewhere:42:abc")
    assert runner.sweep(NOW).results


def test_a_crashed_holders_lease_runs_out(db, jobs, monkeypatch):
    assert runner.lease_acquire("crashed:1:dead") is None
    later = clock.now() + runner.LEASE + dt.timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    report = runner.sweep(NOW)
    assert report.busy is None
    assert len(report.results) == 3

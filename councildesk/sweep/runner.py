"""Run the sweep: every registered job in order, one sweep at a time, each job's failure contained.

The one-at-a-time guarantee is a lease row taken with a single conditional UPDATE ("free or expired → mine"),
which behaves the same on SQLite and PostgreSQL and survives a crashed holder: its lease runs out. Jobs open
their own transactions; the runner holds none while they run, so a long job never holds the write lock.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from councildesk.core import clock
from councildesk.core.errors import ValidationFailed
from councildesk.tenancy import rls

from .jobs import JOBS
from .models import SweepLease
from .registry import Job

log = logging.getLogger(__name__)

LEASE_NAME = "sweep"
LEASE = dt.timedelta(minutes=15)  # renewed after every job; a holder silent for this long is taken as dead


@dataclass(frozen=True)
class JobResult:
    name: str
    count: int | None  # None when the job failed
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self) -> str:
        if self.error is not None:
            return f"{self.name}: FAILED – {self.error}"
        return f"{self.name}: {self.count}"


@dataclass
class SweepReport:
    now: dt.datetime
    results: list[JobResult] = field(default_factory=list)
    busy: str | None = None  # set when another sweep held the lease and this one did nothing

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failed

    def lines(self) -> list[str]:
        if self.busy is not None:
            return [self.busy]
        return [r.line() for r in self.results]


def job_names() -> list[str]:
    return [job.name for job in JOBS]


def _select(only: Iterable[str] | None) -> list[Job]:
    if only is None:
        return list(JOBS)
    wanted = list(only)
    unknown = sorted(set(wanted) - set(job_names()))
    if unknown:
        raise ValidationFailed(
            f"Unknown sweep job {', '.join(unknown)}; the jobs are: {', '.join(job_names())}.",
            {"job": "unknown"},
        )
    return [job for job in JOBS if job.name in wanted]


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def lease_acquire(holder: str) -> str | None:
    """Take the lease for ``holder``; None when taken, else a sentence naming who holds it and since when."""
    now = clock.now()
    SweepLease.objects.get_or_create(name=LEASE_NAME)
    free = Q(holder="") | Q(expires_at__isnull=True) | Q(expires_at__lte=now)
    taken = SweepLease.objects.filter(free, name=LEASE_NAME).update(
        holder=holder, acquired_at=now, expires_at=now + LEASE
    )
    if taken:
        return None
    lease = SweepLease.objects.get(name=LEASE_NAME)
    since = timezone.localtime(lease.acquired_at).strftime("%Y-%m-%d %H:%M:%S %Z") if lease.acquired_at else "?"
    return f"another sweep is running (holder {lease.holder}, since {since}); this one did nothing"


def _lease_renew(holder: str) -> None:
    SweepLease.objects.filter(name=LEASE_NAME, holder=holder).update(expires_at=clock.now() + LEASE)


def lease_release(holder: str) -> None:
    SweepLease.objects.filter(name=LEASE_NAME, holder=holder).update(holder="", expires_at=clock.now())


def _run(job: Job, now: dt.datetime) -> JobResult:
    started = time.monotonic()
    try:
        count = job.run(now)
    except Exception as exc:  # one job's failure is reported; the others still run
        log.exception("sweep job %s failed", job.name)
        return JobResult(job.name, None, f"{type(exc).__name__}: {exc}", time.monotonic() - started)
    return JobResult(job.name, int(count), None, time.monotonic() - started)


def sweep(now: dt.datetime | None = None, only: Iterable[str] | None = None) -> SweepReport:
    """Run every registered job (or those named in ``only``) as of ``now``, unless another sweep is running."""
    jobs = _select(only)
    report = SweepReport(now=now or clock.now())
    holder = _holder()
    busy = lease_acquire(holder)
    if busy is not None:
        log.info("sweep skipped: %s", busy)
        report.busy = busy
        return report
    try:
        with rls.bypass("the sweep works across councils"):
            for job in jobs:
                result = _run(job, report.now)
                report.results.append(result)
                _lease_renew(holder)
    finally:
        lease_release(holder)
    return report

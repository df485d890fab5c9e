"""``councildesk sweep [--job NAME] [--now ISO]``: run the time-based work once and print one line per job.

Exit 0 when every job ran (or another sweep was already running, which is said plainly); 1 when a job failed;
2 for bad arguments. Run it from cron or a worker when the in-process sweep is off (COUNCILDESK_SWEEP_INTERVAL=0).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from councildesk.core.errors import DomainError
from councildesk.sweep.runner import job_names, sweep

from ...database import require_migrated_database


def _parse_now(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--now {text!r} is not an ISO 8601 date and time, e.g. 2025-06-02T09:00", returncode=2
        ) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "Run the sweep once: reminders, escalations, scheduled changes and email delivery that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--job", action="append", metavar="NAME", help=f"Run only this job (repeatable): {', '.join(job_names())}."
        )
        parser.add_argument("--now", metavar="ISO", help="Act as if it were this moment (default: now).")

    def handle(self, *args: Any, job: list[str] | None = None, now: str | None = None, **options: Any) -> None:
        moment = _parse_now(now)
        require_migrated_database()
        try:
            report = sweep(moment, only=job)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from None
        for line in report.lines():
            self.stdout.write(line)
        if report.failed:
            raise CommandError(f"{len(report.failed)} sweep job(s) failed; see the lines above and the log.")

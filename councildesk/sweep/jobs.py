"""The explicit registry of sweep jobs, run in this order. Add a job by adding a line; nothing is loaded by name."""

from __future__ import annotations

import datetime as dt

from councildesk.enquiries import sweep as enquiry_sweep
from councildesk.notifications.delivery import deliver_due

from .registry import Job


def deliver_outbox(now: dt.datetime) -> int:
    """Send the emails that are due; returns how many were tried (sent, to be retried, or given up)."""
    return deliver_due(now).attempted


JOBS: tuple[Job, ...] = (
    # Jobs that write notifications come before delivery, so their emails go out in the same sweep.
    Job("enquiry_clocks", enquiry_sweep.run),
    Job("deliver_outbox", deliver_outbox),
)

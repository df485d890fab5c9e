"""The explicit registry of sweep jobs, run in this order. Add a job by adding a line; nothing is loaded by name."""

from __future__ import annotations

import datetime as dt

from councildesk.complaints import sweep as complaint_sweep
from councildesk.core import clock
from councildesk.digest import sweep as digest_sweep
from councildesk.documents import sweep as document_sweep
from councildesk.enquiries import sweep as enquiry_sweep
from councildesk.mailin import imap as mail_imap
from councildesk.notifications.delivery import deliver_due
from councildesk.protocol import sweep as protocol_sweep

from . import audit_checkpoints
from .registry import Job


def deliver_outbox(now: dt.datetime) -> int:
    """Send the emails that are due; returns how many were tried (sent, to be retried, or given up).

    Emails queued by the jobs before this one in the same sweep were stamped after the sweep's ``now``, so the
    later of the two is used: they go out in this sweep, not a minute later.
    """
    return deliver_due(max(now, clock.now())).attempted


JOBS: tuple[Job, ...] = (
    # Jobs that write notifications come before delivery, so their emails go out in the same sweep.
    Job("mail_imap_poll", mail_imap.poll),
    Job("mail_place_received", mail_imap.place_received),
    Job("enquiry_clocks", enquiry_sweep.run),
    Job("publish_due_documents", document_sweep.run),
    Job("protocol_review_reminders", protocol_sweep.run),
    Job("councillor_digest", digest_sweep.run),
    Job("complaint_reminders", complaint_sweep.run),
    Job("audit_checkpoints", audit_checkpoints.run),
    Job("deliver_outbox", deliver_outbox),
)

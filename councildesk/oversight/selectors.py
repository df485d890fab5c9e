"""The Monitoring Officer's view across the councils they serve: their own, and each council whose principal
council they serve (``people.MonitoringArrangement``).

Every council's figures are read through the access gate (``membership_for``) and each app's own selectors, so
they count only what the Monitoring Officer may open there: a council the gate refuses is left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from councildesk.audit.models import AuditEvent
from councildesk.audit.verification import verify_council
from councildesk.complaints import selectors as complaints
from councildesk.complaints.models import Complaint
from councildesk.core.errors import DomainError
from councildesk.councils.models import Council
from councildesk.declarations import selectors as declarations
from councildesk.documents.models import AccessRequest
from councildesk.documents.permissions import Access
from councildesk.documents.selectors import requests_for
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import MonitoringArrangement, active_on
from councildesk.tenancy import rls

RECENT_DAYS = 30


@dataclass(frozen=True)
class CouncilWatch:
    council: Council
    own: bool  # the Monitoring Officer's own council, rather than one it serves
    chain_intact: bool
    events: int
    last_event: dt.datetime | None
    challenges: int  # need-to-know decisions challenged and awaiting review
    awaiting: int  # need-to-know requests awaiting a first decision
    declarations: int
    declarations_recent: int
    complaints_open: int
    complaints_recent: int
    served_since: dt.date | None = None  # for a council served, the first day of the arrangement


def is_monitoring_officer(m: Membership) -> bool:
    return role_kinds.MONITORING_OFFICER in m.kinds


def served_councils(m: Membership) -> list[tuple[Council, dt.date]]:
    """The councils this council's Monitoring Officer serves today, each with the day the arrangement began; only
    for someone who holds that role here."""
    if not any(r.kind == role_kinds.MONITORING_OFFICER for r in m.roles):
        return []
    rows = active_on(MonitoringArrangement.objects.filter(principal=m.council), m.day).select_related("council")
    return sorted(((row.council, row.start) for row in rows), key=lambda pair: pair[0].name)


def _watch(m: Membership, *, own: bool, since: dt.date | None = None) -> CouncilWatch:
    verdict = verify_council(m.council)
    last = AuditEvent.objects.filter(council=m.council).order_by("-seq").values_list("occurred_at", flat=True).first()
    requests = requests_for(Access(m))
    served_since = since
    since = m.day - dt.timedelta(days=RECENT_DAYS)
    declared = declarations.visible(m)
    complained = complaints.visible(m)
    return CouncilWatch(
        council=m.council,
        own=own,
        chain_intact=verdict.ok,
        events=verdict.checked,
        last_event=last,
        challenges=requests.filter(status=AccessRequest.Status.CHALLENGED).count(),
        awaiting=requests.filter(status=AccessRequest.Status.AWAITING_DECISION).count(),
        declarations=declared.filter(ended_on__isnull=True).count(),
        declarations_recent=declared.filter(declared_on__gte=since).count(),
        complaints_open=complained.exclude(stage=Complaint.Stage.CLOSED).count(),
        complaints_recent=complained.filter(received_on__gte=since).count(),
        served_since=served_since,
    )


def overview_for(m: Membership) -> list[CouncilWatch]:
    """This council, then each council it serves, each seen through the gate as the Monitoring Officer there."""
    watches = [_watch(m, own=True)]
    for council, start in served_councils(m):
        # Each council served is read in its own row-level security scope (ADR 0015), as its own pages would be.
        with rls.council_scope(council.pk):
            try:
                there = membership_for(m.person, council.slug, day=m.day)
            except DomainError:
                continue  # the gate says no: nothing about that council is shown
            if is_monitoring_officer(there):
                watches.append(_watch(there, own=False, since=start))
    return watches

"""Reads and removals for the directory of services (002 3.2 fn 2: each service's Head of Service and nominated
contacts, kept by the Chief Executive's office) and officers' workplans (002 3.4, 5.4(iii)).

Additions are ``services.service_contact_add`` and ``services.workplan_heading_add``. Rows are never deleted:
removing one stamps ``removed_at`` and writes an audit event, so the directory's history stays in the chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.core import clock
from councildesk.core.errors import NotFound, ProtocolViolation
from councildesk.councils.models import Council
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person

from . import rules
from .models import ServiceContact, WorkplanHeading
from .permissions import is_officer, manages_queue


@dataclass
class Service:
    name: str
    heads: list[ServiceContact] = field(default_factory=list)
    nominated: list[ServiceContact] = field(default_factory=list)


def directory(council: Council) -> list[Service]:
    """The services in force, by name, each with its Heads of Service and nominated contact officers."""
    rows = ServiceContact.objects.filter(council=council, removed_at=None).select_related("officer")
    services: dict[str, Service] = {}
    for row in rows.order_by("service", "kind", "officer__last_name", "id")[:1000]:
        entry = services.setdefault(row.service, Service(row.service))
        (entry.heads if row.kind == ServiceContact.Kind.HEAD else entry.nominated).append(row)
    return list(services.values())


def workplans(m: Membership) -> dict[Person, list[WorkplanHeading]]:
    """Workplans this person may read: every officer's for whoever allocates work, otherwise their own."""
    if not is_officer(m):
        raise NotFound("That page")
    rows = WorkplanHeading.objects.filter(council=m.council, removed_at=None).select_related("officer")
    if not manages_queue(m):
        rows = rows.filter(officer=m.person)
    plans: dict[Person, list[WorkplanHeading]] = {}
    for row in rows.order_by("officer__last_name", "officer__first_name", "officer_id", "heading", "id")[:2000]:
        plans.setdefault(row.officer, []).append(row)
    return plans


def _require_manager(council: Council, actor: Person, what: str) -> None:
    m = membership_for(actor, council.slug)
    if not manages_queue(m):
        raise ProtocolViolation(
            reason=f"Only the {council.profile.head_officer_title()} {what}.",
            citations=council.profile.cite(*rules.DIRECT_CONTACT_RULES),
        )


def service_contact_remove(*, actor: Person, council: Council, pk: int) -> ServiceContact:
    """Take a contact out of the directory; enquiries already sent to them stay with them."""
    _require_manager(council, actor, "keeps the directory of services and their contacts")
    with transaction.atomic():
        row = ServiceContact.objects.select_for_update().filter(council=council, pk=pk, removed_at=None).first()
        if row is None:
            raise NotFound("That contact")
        row.removed_at = clock.now()
        row.save(update_fields=["removed_at"])
        record(
            council=council,
            actor=actor,
            action="enquiry.service_contact_removed",
            subject=row,
            data={"service": row.service, "officer": row.officer.username, "kind": row.kind},
            rule_ids=[R.ENQUIRY_SERVICE_CONCERN_TO_HEAD_OF_SERVICE],
        )
    return row


def workplan_heading_remove(*, actor: Person, council: Council, pk: int) -> WorkplanHeading:
    """Take a heading off an officer's workplan: new work under it then goes to their line manager."""
    _require_manager(council, actor, "agrees officers' workplans")
    with transaction.atomic():
        row = WorkplanHeading.objects.select_for_update().filter(council=council, pk=pk, removed_at=None).first()
        if row is None:
            raise NotFound("That heading")
        row.removed_at = clock.now()
        row.save(update_fields=["removed_at"])
        record(
            council=council,
            actor=actor,
            action="enquiry.workplan_heading_removed",
            subject=row,
            data={"officer": row.officer.username, "heading": row.heading},
            rule_ids=[R.ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN],
        )
    return row

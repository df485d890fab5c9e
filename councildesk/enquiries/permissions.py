"""Who may do what with enquiries: pure predicates over a Membership (and an enquiry's people)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from councildesk.people.access import PERSONNEL_COMMITTEE, Membership
from councildesk.people.models import MEMBER_KINDS, RoleKind

if TYPE_CHECKING:
    from .models import Enquiry

OFFICER_KINDS = frozenset(
    {
        RoleKind.CLERK,
        RoleKind.OFFICER,
        RoleKind.CHIEF_EXECUTIVE,
        RoleKind.HEAD_OF_SERVICE,
        RoleKind.CMT_MEMBER,
        RoleKind.MONITORING_OFFICER,
    }
)


def can_raise(m: Membership) -> bool:
    return bool(m.kinds & MEMBER_KINDS)


def is_officer(m: Membership) -> bool:
    return bool(m.kinds & OFFICER_KINDS)


def manages_queue(m: Membership) -> bool:
    """The head officer, or whoever the profile says assigns work, orders the queue and assigns enquiries."""
    return m.is_head_officer or m.council.profile.deciders.assign_work in m.kinds


def can_see_workload(m: Membership) -> bool:
    """Workload and pressure figures: the head officer, the chair and the personnel committee only."""
    return manages_queue(m) or bool(m.kinds & {RoleKind.CHAIR, PERSONNEL_COMMITTEE})


def can_see(m: Membership, e: Enquiry, recipient_kind: str) -> bool:
    """The people on the enquiry, whoever manages the queue, and holders of the role it is routed to."""
    me = m.person.pk
    if me in {e.raised_by_id, e.addressed_to_id, e.assignee_id, e.escalated_to_id}:
        return True
    if e.direction == "to_councillor":
        return manages_queue(m)
    return manages_queue(m) or (recipient_kind in m.kinds and recipient_kind in OFFICER_KINDS)


def can_handle(m: Membership, e: Enquiry) -> bool:
    """Acknowledge, answer, decline, pause or extend: the assignee, the officer addressed, or the queue's manager.

    For an officer's question to a councillor, the councillor answers it.
    """
    if e.direction == "to_councillor":
        return m.person.pk == e.addressed_to_id
    return manages_queue(m) or m.person.pk in {e.assignee_id, e.addressed_to_id}

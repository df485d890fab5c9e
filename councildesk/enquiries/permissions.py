"""Who may do what with enquiries: pure predicates over a Membership (and an enquiry's people)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from councildesk.people.access import PERSONNEL_COMMITTEE, Membership
from councildesk.people.kinds import CHAIR, MEMBER_KINDS, OFFICER_KINDS

if TYPE_CHECKING:
    from .models import Enquiry


def can_raise(m: Membership) -> bool:
    return bool(m.kinds & MEMBER_KINDS)


def is_officer(m: Membership) -> bool:
    return bool(m.kinds & OFFICER_KINDS)


def manages_queue(m: Membership) -> bool:
    """The head officer, or whoever the profile says assigns work, orders the queue and assigns enquiries."""
    return m.is_head_officer or m.council.profile.deciders.assign_work in m.kinds


def can_see_workload(m: Membership) -> bool:
    """Workload and pressure figures: the head officer, the chair and the personnel committee only."""
    return manages_queue(m) or bool(m.kinds & {CHAIR, PERSONNEL_COMMITTEE})


# The route an enquiry was sent on -> the role kind whose holders deal with it (002 3.2 and 3.3).
ROUTE_HOLDERS = {"head_of_service": "head_of_service", "cmt": "cmt_member"}


def holds_route(m: Membership, e: Enquiry) -> bool:
    """Whether this person holds the role the enquiry was routed to: any Head of Service for a service concern,
    any member of the Corporate Management Team for a strategic matter."""
    kind = ROUTE_HOLDERS.get(e.route)
    return kind is not None and kind in m.kinds and e.direction == "to_officer"


def can_see(m: Membership, e: Enquiry, recipient_kind: str) -> bool:
    """The people on the enquiry, whoever manages the queue, and holders of the role it is routed to."""
    me = m.person.pk
    if me in {e.raised_by_id, e.addressed_to_id, e.assignee_id, e.escalated_to_id}:
        return True
    if e.direction == "to_councillor":
        return manages_queue(m)
    return manages_queue(m) or (recipient_kind in m.kinds and recipient_kind in OFFICER_KINDS)


def can_handle(m: Membership, e: Enquiry) -> bool:
    """Acknowledge, answer, decline, pause or extend: the assignee, the officer addressed, the queue's manager, or a
    holder of the role the enquiry was routed to (002 3.2, 3.3).

    For an officer's question to a councillor, the councillor answers it.
    """
    if e.direction == "to_councillor":
        return m.person.pk == e.addressed_to_id
    return manages_queue(m) or m.person.pk in {e.assignee_id, e.addressed_to_id} or holds_route(m, e)

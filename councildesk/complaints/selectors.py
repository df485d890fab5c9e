"""Reads of complaints on a person's behalf. The one visibility rule: a complaint is seen by the person who raised
it and its active handlers, nobody else (not the chair, not other councillors, not the host administrator)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from councildesk.core.errors import NotFound
from councildesk.people.access import Membership

from .models import Complaint, Handler

MAX_ID = 2**62


def visible(m: Membership) -> QuerySet[Complaint]:
    handling = Handler.objects.filter(complaint=OuterRef("pk"), person=m.person, active=True)
    return Complaint.objects.filter(council=m.council).filter(Q(complainant=m.person) | Q(Exists(handling)))


def complaint_list_for(m: Membership, *, limit: int = 100) -> list[Complaint]:
    return list(visible(m).select_related("complainant", "subject").order_by("-created_at", "-id")[:limit])


def complaint_get_for(m: Membership, pk: int) -> Complaint:
    """The complaint, or NotFound exactly as for a missing id."""
    if not 0 < pk < MAX_ID:
        raise NotFound("That complaint")
    found = visible(m).select_related("complainant", "subject").filter(pk=pk).first()
    if found is None:
        raise NotFound("That complaint")
    return found


def is_handler(m: Membership, complaint: Complaint) -> bool:
    return Handler.objects.filter(complaint=complaint, person=m.person, active=True).exists()

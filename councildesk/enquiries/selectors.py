"""Reads of enquiries on a person's behalf. Each takes the Membership from the gate, filters in SQL, and runs a
fixed number of queries whatever the number of enquiries (keyset pages, no COUNT over the whole table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from councildesk.core.errors import NotFound
from councildesk.people.access import Membership
from councildesk.people.kinds import MEMBER_KINDS, OFFICER_KINDS

from . import rules, statements
from .models import DirectContact, Enquiry
from .permissions import can_see, manages_queue

if TYPE_CHECKING:
    from councildesk.councils.models import Council

PAGE = 25
_ROUTE_KINDS = {"contact_centre": "officer", "head_of_service": "head_of_service", "cmt": "cmt_member"}


@dataclass(frozen=True)
class Page:
    rows: list[Enquiry]
    next_cursor: int | None  # pass back as ``before`` (keyset) or ``offset`` for the next page


def enquiry_get_for(m: Membership, pk: int) -> Enquiry:
    """One enquiry, if this person may see it; otherwise 404, exactly as if it did not exist."""
    e = (
        Enquiry.objects.filter(council=m.council, pk=pk)
        .select_related(*statements.RELATED)
        .prefetch_related("notes__author", "attachments")
        .first()
    )
    if e is None or not can_see(m, e, rules.route_for(m.council.profile, e.category).recipient_kind):
        raise NotFound("That enquiry")
    e.council = m.council  # the council the gate already holds, with its parsed profile
    return e


def _rows(council: Council, ids: list[int]) -> list[Enquiry]:
    """The enquiries of ``council`` with these ids, with their people, in the order given.

    Pages pick ids on the enquiry table alone (so the planner walks the page's index and stops after one page)
    and then fetch the rows with their joins: two queries, whatever the size of the table. The rows are read in
    fixed SQL (``statements.rows``), and every row shares the council object the caller holds, whose profile is
    parsed once, rather than reading and decoding the council (and its whole profile) again for each row.
    """
    return statements.rows(council, ids)


def mine(m: Membership, before: int | None = None, size: int = PAGE) -> Page:
    """The enquiries this councillor raised, newest first, one keyset page at a time."""
    qs = Enquiry.objects.filter(council=m.council, raised_by=m.person)
    if before is not None:
        qs = qs.filter(pk__lt=before)
    ids = list(qs.order_by("-id").values_list("id", flat=True)[: size + 1])
    return Page(_rows(m.council, ids[:size]), ids[size - 1] if len(ids) > size else None)


def questions_for(m: Membership, size: int = PAGE) -> list[Enquiry]:
    """Officers' open questions to this councillor."""
    qs = Enquiry.objects.filter(
        council=m.council, addressed_to=m.person, active=1, direction=Enquiry.Direction.TO_COUNCILLOR
    )
    return _rows(m.council, list(qs.order_by("response_due", "id").values_list("id", flat=True)[:size]))


def _queue_filter(m: Membership) -> Q | None:
    if manages_queue(m):
        return None
    mine_q = Q(assignee=m.person) | Q(addressed_to=m.person, direction=Enquiry.Direction.TO_OFFICER)
    routes = [route for route, kind in _ROUTE_KINDS.items() if kind in m.kinds]
    if routes:
        mine_q |= Q(route__in=routes, assignee=None, direction=Enquiry.Direction.TO_OFFICER)
    return mine_q


def queue(m: Membership, offset: int = 0, size: int = PAGE) -> Page:
    """The open queue in the head officer's order: priority, then the earliest response deadline."""
    offset = max(0, min(offset, 100_000))
    if (mine_q := _queue_filter(m)) is None:  # the whole queue, the head officer's page: in fixed SQL
        ids = statements.open_ids(m.council, offset, size + 1)
    else:
        qs = Enquiry.objects.filter(council=m.council, active=1).filter(mine_q)
        qs = qs.order_by("-priority", "response_due", "id")
        ids = list(qs.values_list("id", flat=True)[offset : offset + size + 1])
    return Page(_rows(m.council, ids[:size]), offset + size if len(ids) > size else None)


def approvals_for(m: Membership) -> list[DirectContact]:
    qs = DirectContact.objects.filter(council=m.council, revoked_at=None)
    if not manages_queue(m):
        qs = qs.filter(councillor=m.person)
    return list(qs.select_related("councillor", "officer", "granted_by").order_by("-granted_at")[:100])


CLOSED_VIEWS = {"answered": [Enquiry.Status.ANSWERED], "declined": [Enquiry.Status.DECLINED]}


def closed_for(m: Membership, show: str, q: str = "", offset: int = 0, size: int = PAGE) -> Page:
    """Answered or declined enquiries this person may see, most recently closed first, with an optional search
    of the subject and details (or an enquiry number such as "E12")."""
    qs: QuerySet[Enquiry] = Enquiry.objects.filter(council=m.council, status__in=CLOSED_VIEWS[show])
    if manages_queue(m):
        pass
    elif m.kinds & MEMBER_KINDS and not m.kinds & OFFICER_KINDS:
        qs = qs.filter(Q(raised_by=m.person) | Q(addressed_to=m.person))
    else:
        mine_q = _queue_filter(m) or Q()
        qs = qs.filter(mine_q | Q(raised_by=m.person) | Q(escalated_to=m.person))
    q = (q or "").strip()[:100]
    if q:
        number = q[1:] if q[:1] in {"E", "e"} else q
        match = Q(subject__icontains=q) | Q(details__icontains=q)
        if number.isdigit() and len(number) < 10:
            match |= Q(number=int(number))
        qs = qs.filter(match)
    offset = max(0, min(offset, 100_000))
    ids = list(qs.order_by("-closed_at", "-id").values_list("id", flat=True)[offset : offset + size + 1])
    return Page(_rows(m.council, ids[:size]), offset + size if len(ids) > size else None)

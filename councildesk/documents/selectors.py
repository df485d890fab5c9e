"""Reads on a person's behalf. The permission filter runs in SQL, so a list never holds a paper its viewer may
not open, and a page costs the same number of queries whatever the number of documents.

``openable`` is the SQL twin of ``rules.open_basis``; tests check the two agree on every combination.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from councildesk.core.errors import NotFound
from councildesk.people.models import Committee, Person
from councildesk.people.selectors import person_at

from . import rules
from .models import AccessRequest, Classification, Disclosure, Document, Grant, MeetingItem, StatutoryRequest
from .permissions import Access

PAGE_SIZE = 25


def live_grants(person_id: int, day: dt.date) -> QuerySet[Grant]:
    return Grant.objects.filter(person_id=person_id, revoked_at__isnull=True).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=day)
    )


def openable(a: Access) -> Q:
    """The documents ``a`` may open, as a filter (within their council)."""
    if a.is_handler:
        return Q()
    q = Q(classification=Classification.PUBLIC, personal_data=False)
    if a.viewer.committee_ids:
        q |= Q(personal_data=False, committee_id__in=sorted(a.viewer.committee_ids))
    granted = Q(pk__in=live_grants(a.viewer.person_id, a.m.day).filter(council=a.m.council).values("document_id"))
    if a.policy.non_members_barred:
        sensitive = Q(classification__in=sorted(rules.SENSITIVE))
        if a.viewer.committee_ids:
            sensitive &= ~Q(committee_id__in=sorted(a.viewer.committee_ids))
        granted &= ~sensitive
    return q | granted


def documents_for(a: Access) -> QuerySet[Document]:
    return Document.objects.filter(council=a.m.council).filter(openable(a))


@dataclass(frozen=True)
class Page:
    items: list[Document]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _page_number(raw: object) -> int:
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), 10_000)


def document_page_for(a: Access, page: object = 1, *, classification: str = "", search: str = "") -> Page:
    """One page of the documents ``a`` may open, newest first, optionally searched by title: the search runs
    inside the permission filter, so it never finds a paper ``a`` may not open. No COUNT over the table."""
    number = _page_number(page)
    qs = documents_for(a).select_related("committee", "meeting_item").order_by("-uploaded_at", "-id")
    if classification in rules.CLASSIFICATIONS:
        qs = qs.filter(classification=classification)
    if search := search.strip()[:100]:
        qs = qs.filter(title__icontains=search)
    start = (number - 1) * PAGE_SIZE
    rows = list(qs[start : start + PAGE_SIZE + 1])
    return Page(items=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)


def document_get_for(a: Access, pk: int) -> Document:
    """The one gate for a document: missing, another council's, or not openable all answer the same NotFound."""
    doc = documents_for(a).select_related("committee", "meeting_item", "uploaded_by").filter(pk=pk).first()
    if doc is None:
        raise NotFound("That document")
    return doc


def grant_for(a: Access, doc: Document) -> Grant | None:
    return live_grants(a.viewer.person_id, a.m.day).filter(document=doc).order_by("-created_at", "-id").first()


def open_basis_for(a: Access, doc: Document) -> tuple[str, Grant | None]:
    """The basis ``a`` opens ``doc`` on, by the pure rules (a second check behind the SQL filter)."""
    grant = None
    facts = rules.DocFacts(doc.classification, doc.committee_id, doc.personal_data)
    basis = rules.open_basis(a.policy, a.viewer, facts)
    if basis is None:
        grant = grant_for(a, doc)
        basis = rules.open_basis(a.policy, a.viewer, facts, grant_basis=grant.basis if grant else None)
    if basis is None:
        raise NotFound("That document")
    return basis, grant


def requests_visible(a: Access) -> Q:
    """The SQL twin of ``rules.request_visible``: the requester's own, or all of them for a handler."""
    if a.is_handler:
        return Q()
    return Q(requester_id=a.viewer.person_id)


def requests_for(a: Access) -> QuerySet[AccessRequest]:
    return (
        AccessRequest.objects.filter(council=a.m.council)
        .filter(requests_visible(a))
        .select_related("meeting_item__committee", "requester")
        .order_by("-created_at", "-id")
    )


def request_get_for(a: Access, pk: int) -> AccessRequest:
    req = requests_for(a).filter(pk=pk).first()
    if req is None:
        raise NotFound("That request")
    return req


def request_detail(req: AccessRequest) -> dict[str, object]:
    """Everything the requester (and the handlers) see about a request: decisions, consultations, challenges."""
    return {
        "decisions": list(req.decisions.select_related("decided_by")),
        "consultations": list(req.consultations.select_related("consultee", "recorded_by")),
        "challenges": list(req.challenges.select_related("challenger")),
    }


def disclosure_log_for(a: Access) -> QuerySet[Disclosure]:
    if not a.may_view_log:
        raise NotFound("That page")
    return (
        Disclosure.objects.filter(council=a.m.council)
        .select_related("document", "person", "grant")
        .order_by("-opened_at", "-id")
    )


def statutory_requests_for(a: Access) -> QuerySet[StatutoryRequest]:
    qs = StatutoryRequest.objects.filter(council=a.m.council).select_related("requester")
    if a.is_handler:
        return qs
    return qs.filter(requester_id=a.viewer.person_id)


def agenda_for(a: Access) -> QuerySet[MeetingItem]:
    """Agenda items: what a member can ask to see papers for (every role in the council sees the agenda)."""
    return MeetingItem.objects.filter(council=a.m.council).select_related("committee")


def meeting_item_get_for(a: Access, pk: int) -> MeetingItem:
    item = agenda_for(a).filter(pk=pk).first()
    if item is None:
        raise NotFound("That agenda item")
    return item


def committee_get_for(a: Access, pk: int) -> Committee:
    committee = Committee.objects.filter(council=a.m.council, pk=pk).first()
    if committee is None:
        raise NotFound("That committee")
    return committee


def person_by_username(a: Access, username: str) -> Person:
    """A person of this council by username; someone from another council answers exactly like nobody."""
    return person_at(a.m.council, username)


def onward_source_for(a: Access, doc: Document, grant_id: int) -> Grant:
    """A need-to-know grant on ``doc`` that the decider may pass on; anything else answers NotFound."""
    grant = Grant.objects.filter(council=a.m.council, document=doc, pk=grant_id).first()
    if grant is None:
        raise NotFound("That grant")
    return grant


LOG_PAGE = 50


def disclosure_log_page(a: Access, page: int) -> tuple[list[Disclosure], int, bool]:
    """One page of the disclosure log, newest first: the rows, the page number and whether another follows."""
    page = min(max(page, 1), 10_000)
    rows = list(disclosure_log_for(a)[(page - 1) * LOG_PAGE : page * LOG_PAGE + 1])
    return rows[:LOG_PAGE], page, len(rows) > LOG_PAGE

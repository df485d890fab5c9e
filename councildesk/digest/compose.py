"""What a councillor is told each week: new papers for the committees they sit on (and council-wide papers) that
they may open, and the officers' delegated decisions. Every read goes through the owning app's gate, so a digest
never names a paper its reader could not open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.delegation.selectors import decisions_between
from councildesk.documents.permissions import Access
from councildesk.documents.selectors import documents_for
from councildesk.people.access import Membership

from .rules import Week

MAX_LINES = 30  # a longer digest lists the first ones and points to the pages


@dataclass(frozen=True)
class Line:
    text: str
    url: str


@implements(R.ACCESS_PROACTIVE_INFO_BY_POSITION)
def lines_for(m: Membership, week: Week) -> list[Line]:
    """000 Expectations ¶1 •6; 001 5.1 •6; 003 6.1(f): officers keep councillors informed, in step with the
    positions they hold. The committee seats decide which papers are listed."""
    start = dt.datetime.combine(week.first, dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(week.last + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    access = Access(m)
    seats = sorted(access.viewer.committee_ids)
    papers = (
        documents_for(access)
        .filter(uploaded_at__gte=start, uploaded_at__lt=end)
        .filter(committee_id__in=seats)
        .select_related("committee")
        .order_by("uploaded_at", "pk")[:MAX_LINES]
    )
    slug = m.council.slug
    lines = [
        Line(
            f"{doc.committee.name if doc.committee else 'Council'}: {doc.title}",
            reverse("document", args=[slug, doc.pk]),
        )
        for doc in papers
    ]
    decisions = decisions_between(m, week.first, week.last, limit=MAX_LINES)
    lines += [
        Line(
            f"Delegated decision: {d.title} ({d.decided_on:%-d %B %Y})",
            reverse("delegation_decision", args=[slug, d.pk]),
        )
        for d in decisions
    ]
    return lines[:MAX_LINES]

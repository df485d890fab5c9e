"""Reads for the Clerk's quarantine. One gate: only the council's head officer; anyone else gets 404."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from councildesk.core.errors import NotFound
from councildesk.people.access import Membership

from .models import InboundEmail
from .services import can_see_quarantine

PAGE_SIZE = 50


def _gate(m: Membership) -> QuerySet[InboundEmail]:
    if not can_see_quarantine(m):
        raise NotFound("That page")
    return InboundEmail.objects.defer("raw").filter(council=m.council)


def quarantine_page_for(m: Membership, number: int | str | None = 1) -> Page[InboundEmail]:
    held = _gate(m).filter(status=InboundEmail.Status.QUARANTINED).order_by("-received_at", "-pk")
    return Paginator(held, PAGE_SIZE).get_page(number)


def counts_for(m: Membership) -> dict[str, int]:
    rows = _gate(m).values("status").annotate(n=Count("pk"))
    found = {r["status"]: r["n"] for r in rows}
    return {status: found.get(status, 0) for status in InboundEmail.Status.values}


def held_email_for(m: Membership, email_id: int) -> InboundEmail:
    """Any email of this council intake kept, for its head officer; 404 for anyone else or another council's."""
    row = _gate(m).filter(pk=email_id).select_related("decided_by").first()
    if row is None:
        raise NotFound("That email")
    return row

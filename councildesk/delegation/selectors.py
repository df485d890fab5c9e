"""Reads for the register of delegated decisions."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from councildesk.core.errors import NotFound
from councildesk.councils.models import Council
from councildesk.people.access import Membership

from .models import Authority, Decision

PAGE = 200


def authorities_for(council: Council) -> QuerySet[Authority]:
    return Authority.objects.filter(council=council).select_related("holder", "committee")


def decisions_for(m: Membership) -> list[Decision]:
    """The council's register, newest first: every councillor is told of each decision, so everyone with a role
    there reads it."""
    return list(
        Decision.objects.filter(council=m.council).select_related("authority", "decided_by", "consultee")[:PAGE]
    )


def decision_get_for(m: Membership, pk: int) -> Decision:
    row = (
        Decision.objects.filter(council=m.council, pk=pk)
        .select_related("authority", "decided_by", "consultee", "implemented_by")
        .first()
    )
    if row is None:
        raise NotFound("That decision")
    return row


def published_decisions(council: Council) -> list[Decision]:
    """What the transparency page shows: published decisions only, with no person loaded."""
    return list(
        Decision.objects.filter(council=council, published=True)
        .select_related("authority")
        .only(
            "pk",
            "title",
            "summary",
            "decider_title",
            "decided_on",
            "implemented_on",
            "minute_ref",
            "authority__ref",
            "authority__title",
        )[:PAGE]
    )


def decisions_between(m: Membership, first: dt.date, last: dt.date, limit: int = PAGE) -> list[Decision]:
    """The register's decisions taken between two days (inclusive), oldest first: for the councillor digest."""
    rows = Decision.objects.filter(council=m.council, decided_on__gte=first, decided_on__lte=last)
    return list(rows.order_by("decided_on", "pk")[:limit])

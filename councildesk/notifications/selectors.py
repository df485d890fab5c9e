"""Reads: a person's own notifications, their unread count, and (for the head officer) the outbox.

Each is a fixed number of queries whatever the data size: a page is one COUNT and one SELECT.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from councildesk.core.errors import NotFound
from councildesk.people.access import Membership

from .models import Notification, OutboxEmail
from .permissions import can_view_outbox

PER_PAGE = 25
OUTBOX_PER_PAGE = 50
WAITING = (OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING, OutboxEmail.Status.FAILED)


def notification_list_for(m: Membership) -> QuerySet[Notification]:
    """Only the member's own notifications in this council, newest first. Nobody reads anyone else's."""
    return Notification.objects.filter(council=m.council, recipient=m.person).order_by("-created_at", "-id")


def notification_page_for(m: Membership, page: int | str | None = 1, *, per_page: int = PER_PAGE) -> Page[Notification]:
    return Paginator(notification_list_for(m), per_page).get_page(page)


def unread_count_for(m: Membership) -> int:
    return Notification.objects.filter(council=m.council, recipient=m.person, read_at__isnull=True).count()


def outbox_list_for(m: Membership) -> QuerySet[OutboxEmail]:
    """Emails not yet delivered, failed ones first. The head officer and the host administrator only."""
    if not can_view_outbox(m):
        raise NotFound("That page")
    return OutboxEmail.objects.filter(council=m.council, status__in=WAITING).order_by("status", "next_attempt_at", "id")


def outbox_page_for(m: Membership, page: int | str | None = 1, *, per_page: int = OUTBOX_PER_PAGE) -> Page[OutboxEmail]:
    return Paginator(outbox_list_for(m), per_page).get_page(page)


def outbox_counts_for(m: Membership) -> dict[str, int]:
    """How many emails of this council are in each state (one grouped query)."""
    if not can_view_outbox(m):
        raise NotFound("That page")
    rows = OutboxEmail.objects.filter(council=m.council).values("status").annotate(n=Count("id")).order_by()
    counts = dict.fromkeys(OutboxEmail.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts

"""API routes for in-app notifications and, for the head officer, the email outbox."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Path, Router, Schema, Status

from councildesk.core.errors import NotFound
from councildesk.notifications import selectors, services
from councildesk.notifications.models import Notification, OutboxEmail

from . import schemas as s
from .common import ERRORS, actor, gate

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationListOut(Schema):
    count: int
    unread: int
    page: int
    pages: int
    items: list[NotificationOut]


class OutboxEmailOut(Schema):
    id: int
    to_address: str
    subject: str
    status: str
    attempts: int
    last_error: str
    created_at: dt.datetime
    next_attempt_at: dt.datetime
    sent_at: dt.datetime | None


class OutboxListOut(Schema):
    counts: dict[str, int]
    page: int
    pages: int
    items: list[OutboxEmailOut]


def _id(text: str, what: str) -> int:
    """Ids are taken as text so that anything which is not one answers 404, like an id that names nothing."""
    if not text.isdigit() or len(text) > 19:
        raise NotFound(what)
    return int(text)


def _notification(n: Notification) -> dict[str, object]:
    return {
        "id": n.pk,
        "kind": n.kind,
        "subject": n.subject,
        "body": n.body,
        "url": n.url,
        "created_at": n.created_at,
        "read_at": n.read_at,
    }


def _email(e: OutboxEmail) -> dict[str, object]:
    return {
        "id": e.pk,
        "to_address": e.to_address,
        "subject": e.subject,
        "status": e.status,
        "attempts": e.attempts,
        "last_error": e.last_error,
        "created_at": e.created_at,
        "next_attempt_at": e.next_attempt_at,
        "sent_at": e.sent_at,
    }


@router.get("", response={200: NotificationListOut, **ERRORS})
def notification_list(request: HttpRequest, slug: Path[str], page: str = "1") -> dict[str, object]:
    """Your own notifications in this council, newest first, 25 to a page (a page past the end gives the last)."""
    m = gate(request, slug)
    result = selectors.notification_page_for(m, page)
    return {
        "count": result.paginator.count,
        "unread": selectors.unread_count_for(m),
        "page": result.number,
        "pages": result.paginator.num_pages,
        "items": [_notification(n) for n in result.object_list],
    }


@router.post("/{notification_id}/read", response={204: None, **ERRORS})
def notification_read(request: HttpRequest, slug: Path[str], notification_id: Path[str]) -> Status[None]:
    """Mark one of your notifications read. Anyone else's answers 404."""
    m = gate(request, slug)
    number = _id(notification_id, "That notification")
    services.notification_mark_read(actor=actor(request), council=m.council, notification_id=number)
    return Status(204, None)


@router.get("/outbox", response={200: OutboxListOut, **ERRORS})
def outbox(request: HttpRequest, slug: Path[str], page: str = "1") -> dict[str, object]:
    """Emails not yet delivered (failed first). The head officer and the host administrator only; else 404."""
    m = gate(request, slug)
    result = selectors.outbox_page_for(m, page)
    return {
        "counts": selectors.outbox_counts_for(m),
        "page": result.number,
        "pages": result.paginator.num_pages,
        "items": [_email(e) for e in result.object_list],
    }


@router.post("/outbox/{email_id}/retry", response={200: OutboxEmailOut, 409: s.ErrorOut, **ERRORS})
def outbox_retry(request: HttpRequest, slug: Path[str], email_id: Path[str]) -> dict[str, object]:
    """Send a failed email again at the next sweep, with a fresh set of tries. Head officer only; else 404."""
    m = gate(request, slug)
    email = services.outbox_email_retry(actor=actor(request), council=m.council, email_id=_id(email_id, "That email"))
    return _email(email)

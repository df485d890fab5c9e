"""Writes: notify someone (in the caller's transaction), mark a notice read, retry a failed email.

``notify`` is called by other apps' services after their audit event, inside their transaction: it is the
transactional outbox. Notification rows themselves are not audited (the change that caused them is); giving up
on an email and retrying it are, because the head officer needs a durable record of mail that never arrived.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.core import clock, fixedsql
from councildesk.core.errors import Conflict, NotFound
from councildesk.councils.models import Council
from councildesk.people.access import membership_for
from councildesk.people.models import Person

from .models import Notification, OutboxEmail
from .permissions import can_view_outbox

MAX_ID = 2**63 - 1  # larger numbers cannot name a row, and some databases refuse to compare with them


def _email_body(body: str, url: str) -> str:
    if not url:
        return body
    link = url if "://" in url else settings.COUNCILDESK_BASE_URL.rstrip("/") + url
    return f"{body}\n\nOpen it in councildesk: {link}"


def notify(
    *,
    council: Council,
    recipient: Person,
    kind: str,
    subject: str,
    body: str,
    url: str = "",
    dedupe_key: str | None = None,
    email: bool = True,
    email_body: str | None = None,
    reply_to: str = "",
    cc: str = "",
    headers: dict[str, str] | None = None,
) -> Notification | None:
    """Write an in-app notification and, when ``email`` and the recipient has an address, an outbox email.

    ``email_body`` replaces the in-app body in the email; ``reply_to``, ``cc`` (a visible line, never a blind
    copy) and ``headers`` (e.g. Message-ID, In-Reply-To, References) go on the email as they are.

    Runs in the caller's transaction and refuses to run outside one. With a ``dedupe_key`` already used in this
    council it writes nothing and returns None. The unique constraint decides (``ON CONFLICT DO NOTHING``), not an
    earlier SELECT, so two sweeps racing each other still write one notice.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notify must be called inside the transaction that makes the change")
    now = clock.now()
    subject = " ".join(subject.split())[:200]  # a header: CR, LF and other line breaks become single spaces
    notification = Notification(
        council=council,
        recipient=recipient,
        kind=kind,
        subject=subject,
        body=body,
        url=url,
        created_at=now,
        dedupe_key=dedupe_key,
    )
    if not fixedsql.insert(notification, skip_duplicate=dedupe_key is not None):
        return None  # this notice was written before
    if email and recipient.email:
        fixedsql.insert(
            OutboxEmail(
                council=council,
                notification=notification,
                to_address=recipient.email,
                subject=subject,
                body=_email_body(body if email_body is None else email_body, url),
                reply_to=reply_to,
                cc=cc,
                headers=dict(headers or {}),
                created_at=now,
                next_attempt_at=now,
            )
        )
    return notification


def email_address(
    *,
    council: Council,
    to_address: str,
    subject: str,
    body: str,
    reply_to: str = "",
    cc: str = "",
    headers: dict[str, str] | None = None,
) -> OutboxEmail:
    """An outbox email to an address that is not a person of the council (a forward someone consented to).

    Like ``notify``, it runs in the caller's transaction and refuses to run outside one."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("email_address must be called inside the transaction that makes the change")
    now = clock.now()
    return OutboxEmail.objects.create(
        council=council,
        to_address=to_address,
        subject=" ".join(subject.split())[:200],
        body=body,
        reply_to=reply_to,
        cc=cc,
        headers=dict(headers or {}),
        created_at=now,
        next_attempt_at=now,
    )


def notification_mark_read(*, actor: Person, council: Council, notification_id: int) -> None:
    """Mark one of the actor's own notifications read. Anyone else's answers NotFound, as if it did not exist."""
    membership_for(actor, council.slug)
    if not 0 < notification_id <= MAX_ID:
        raise NotFound("That notification")
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, council=council, recipient=actor)
            .first()
        )
        if notification is None:
            raise NotFound("That notification")
        if notification.read_at is None:
            notification.read_at = clock.now()
            notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, actor: Person, council: Council) -> int:
    """Mark every unread notification of the actor in this council read; returns how many."""
    membership_for(actor, council.slug)
    with transaction.atomic():
        return Notification.objects.filter(council=council, recipient=actor, read_at__isnull=True).update(
            read_at=clock.now()
        )


def outbox_email_retry(*, actor: Person, council: Council, email_id: int) -> OutboxEmail:
    """Put a failed email back in the queue, due now, with a fresh set of attempts. Head officer only."""
    m = membership_for(actor, council.slug)
    if not can_view_outbox(m):
        raise NotFound("That email")
    if not 0 < email_id <= MAX_ID:
        raise NotFound("That email")
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=email_id, council=council).first()
        if email is None:
            raise NotFound("That email")
        if email.status != OutboxEmail.Status.FAILED:
            raise Conflict("Only an email that has failed can be retried; this one is not failed.")
        previous = email.attempts
        email.status = OutboxEmail.Status.PENDING
        email.attempts = 0
        email.next_attempt_at = clock.now()
        email.claimed_by = ""
        email.save(update_fields=["status", "attempts", "next_attempt_at", "claimed_by"])
        record(
            council=council,
            actor=actor,
            action=events.OUTBOX_EMAIL_RETRIED,
            subject=email,
            data={"previous_attempts": previous, "last_error": email.last_error[:300]},
        )
    return email

"""Deliver due outbox emails through Django's email API, retrying with backoff and never dropping one.

Claiming is safe with several deliverers at once, on both databases: a deliverer picks due rows (on PostgreSQL
with ``FOR UPDATE SKIP LOCKED``; on SQLite writes are serialised by ``BEGIN IMMEDIATE``) and claims them with one
conditional UPDATE that moves them to ``sending`` with a lease in ``next_attempt_at``. Only rows still due match
that UPDATE, so a row is claimed once. A deliverer that dies leaves its rows ``sending``; when the lease runs out
they are due again. Delivery is therefore at least once: a crash between the SMTP server accepting a message and
the row being marked sent can repeat it (sent rows are marked in groups of ``SENT_GROUP``, one commit each, so up to
that many). Every message carries a stable Message-ID, so receivers can tell.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import time
import uuid
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F

from councildesk.audit import events
from councildesk.audit.services import record

from .models import OutboxEmail
from .rules import gives_up, retry_delay

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=10)
STOP_CLAIMING_AFTER = LEASE.total_seconds() / 2  # release what is left rather than outlive the lease
DUE = (OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING)
# Sent emails are marked in groups: one UPDATE and one commit per group. A crash before a group is marked sends
# at most this many again when their lease runs out (delivery is at least once anyway; Message-IDs are stable).
SENT_GROUP = 20


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0  # claimed but handed back unsent (the batch ran too long)

    @property
    def attempted(self) -> int:
        return self.sent + self.retrying + self.failed


def _claim(now: dt.datetime, limit: int, token: str) -> list[OutboxEmail]:
    due = OutboxEmail.objects.filter(status__in=DUE, next_attempt_at__lte=now)
    with transaction.atomic():
        ids = list(
            due.order_by("next_attempt_at", "id")
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:limit]
        )
        if not ids:
            return []
        due.filter(id__in=ids).update(status=OutboxEmail.Status.SENDING, next_attempt_at=now + LEASE, claimed_by=token)
    return list(OutboxEmail.objects.filter(claimed_by=token, status=OutboxEmail.Status.SENDING).order_by("id"))


def describe(exc: BaseException) -> str:
    """The SMTP server's own words where there are some: '451 4.3.0 try later', not a Python repr."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{addr}: {describe_reply(code, msg)}" for addr, (code, msg) in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        return describe_reply(exc.smtp_code, exc.smtp_error)
    return f"{type(exc).__name__}: {exc}"


def describe_reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {text}".strip()


def header_value(value: object) -> str:
    """One line: CR, LF and every other line break become single spaces, so no value can add a header (or make
    the email fail to build)."""
    return " ".join(str(value).split())


# Headers a row may set; anything else in ``OutboxEmail.headers`` is ignored rather than trusted.
ROW_HEADERS = ("Message-ID", "In-Reply-To", "References", "Auto-Submitted", "X-Councildesk-Thread")


def _message(email: OutboxEmail, connection: Any) -> EmailMessage:
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", "councildesk@localhost")
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    headers = {"Message-ID": f"<outbox.{email.pk}@{domain}>", "X-Councildesk-Outbox": str(email.pk)}
    extra = email.headers if isinstance(email.headers, dict) else {}
    for name in ROW_HEADERS:
        if extra.get(name):
            headers[name] = header_value(extra[name])
    if email.cc:
        # Shown to the recipient; not added to the envelope: each participant gets their own copy.
        headers["Cc"] = header_value(email.cc)
    return EmailMessage(
        subject=header_value(email.subject),
        body=email.body,
        from_email=sender,
        to=[header_value(email.to_address)],
        reply_to=[header_value(email.reply_to)] if email.reply_to else None,
        headers=headers,
        connection=connection,
    )


def _mark_sent(emails: list[OutboxEmail], now: dt.datetime, token: str) -> int:
    """Mark a group of sent emails with one UPDATE (one commit), rather than one per email."""
    if not emails:
        return 0
    ids = [e.pk for e in emails]
    done = OutboxEmail.objects.filter(pk__in=ids, claimed_by=token, status=OutboxEmail.Status.SENDING).update(
        status=OutboxEmail.Status.SENT, sent_at=now, attempts=F("attempts") + 1, last_error="", claimed_by=""
    )
    if done < len(ids):
        log.warning(
            "%s of outbox emails %s were sent after their lease ran out; they may have been sent twice",
            len(ids) - done,
            ids,
        )
    emails.clear()
    return done


def _mark_failed(email: OutboxEmail, error: str, now: dt.datetime, token: str, report: DeliveryReport) -> None:
    """One failed try: schedule the next, or give up and record it in the council's audit log."""
    with transaction.atomic():
        row = (
            OutboxEmail.objects.select_for_update()
            .select_related("council")
            .filter(pk=email.pk, claimed_by=token, status=OutboxEmail.Status.SENDING)
            .first()
        )
        if row is None:  # the lease ran out and another deliverer owns it now
            return
        row.attempts += 1
        row.last_error = error[:2000]
        row.claimed_by = ""
        if gives_up(row.attempts, settings.COUNCILDESK_EMAIL_MAX_ATTEMPTS):
            row.status = OutboxEmail.Status.FAILED
            row.next_attempt_at = now
            record(
                council=row.council,
                actor=None,
                action=events.OUTBOX_EMAIL_FAILED,
                subject=row,
                data={"attempts": row.attempts, "error": row.last_error[:300], "notification": row.notification_id},
            )
            report.failed += 1
            log.warning("outbox email %s failed for good after %s tries: %s", row.pk, row.attempts, error)
        else:
            row.status = OutboxEmail.Status.PENDING
            row.next_attempt_at = now + retry_delay(row.attempts)
            report.retrying += 1
            log.info("outbox email %s failed (try %s), next %s: %s", row.pk, row.attempts, row.next_attempt_at, error)
        row.save(update_fields=["attempts", "last_error", "claimed_by", "status", "next_attempt_at"])


def _release(emails: list[OutboxEmail], now: dt.datetime, token: str) -> int:
    ids = [e.pk for e in emails]
    return OutboxEmail.objects.filter(pk__in=ids, claimed_by=token, status=OutboxEmail.Status.SENDING).update(
        status=OutboxEmail.Status.PENDING, next_attempt_at=now, claimed_by=""
    )


def _close(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # a failed QUIT changes nothing about what was sent
        log.debug("closing the mail connection failed", exc_info=True)


def deliver_due(now: dt.datetime, limit: int = 200) -> DeliveryReport:
    """Send up to ``limit`` due emails over one connection; each failure is retried later or marked failed."""
    report = DeliveryReport()
    token = uuid.uuid4().hex
    claimed = _claim(now, limit, token)
    if not claimed:
        return report
    started = time.monotonic()
    connection = get_connection(fail_silently=False)
    is_open = False
    sent: list[OutboxEmail] = []  # accepted by the server, marked sent in groups of SENT_GROUP
    try:
        for index, email in enumerate(claimed):
            if time.monotonic() - started > STOP_CLAIMING_AFTER:
                report.released = _release(claimed[index:], now, token)
                break
            if not is_open:
                try:
                    connection.open()
                except Exception as exc:  # no server: this try fails for every email left
                    for left in claimed[index:]:
                        _mark_failed(left, describe(exc), now, token, report)
                    break
                is_open = True
            try:
                if connection.send_messages([_message(email, connection)]) != 1:
                    raise smtplib.SMTPException("the mail backend accepted nothing")
            except Exception as exc:  # any failure of one email is recorded on that email
                _mark_failed(email, describe(exc), now, token, report)
                _close(connection)  # start the next email on a fresh connection
                is_open = False
            else:
                sent.append(email)
                if len(sent) >= SENT_GROUP:
                    report.sent += _mark_sent(sent, now, token)
    finally:
        report.sent += _mark_sent(sent, now, token)
        _close(connection)
    if report.attempted or report.released:
        log.info("outbox: %s sent, %s to retry, %s failed, %s released", *_counts(report))
    return report


def _counts(report: DeliveryReport) -> tuple[int, int, int, int]:
    return report.sent, report.retrying, report.failed, report.released

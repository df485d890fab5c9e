"""Delivery over a real SMTP conversation (aiosmtpd): sent once, retried with backoff, given up and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings

from councildesk.audit.models import AuditEvent
from councildesk.audit.verification import verify_council
from councildesk.notifications.delivery import LEASE, deliver_due
from councildesk.notifications.models import OutboxEmail
from councildesk.notifications.services import notify
from tests.factories import person_with_role

from .conftest import free_port

NOW = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def recipients(sandon):
    people = []
    for n, kind in enumerate(("clerk", "councillor", "councillor")):
        person = person_with_role(sandon, kind)
        person.email = f"person{n}@sandon.example"
        person.save()
        people.append(person)
    return people


def queue(council, people, *, now=NOW, subject="Enquiry E-1 is due tomorrow"):
    from councildesk.core import clock

    with pytest.MonkeyPatch.context() as mp, transaction.atomic():
        mp.setattr(clock, "now", lambda: now)
        for person in people:
            notify(council=council, recipient=person, kind="test", subject=subject, body="Body text.", url="/c/x/")
    return list(OutboxEmail.objects.order_by("id"))


def test_due_emails_go_out_over_one_connection_with_the_right_headers(smtp, sandon, recipients):
    emails = queue(sandon, recipients)
    report = deliver_due(NOW)
    assert (report.sent, report.retrying, report.failed) == (3, 0, 0)
    assert len(smtp.received) == 3
    assert len({r.session for r in smtp.received}) == 1, "one SMTP connection for the batch"
    by_to = {r.envelope_to[0]: r for r in smtp.received}
    first = by_to["person0@sandon.example"]
    assert first.envelope_from == "clerk@sandon.example"
    assert first.message["To"] == "person0@sandon.example"
    assert first.message["From"] == "Sandon Clerk <clerk@sandon.example>"
    assert first.message["Subject"] == "Enquiry E-1 is due tomorrow"
    assert first.message["Message-ID"] == f"<outbox.{emails[0].pk}@sandon.example>"
    assert "Body text." in first.message.get_payload(decode=True).decode()
    for row in OutboxEmail.objects.all():
        assert row.status == OutboxEmail.Status.SENT
        assert row.sent_at == NOW
        assert row.attempts == 1


def test_delivering_again_sends_nothing_twice(smtp, sandon, recipients):
    queue(sandon, recipients)
    deliver_due(NOW)
    again = deliver_due(NOW + dt.timedelta(hours=1))
    assert again.attempted == 0
    assert len(smtp.received) == 3


def test_an_email_not_yet_due_waits(smtp, sandon, recipients):
    queue(sandon, recipients[:1], now=NOW + MINUTE)
    assert deliver_due(NOW).attempted == 0
    assert deliver_due(NOW + MINUTE).sent == 1


def test_a_451_schedules_a_retry_with_backoff_and_keeps_the_servers_words(smtp, sandon, recipients):
    smtp.data_reply = "451 4.3.0 Mailbox busy, try again later"
    [email] = queue(sandon, recipients[:1])
    report = deliver_due(NOW)
    assert (report.sent, report.retrying) == (0, 1)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.PENDING
    assert email.attempts == 1
    assert email.next_attempt_at == NOW + MINUTE
    assert email.last_error == "451 4.3.0 Mailbox busy, try again later"
    assert deliver_due(NOW + dt.timedelta(seconds=59)).attempted == 0, "not before its retry time"
    deliver_due(NOW + MINUTE)
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at == NOW + 3 * MINUTE
    smtp.data_reply = None
    assert deliver_due(NOW + 3 * MINUTE).sent == 1
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert email.last_error == ""
    assert len(smtp.received) == 1


def test_a_550_refusal_is_recorded_and_retried_and_the_other_emails_still_go(smtp, sandon, recipients):
    queue(sandon, recipients[:1])
    smtp.rcpt_reply = "550 5.1.1 No such mailbox here"
    deliver_due(NOW)
    smtp.rcpt_reply = None
    queue(sandon, recipients[1:], now=NOW + MINUTE)
    report = deliver_due(NOW + MINUTE)  # the refused one is due again at the same time as the new ones
    assert report.sent == 3
    refused = OutboxEmail.objects.get(to_address="person0@sandon.example")
    assert refused.attempts == 2
    assert refused.status == OutboxEmail.Status.SENT


def test_one_refused_email_does_not_spoil_the_rest_of_the_batch(smtp, sandon, recipients):
    queue(sandon, recipients)
    original = smtp.handle_RCPT

    async def refuse_one(server, session, envelope, address, options):
        if address == "person1@sandon.example":
            return "550 5.1.1 No such mailbox here"
        return await original(server, session, envelope, address, options)

    smtp.handle_RCPT = refuse_one
    report = deliver_due(NOW)
    assert (report.sent, report.retrying) == (2, 1)
    refused = OutboxEmail.objects.get(to_address="person1@sandon.example")
    assert refused.last_error.startswith("person1@sandon.example: 550 5.1.1 No such mailbox here")


def test_after_the_last_attempt_an_email_is_failed_audited_and_kept(smtp, sandon, recipients):
    smtp.data_reply = "451 4.3.0 try later"
    [email] = queue(sandon, recipients[:1])
    when = NOW
    with override_settings(COUNCILDESK_EMAIL_MAX_ATTEMPTS=3):
        for _ in range(3):
            deliver_due(when)
            email.refresh_from_db()
            when = email.next_attempt_at
        assert email.status == OutboxEmail.Status.FAILED
        assert email.attempts == 3
        assert deliver_due(when + dt.timedelta(days=1)).attempted == 0, "a failed email waits for a person"
    event = AuditEvent.objects.get(council=sandon, action="outbox_email.failed")
    assert event.actor is None
    assert event.subject_id == str(email.pk)
    assert event.data["attempts"] == 3
    assert "451" in event.data["error"]
    assert verify_council(sandon).ok
    assert OutboxEmail.objects.filter(pk=email.pk).exists()


def test_no_server_listening_fails_the_try_for_every_email_and_schedules_retries(sandon, recipients):
    queue(sandon, recipients)
    dead = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1"}
    with override_settings(**dead, EMAIL_PORT=free_port(), EMAIL_USE_TLS=False, EMAIL_TIMEOUT=2):
        report = deliver_due(NOW)
    assert (report.sent, report.retrying) == (0, 3)
    for row in OutboxEmail.objects.all():
        assert row.status == OutboxEmail.Status.PENDING
        assert "refused" in row.last_error.lower()


def test_a_dead_deliverers_lease_runs_out_and_the_email_is_sent_then(smtp, sandon, recipients):
    [email] = queue(sandon, recipients[:1])
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENDING, claimed_by="crashed", next_attempt_at=NOW + LEASE
    )
    assert deliver_due(NOW).attempted == 0, "a live lease is respected"
    assert deliver_due(NOW + LEASE).sent == 1
    assert len(smtp.received) == 1


def test_the_embedded_default_writes_mail_to_files_under_the_data_dir(tmp_path, sandon, recipients):
    queue(sandon, recipients)
    backend = "django.core.mail.backends.filebased.EmailBackend"
    with override_settings(EMAIL_BACKEND=backend, EMAIL_FILE_PATH=tmp_path / "mail"):
        assert deliver_due(NOW).sent == 3
    files = list((tmp_path / "mail").iterdir())
    assert len(files) == 1, "one file per batch: the batch shares one connection"
    assert files[0].read_text().count("Subject: Enquiry E-1 is due tomorrow") == 3

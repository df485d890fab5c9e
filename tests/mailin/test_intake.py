"""Email intake: a councillor's email opens an enquiry, a reply goes to its handler, and everything that cannot be
placed safely waits in the Clerk's quarantine with a plain-English reason. Nothing is dropped."""

from __future__ import annotations

import pytest

from councildesk.audit.models import AuditEvent
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.enquiries.models import Enquiry
from councildesk.mailin import events, services
from councildesk.mailin.models import InboundEmail

from .conftest import message, token_address

Status = InboundEmail.Status


def receive(raw: bytes, envelope_to=("sandon-burston@localhost",)) -> InboundEmail:
    return services.receive(raw, via="listener", envelope_to=list(envelope_to))


def test_a_councillors_email_opens_an_enquiry_once_however_often_it_is_delivered(sandon_cast):
    raw = message(sender="CLLR@Example.org", attachments=(("notes.txt", "text/plain", b"Mill Lane, by the school"),))
    first = receive(raw)
    again = receive(raw)
    assert first.pk == again.pk
    assert first.status == Status.PLACED
    enquiry = Enquiry.objects.get()
    assert enquiry.raised_by == sandon_cast.councillor
    assert enquiry.subject == "Potholes on Mill Lane"
    assert [a.name for a in enquiry.attachments.all()] == ["notes.txt"]
    assert first.placed_as == f"Enquiry {enquiry.ref}"  # the council's own number
    assert InboundEmail.objects.count() == 1
    assert AuditEvent.objects.filter(action=events.INBOUND_EMAIL_PLACED).count() == 1


def test_an_unknown_sender_and_an_officer_are_held_for_the_clerk(sandon_cast):
    held = receive(message(sender="stranger@example.net"))
    assert held.status == Status.QUARANTINED
    assert held.council == sandon_cast.council
    assert "not the address of a current councillor" in held.reason
    officer = receive(message(sender="officer@example.org"))
    assert officer.status == Status.QUARANTINED
    assert not Enquiry.objects.exists()
    assert AuditEvent.objects.filter(action=events.INBOUND_EMAIL_QUARANTINED).count() == 2


def test_a_reply_goes_to_its_handler_only_from_the_person_it_was_sent_to(sandon_cast, placed):
    reply_to = token_address(sandon_cast)
    done = receive(message(to=reply_to, subject="Re: Mill Lane", text="Thank you."), envelope_to=[reply_to])
    assert done.status == Status.PLACED
    assert done.placed_as == "Probe 7"
    assert placed[0].sender_address == "cllr@example.org"
    assert placed[0].text == "Thank you."
    mismatch = receive(message(sender="someone@example.net", to=reply_to), envelope_to=[reply_to])
    assert mismatch.status == Status.QUARANTINED
    assert "does not match" in mismatch.reason
    forged = reply_to.replace("reply+", "reply+").split("@")[0][:-3] + "aaa@localhost"
    bad = receive(message(to=forged), envelope_to=[forged])
    assert bad.status == Status.QUARANTINED
    assert "did not issue" in bad.reason
    refused_to = token_address(sandon_cast, object_id=13)
    refused = receive(message(to=refused_to), envelope_to=[refused_to])
    assert refused.status == Status.QUARANTINED
    assert "This conversation is closed." in refused.reason
    unknown_kind = token_address(sandon_cast, kind="nosuch")
    nobody = receive(message(to=unknown_kind), envelope_to=[unknown_kind])
    assert nobody.status == Status.QUARANTINED
    assert "No part of the product" in nobody.reason
    assert len(placed) == 1


@pytest.mark.rule("CORRESPONDENCE_NO_BLIND_COPIES")
def test_an_email_that_only_blind_copied_the_council_is_held_citing_the_clause(sandon_cast, cottingham_cast):
    raw = message(to="someone@example.net")  # the council's address is only on the envelope: a blind copy
    held = receive(raw)
    assert held.status == Status.QUARANTINED
    assert held.blind_copied
    assert "blind-copied" in held.reason
    assert "CORRESPONDENCE ¶1" in held.reason
    event = AuditEvent.objects.get(action=events.INBOUND_EMAIL_QUARANTINED)
    assert "CORRESPONDENCE_NO_BLIND_COPIES" in event.rule_ids
    # Cottingham's protocol is silent: the product's own default holds it too, and the reason says so.
    other = message(to="someone@example.net", message_id="<bcc-2@example.org>")
    silent = receive(other, envelope_to=["cottingham@localhost"])
    assert silent.status == Status.QUARANTINED
    assert silent.blind_copied
    assert "CORRESPONDENCE ¶1" not in silent.reason
    assert "silent" in silent.reason


def test_failed_authentication_and_an_oversized_attachment_are_held(sandon_cast, settings):
    forged = message(headers={"Authentication-Results": "mx.example.org; spf=pass; dkim=fail; dmarc=fail"})
    held = receive(forged)
    assert held.status == Status.QUARANTINED
    assert "dmarc=fail" in held.reason
    settings.COUNCILDESK_MAX_ATTACHMENT_BYTES = 10
    big = receive(message(attachments=(("notes.txt", "text/plain", b"a longer note than ten bytes"),)))
    assert big.status == Status.QUARANTINED
    assert "largest allowed" in big.reason


def test_html_only_mail_is_sanitised_into_text(sandon_cast):
    html = '<p onclick="steal()">Bins <b>missed</b> &amp; not collected</p><script>alert(1)</script><br>Thanks'
    done = receive(message(text=None, html=html))
    assert done.status == Status.PLACED
    details = Enquiry.objects.get().details
    assert "Bins missed & not collected" in details
    assert "Thanks" in details
    assert "script" not in details
    assert "alert" not in details
    assert "onclick" not in details


def test_the_clerk_rejects_opens_or_releases_held_email_and_each_is_audited(sandon_cast, placed):
    council, head = sandon_cast.council, sandon_cast.head
    stranger = receive(message(sender="resident@example.net"))
    with pytest.raises(NotFound):
        services.reject(actor=sandon_cast.councillor, council=council, email_id=stranger.pk, reason="spam")
    with pytest.raises(ValidationFailed):
        services.reject(actor=head, council=council, email_id=stranger.pk, reason=" ")
    services.reject(actor=head, council=council, email_id=stranger.pk, reason="Not council business")
    stranger.refresh_from_db()
    assert stranger.status == Status.REJECTED
    assert "Not council business" in stranger.reason

    forwarded = receive(message(sender="assistant@example.net", subject="For Cllr: Mill Lane"))
    done = services.open_as_enquiry(
        actor=head, council=council, email_id=forwarded.pk, councillor_id=sandon_cast.other_councillor.pk
    )
    assert done.status == Status.PLACED
    assert Enquiry.objects.get().raised_by == sandon_cast.other_councillor

    reply_to = token_address(sandon_cast)
    mismatch = receive(message(sender="cllr.home@example.net", to=reply_to), envelope_to=[reply_to])
    with pytest.raises(NotFound):
        services.release(actor=head, council=council, email_id=done.pk)  # placed: no longer held
    no_token = receive(message(sender="resident@example.net", message_id="<no-token@example.net>"))
    with pytest.raises(ValidationFailed, match="no reply address"):
        services.release(actor=head, council=council, email_id=no_token.pk)
    services.release(actor=head, council=council, email_id=mismatch.pk)
    mismatch.refresh_from_db()
    assert mismatch.status == Status.PLACED
    assert mismatch.decided_by == head
    assert len(placed) == 1
    actions = set(AuditEvent.objects.filter(actor=head).values_list("action", flat=True))
    assert actions == {
        events.INBOUND_EMAIL_REJECTED,
        events.INBOUND_EMAIL_OPENED_AS_ENQUIRY,
        events.INBOUND_EMAIL_RELEASED,
    }


def test_a_failure_while_placing_still_stores_the_message_for_the_sweep(sandon_cast, monkeypatch):
    from django.db import DatabaseError

    def broken(row):
        row.subject = "half decided"
        raise DatabaseError("lost the lock")

    monkeypatch.setattr(services, "_decide", broken)
    row = receive(message(sender="cllr@example.org"))
    stored = InboundEmail.objects.get()
    assert (row.status, stored.status, stored.subject) == (Status.RECEIVED, Status.RECEIVED, "")
    assert bytes(stored.raw).startswith(b"From: cllr@example.org")
    assert not AuditEvent.objects.filter(action=events.INBOUND_EMAIL_PLACED).exists()
    monkeypatch.undo()
    assert services.place_received() == 1
    assert InboundEmail.objects.get().status == Status.PLACED
    assert Enquiry.objects.count() == 1


def test_a_bug_while_placing_quarantines_the_message_with_the_reason_and_its_audit_event(sandon_cast, monkeypatch):
    def broken(row):
        raise KeyError("surprise")

    monkeypatch.setattr(services, "_decide", broken)
    row = receive(message(sender="cllr@example.org"))
    assert row.status == InboundEmail.objects.get().status == Status.QUARANTINED
    assert "internal error (KeyError)" in row.reason
    assert row.council == sandon_cast.council  # held where its Clerk sees it
    event = AuditEvent.objects.get(action=events.INBOUND_EMAIL_QUARANTINED)
    assert event.subject_id == str(row.pk)
    assert not Enquiry.objects.exists()


def test_intake_addresses_are_read_back_to_their_council():
    from councildesk.mailin.rules import intake_addresses, intake_slugs

    configured = "sandon-burston=members@sandon.example"
    addresses = ["Members@Sandon.example", "cottingham@localhost", "sandon-burston@localhost", "reply+x@localhost"]
    assert intake_slugs(configured, "localhost", addresses) == {
        "members@sandon.example": "sandon-burston",
        "cottingham@localhost": "cottingham",
    }
    forward = intake_addresses(configured, ["sandon-burston", "cottingham"], "localhost")
    assert intake_slugs(configured, "localhost", forward.values()) == {v: k for k, v in forward.items()}

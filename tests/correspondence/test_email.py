"""Email both ways: the reply handlers that mail intake calls, and headers that cannot be broken by a line break."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.db import transaction

from councildesk.core.errors import DomainError
from councildesk.correspondence import services
from councildesk.correspondence.models import CopyRequest, Message
from councildesk.notifications import replyto
from councildesk.notifications.delivery import deliver_due
from councildesk.notifications.models import OutboxEmail


def _reply(w, kind, object_id, person, text, message_id="<reply-1@mail.example>", files=()):
    token = replyto.ReplyToken(w.council.pk, kind, object_id, person.pk)
    return replyto.InboundReply(token, person.email, "Re: x", text, message_id, tuple(files))


def test_a_thread_reply_by_email_lands_once_with_its_attachment(world):
    w = world("mayor-town")
    thread = services.thread_start(
        actor=w.cllr, council=w.council, subject="Allotments", body="Any plots free?", to_ids=[w.head.pk]
    )
    data = b"%PDF-1.4 plot plan"
    attachment = replyto.InboundFile("plan.pdf", "application/pdf", data, hashlib.sha256(data).hexdigest())
    handler = replyto.handler_for("thread")
    placed = handler(_reply(w, "thread", thread.pk, w.head, "Two are free.", files=[attachment]))
    assert f"/correspondence/{thread.pk}/" in placed.url
    again = handler(_reply(w, "thread", thread.pk, w.head, "Two are free.", files=[attachment]))
    assert "applied once" in again.description
    message = thread.messages.get(via=Message.Via.EMAIL)
    assert thread.messages.filter(message_id="<reply-1@mail.example>").count() == 1
    stored = message.attachments.get()
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.file.read() == data
    with pytest.raises(DomainError):
        handler(_reply(w, "thread", thread.pk, w.cllr2, "I am not in this"))


@pytest.mark.rule("CORRESPONDENCE_COPY_OR_FORWARD_NEEDS_CONSENT")
def test_consent_by_reply_reads_the_first_word(world):
    w = world("mayor-town")
    thread = services.thread_start(
        actor=w.cllr, council=w.council, subject="Parking", body="Cars on the verge.", to_ids=[w.head.pk]
    )
    asked = services.copy_request(
        actor=w.head, council=w.council, thread_id=thread.pk, person_id=w.cllr2.pk, reason="Her ward too"
    )
    consent = asked.consents.get()
    handler = replyto.handler_for("consent")
    with pytest.raises(DomainError, match="Could not tell"):
        handler(_reply(w, "consent", consent.pk, w.cllr, "Maybe, let me think"))
    placed = handler(_reply(w, "consent", consent.pk, w.cllr, "Yes, that is fine\n\n> quoted"))
    assert "consented" in placed.description
    asked.refresh_from_db()
    assert asked.status == CopyRequest.Status.APPLIED


def test_a_line_break_in_any_header_value_cannot_break_or_inject_a_header(smtp, world):
    w = world("sandon-burston")
    with transaction.atomic():
        OutboxEmail.objects.create(
            council=w.council,
            to_address=w.cllr.email,
            subject="Line one\r\nBcc: victim@example.org",
            body="Body",
            reply_to="reply+abc@sandon.example\r\nX-Evil: 1",
            cc="A <a@example.org>,\nB <b@example.org>",
            headers={"In-Reply-To": "<x@y>\r\nBcc: victim@example.org", "X-Not-Allowed": "dropped"},
            created_at=dt.datetime(2026, 12, 4, tzinfo=dt.UTC),
            next_attempt_at=dt.datetime(2026, 12, 4, tzinfo=dt.UTC),
        )
    report = deliver_due(dt.datetime(2026, 12, 4, 1, tzinfo=dt.UTC))
    assert (report.sent, report.failed, report.retrying) == (1, 0, 0)
    received = smtp.received[0]
    assert received.envelope_to == [w.cllr.email]
    assert received.message["Subject"] == "Line one Bcc: victim@example.org"
    assert received.message["Bcc"] is None
    assert received.message["X-Evil"] is None
    assert received.message["X-Not-Allowed"] is None
    assert received.message["Cc"] == "A <a@example.org>, B <b@example.org>"


@pytest.mark.rule("CORRESPONDENCE_NO_BLIND_COPIES")
def test_a_thread_email_names_everyone_but_reply_all_answers_only_the_conversation(smtp, world):
    """Each participant gets their own copy: To them, Reply-To their signed address for the conversation, and
    no Cc header, so "reply all" cannot mail the others around the conversation; the body names everyone."""
    from email.utils import getaddresses

    from councildesk.core import clock

    w = world("sandon-burston")
    thread = services.thread_start(
        actor=w.cllr,
        council=w.council,
        subject="Bus shelter",
        body="The panel is broken.",
        to_ids=[w.head.pk, w.officer.pk],
    )
    report = deliver_due(clock.now() + dt.timedelta(days=1))
    assert report.sent == 2
    to_head = next(r for r in smtp.received if r.envelope_to == [w.head.email])
    message = to_head.message
    assert message["Cc"] is None
    assert message["Bcc"] is None
    assert [a for _, a in getaddresses([message["To"]])] == [w.head.email]
    reply_to = message["Reply-To"]
    token = replyto.token_in_address(reply_to)
    assert (token.kind, token.object_id, token.person_id) == ("thread", thread.pk, w.head.pk)
    # What a mail client's "reply all" addresses: Reply-To (in place of From), To and Cc, less the reader's own.
    headers = [h for h in (reply_to, message["To"], message["Cc"]) if h]
    reply_all = {a for _, a in getaddresses(headers)} - {w.head.email}
    assert reply_all == {reply_to}
    body = message.get_payload(decode=True).decode()
    for person in (w.cllr, w.head, w.officer):
        assert str(person) in body.split("In this conversation")[1]

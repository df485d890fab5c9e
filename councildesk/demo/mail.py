"""Demo email, both ways: in each council a conversation (with an attachment) the head officer copied to the chair
with the author's consent (or with notice, where the protocol says so), so it shows its CC line; a councillor's
reply to it sent from a home address, held for the head officer because the sender does not match; and an email
from someone who is not a councillor, held with its reason. Messages come in through ``mailin.services.receive``,
as the listener takes them, and are emailed out through the outbox. Idempotent: threads by subject, emails by
Message-ID."""

from __future__ import annotations

from email.message import EmailMessage

from councildesk.core.errors import DomainError
from councildesk.correspondence import services as correspondence
from councildesk.correspondence.models import Consent, CopyRequest, Thread
from councildesk.councils.models import Council
from councildesk.mailin import services as mailin
from councildesk.mailin.models import InboundEmail
from councildesk.notifications import replyto
from councildesk.people.models import Person

COPIED = "Parking on the High Street"
HELD_REPLY = "Re: " + COPIED
PARKING_COUNTS = b"day,cars on the pavement\r\nMonday,14\r\nTuesday,11\r\nWednesday,17\r\n"


def _email(sender: str, to: str, subject: str, text: str, message_id: str) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = to
    m["Subject"] = subject
    m["Message-ID"] = message_id
    m["Date"] = "Tue, 1 Dec 2026 09:30:00 +0000"
    m.set_content(text)
    return m.as_bytes()


def _copied_thread(council: Council, head: Person, cllr: Person, chair: Person) -> Thread | None:
    thread = Thread.objects.filter(council=council, subject=COPIED).first()
    if thread is not None:
        return thread
    thread = correspondence.thread_start(
        actor=cllr,
        council=council,
        subject=COPIED,
        body="Residents say cars park on the pavement outside the school at pick-up time. Can we ask for a patrol?",
        to_ids=[head.pk],
    )
    correspondence.message_post(
        actor=head,
        council=council,
        thread_id=thread.pk,
        body="I have asked the highways team; their counts are attached. The chair may want to raise it.",
        attachments=[("parking-counts.csv", PARKING_COUNTS)],
    )
    try:
        request = correspondence.copy_request(
            actor=head,
            council=council,
            thread_id=thread.pk,
            person_id=chair.pk,
            reason="The chair is putting parking on the next agenda.",
            reviewed=True,
        )
    except DomainError:  # a council whose protocol refuses the copy: the conversation stays between the two
        return thread
    for consent in Consent.objects.filter(request=request, answer=Consent.Answer.WAITING):
        correspondence.consent_answer(actor=consent.author, council=council, consent_id=consent.pk, give=True)
    return thread


def load_demo_mail(council: Council, prefix: str, head_key: str) -> list[str]:
    """For the council whose demo people are ``<prefix>.<key>``: its head officer, "cllr" and "chair"."""
    lines: list[str] = []
    head_p = Person.objects.get(username=f"{prefix}.{head_key}")
    cllr_p = Person.objects.get(username=f"{prefix}.cllr")
    chair_p = Person.objects.get(username=f"{prefix}.chair")
    new_thread = not Thread.objects.filter(council=council, subject=COPIED).exists()
    thread = _copied_thread(council, head_p, cllr_p, chair_p)
    if new_thread and thread is not None:
        copied = CopyRequest.objects.filter(thread=thread, status=CopyRequest.Status.APPLIED).exists()
        lines.append(f"{council.slug}: a conversation {'copied to the chair' if copied else 'not copied'}")
    intake = mailin.intake_addresses()[council.slug]
    held: list[tuple[bytes, str]] = []
    if thread is not None:
        reply_to = replyto.reply_address(council_id=council.pk, kind="thread", object_id=thread.pk, person_id=cllr_p.pk)
        home = f"{cllr_p.first_name}.{cllr_p.last_name}@home.example".lower().replace(" ", "")
        text = "Thank you. A patrol in the first week of term would help most."
        held.append(
            (
                _email(f"{cllr_p} <{home}>", reply_to, HELD_REPLY, text, f"<demo-reply.{council.slug}@home.example>"),
                reply_to,
            )
        )
    offer = "Buy ten chairs and get the eleventh free."
    held.append(
        (
            _email(
                "Sales <offers@supplier.example>",
                intake,
                "Office chairs",
                offer,
                f"<demo-offer.{council.slug}@supplier.example>",
            ),
            intake,
        )
    )
    before = InboundEmail.objects.filter(council=council).count()
    for raw, rcpt in held:
        mailin.receive(raw, via=InboundEmail.Via.LISTENER, envelope_from="mx@example.org", envelope_to=[rcpt])
    if made := InboundEmail.objects.filter(council=council).count() - before:
        lines.append(f"{council.slug}: {made} incoming emails held for the head officer, each with its reason")
    return lines

"""The handlers that place email replies (registered with ``notifications.replyto`` at startup by apps.py).

Intake has already matched the reply's token and checked its sender and attachments. Here the protocol still
holds: the token's person must be in that conversation, in that council, and still hold a role there. Anything
else raises a ``DomainError``, which intake quarantines with the message.
"""

from __future__ import annotations

from django.urls import reverse

from councildesk.core.errors import DomainError, NotFound
from councildesk.councils.models import Council
from councildesk.notifications import replyto
from councildesk.people.models import Person

from . import rules, services
from .models import Consent, Message, Participant


def _council_and_person(reply: replyto.InboundReply) -> tuple[Council, Person]:
    council = Council.objects.filter(pk=reply.token.council_id).first()
    person = Person.objects.filter(pk=reply.token.person_id, is_active=True).first()
    if council is None or person is None:
        raise NotFound("The conversation this reply belongs to")
    return council, person


@replyto.handles("thread")
def place_thread_reply(reply: replyto.InboundReply) -> replyto.Placed:
    council, person = _council_and_person(reply)
    if not Participant.objects.filter(thread_id=reply.token.object_id, thread__council=council, person=person).exists():
        raise DomainError(f"{person} is not in that conversation, so their reply cannot be added to it.")
    files = [services.NewFile(f.name, f.content_type, f.data, f.sha256) for f in reply.attachments]
    message, created = services.message_post(
        actor=person,
        council=council,
        thread_id=reply.token.object_id,
        body=reply.text,
        via=Message.Via.EMAIL,
        message_id=reply.message_id,
        files=files,
    )
    url = reverse("correspondence_thread", kwargs={"slug": council.slug, "thread_id": message.thread_id})
    what = "added to" if created else "already in (the same Message-ID was applied once)"
    return replyto.Placed(f"Reply from {person} {what} the conversation “{message.thread.subject}”", url)


@replyto.handles("consent")
def place_consent_reply(reply: replyto.InboundReply) -> replyto.Placed:
    council, person = _council_and_person(reply)
    consent = (
        Consent.objects.select_related("request__thread")
        .filter(pk=reply.token.object_id, author=person, request__thread__council=council)
        .first()
    )
    if consent is None:
        raise NotFound("The request this reply answers")
    answer = rules.consent_word(reply.text)
    if answer is None:
        raise DomainError(
            "Could not tell whether this reply consents or refuses: its first word should be YES (or agree, "
            "consent) to consent, or NO (or refuse) to refuse."
        )
    request = services.consent_answer(actor=person, council=council, consent_id=consent.pk, give=answer, via="email")
    url = reverse("correspondence_thread", kwargs={"slug": council.slug, "thread_id": request.thread_id})
    verb = "consented to" if answer else "refused"
    return replyto.Placed(f"{person} {verb} copying “{request.thread.subject}” to {request.recipient_label}", url)

"""End to end across the two email halves: a councillor's emailed reply to a conversation's reply address lands
in that conversation through the correspondence app's own handler, once; a forged token is held."""

from __future__ import annotations

from councildesk.correspondence import services as correspondence
from councildesk.correspondence.models import Message
from councildesk.mailin.models import InboundEmail

from .conftest import message, token_address
from .test_intake import receive

Status = InboundEmail.Status


def test_an_emailed_reply_lands_in_its_conversation_once(sandon_cast):
    cast = sandon_cast
    thread = correspondence.thread_start(
        actor=cast.head,
        council=cast.council,
        subject="Mill Lane",
        body="What do residents say?",
        to_ids=[cast.councillor.pk],
    )
    address = token_address(cast, kind="thread", object_id=thread.pk, person=cast.councillor)
    raw = message(to=address, text="They want the potholes filled before winter.", message_id="<r1@example.org>")
    placed = receive(raw, envelope_to=[address])
    assert placed.status == Status.PLACED, placed.reason
    bodies = list(Message.objects.filter(thread=thread).order_by("pk").values_list("body", flat=True))
    assert bodies[-1].startswith("They want the potholes filled before winter.")
    again = receive(raw, envelope_to=[address])  # the same Message-ID delivered twice
    assert Message.objects.filter(thread=thread).count() == len(bodies)
    assert again.pk == placed.pk


def test_a_reply_to_a_conversation_the_sender_is_not_in_is_held(sandon_cast):
    cast = sandon_cast
    thread = correspondence.thread_start(
        actor=cast.head,
        council=cast.council,
        subject="Budget",
        body="Figures attached later.",
        to_ids=[cast.officer.pk],
    )
    address = token_address(cast, kind="thread", object_id=thread.pk, person=cast.councillor)  # not a participant
    held = receive(message(to=address, text="Me too.", message_id="<r2@example.org>"), envelope_to=[address])
    assert held.status == Status.QUARANTINED
    assert Message.objects.filter(thread=thread).count() == 1

"""Reads about correspondence, each through one gate per object type. A thread is seen only by its participants
(a host administrator included only if a participant): anyone else gets ``NotFound``, exactly like a missing id.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from councildesk.core.errors import NotFound
from councildesk.people.access import Membership
from councildesk.people.kinds import MEMBER_KINDS, OFFICER_KINDS
from councildesk.people.models import Person, Role, active_on
from councildesk.people.selectors import role_holders

from .models import Attachment, Consent, CopyRequest, Letter, Message, Participant, Thread

CORRESPONDENT_KINDS = MEMBER_KINDS | OFFICER_KINDS
MAX_ID = 2**63 - 1  # larger numbers cannot name a row, and some databases refuse to compare with them


def valid_id(value: int) -> bool:
    return 0 < value <= MAX_ID


def threads_visible(m: Membership) -> QuerySet[Thread]:
    return Thread.objects.filter(council=m.council, participants__person=m.person)


def threads_list_for(m: Membership) -> list[Thread]:
    return list(threads_visible(m).select_related("started_by").order_by("-last_message_at", "-pk")[:100])


def thread_get_for(m: Membership, thread_id: int) -> Thread:
    if not valid_id(thread_id):
        raise NotFound("That conversation")
    thread = threads_visible(m).select_related("started_by").filter(pk=thread_id).first()
    if thread is None:
        raise NotFound("That conversation")
    return thread


def participants_of(thread: Thread) -> list[Participant]:
    return list(thread.participants.select_related("person"))


def messages_of(thread: Thread) -> list[Message]:
    return list(thread.messages.select_related("author").prefetch_related("attachments"))


def copy_requests_of(thread: Thread) -> list[CopyRequest]:
    consents = Consent.objects.select_related("author")
    return list(
        thread.copy_requests.select_related("requested_by", "person").prefetch_related(
            Prefetch("consents", queryset=consents)
        )
    )


def consents_waiting_for(m: Membership) -> list[Consent]:
    return list(
        Consent.objects.filter(
            author=m.person, answer=Consent.Answer.WAITING, request__thread__council=m.council
        ).select_related("request", "request__thread", "request__requested_by", "request__person")
    )


def correspondents(m: Membership) -> list[Person]:
    """Everyone the actor can write to here: the council's councillors and officers today, but themselves."""
    return [p for p in role_holders(m.council, CORRESPONDENT_KINDS, m.day) if p.pk != m.person.pk]


def kinds_of(m: Membership, person: Person) -> frozenset[str]:
    return frozenset(
        active_on(Role.objects.filter(council=m.council, person=person), m.day).values_list("kind", flat=True)
    )


def line_manager_of(m: Membership, person: Person) -> Person | None:
    role = (
        active_on(Role.objects.filter(council=m.council, person=person, line_manager__isnull=False), m.day)
        .select_related("line_manager")
        .first()
    )
    return role.line_manager if role else None


def holder_of(m: Membership, kind: str, person: Person) -> Person | None:
    """The person to go to for a route: a role's first holder today, or the person's own line manager."""
    if kind == "line_manager":
        return line_manager_of(m, person)
    holders = role_holders(m.council, [kind], m.day)
    return holders[0] if holders else None


# ---- letters ------------------------------------------------------------------------------------------------------


def letters_visible(m: Membership) -> QuerySet[Letter]:
    """Officers see the council's letters; a councillor sees the letters they drafted, signed or must check."""
    rows = Letter.objects.filter(council=m.council)
    if m.kinds & OFFICER_KINDS:
        return rows
    from django.db.models import Q

    return rows.filter(Q(drafted_by=m.person) | Q(signatory=m.person) | Q(checker=m.person))


def letters_list_for(m: Membership) -> list[Letter]:
    return list(letters_visible(m).select_related("signatory")[:100])


def letter_get_for(m: Membership, letter_id: int) -> Letter:
    if not valid_id(letter_id):
        raise NotFound("That letter")
    letter = letters_visible(m).select_related("signatory", "drafted_by", "checker").filter(pk=letter_id).first()
    if letter is None:
        raise NotFound("That letter")
    return letter


def attachment_get_for(m: Membership, attachment_id: int) -> Attachment:
    """An attachment of a message in a conversation the viewer is in; ``NotFound`` otherwise, as for a missing id."""
    if not valid_id(attachment_id):
        raise NotFound("That attachment")
    found = Attachment.objects.filter(pk=attachment_id, message__thread__in=threads_visible(m)).first()
    if found is None:
        raise NotFound("That attachment")
    return found

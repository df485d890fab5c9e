"""Questions about interpreting the protocol go to the role the profile names (002 1.9: the Monitoring Officer;
004 15.1: the Town Clerk) and run on the enquiry clock: the council's enquiry response target, on its calendar.

The enquiry app's categories are its own, so a question is a small record here with the same clock arithmetic
(``calendars.working_days.deadline`` with ``councils.calendar.calendar_for``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.calendars.working_days import deadline
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import Conflict, NotFound, ValidationFailed
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person
from councildesk.people.selectors import role_holders

from .models import InterpretationQuestion
from .permissions import can_answer_question, can_keep_protocol

MAX_CHARS = 5000


@implements(
    R.PROTOCOL_INTERPRETATION_QUERIES_ROUTE,
    silent="baseline",
    baseline="questions about the protocol still need an answer; the profile names the head officer by default",
)
def adviser_for(council: Council) -> str:
    """The role kind that answers questions about the protocol here."""
    return council.profile.deciders.protocol_interpretation


@transaction.atomic
def question_ask(*, actor: Person, council: Council, question: str, clause: str = "") -> InterpretationQuestion:
    membership_for(actor, council.slug)  # the gate: anyone with a current role here may ask
    question, clause = question.strip(), clause.strip()
    problems = {}
    if not question:
        problems["question"] = "Enter your question about the protocol"
    elif len(question) > MAX_CHARS:
        problems["question"] = f"Your question must be {MAX_CHARS:,} characters or fewer"
    if len(clause) > 200:
        problems["clause"] = "The clause must be 200 characters or fewer"
    if problems:
        raise ValidationFailed("The question could not be sent.", problems)
    kind = adviser_for(council)
    now = clock.now()
    target = council.profile.targets.enquiry_response
    due = None
    if target is not None:
        due = deadline(clock.today(), target.value, target.unit, calendar_for(council))
    q = InterpretationQuestion.objects.create(
        council=council,
        asked_by=actor,
        adviser_kind=kind,
        clause=clause,
        question=question,
        asked_at=now,
        response_value=target.value if target else None,
        response_unit=target.unit if target else "",
        response_due=due.due if due else None,
        calendar=due.calendar if due else "",
    )
    record(
        council=council,
        actor=actor,
        action=events.PROTOCOL_QUESTION_ASKED,
        subject=q,
        data={
            "adviser_kind": kind,
            "clause": clause,
            "response_due": q.response_due.isoformat() if q.response_due else None,
        },
        rule_ids=[R.PROTOCOL_INTERPRETATION_QUERIES_ROUTE],
    )
    title = council.profile.title_for(kind)
    url = reverse("protocol_questions", args=[council.slug])
    for person in role_holders(council, [kind], clock.today()):
        notify(
            council=council,
            recipient=person,
            kind="protocol_question.asked",
            subject=f"A question about the protocol from {actor.get_full_name() or actor.username}",
            body=f"As {title}, you answer questions about the council's protocol.",
            url=url,
            dedupe_key=f"protocol_question:{q.pk}:asked:{person.pk}",
        )
    return q


@transaction.atomic
def question_answer(*, actor: Person, council: Council, question_id: int, answer: str) -> InterpretationQuestion:
    m = membership_for(actor, council.slug)
    q = InterpretationQuestion.objects.select_for_update().filter(council=council, pk=question_id).first()
    if q is None or not can_answer_question(m, q.adviser_kind):
        raise NotFound("That question")
    if not q.is_open:
        raise Conflict("This question has already been answered.")
    answer = answer.strip()
    if not answer:
        raise ValidationFailed("The answer could not be sent.", {"answer": "Enter your answer"})
    if len(answer) > MAX_CHARS:
        raise ValidationFailed(
            "The answer could not be sent.", {"answer": f"Your answer must be {MAX_CHARS:,} characters or fewer"}
        )
    q.answer, q.answered_by, q.answered_at = answer, actor, clock.now()
    q.save(update_fields=["answer", "answered_by", "answered_at"])
    record(
        council=council,
        actor=actor,
        action=events.PROTOCOL_QUESTION_ANSWERED,
        subject=q,
        data={"on_time": bool(q.response_due is None or clock.today() <= q.response_due)},
        rule_ids=[R.PROTOCOL_INTERPRETATION_QUERIES_ROUTE],
    )
    notify(
        council=council,
        recipient=q.asked_by,
        kind="protocol_question.answered",
        subject="Your question about the protocol has been answered",
        body=answer[:500],
        url=reverse("protocol_questions", args=[council.slug]),
        dedupe_key=f"protocol_question:{q.pk}:answered",
    )
    return q


def questions_for(m: Membership) -> QuerySet[InterpretationQuestion]:
    """Your own questions; the adviser (and the head officer) see every question here."""
    rows = InterpretationQuestion.objects.filter(council=m.council).select_related("asked_by", "answered_by")
    if can_keep_protocol(m) or adviser_for(m.council) in m.kinds:
        return rows[:200]
    return rows.filter(Q(asked_by=m.person))[:200]

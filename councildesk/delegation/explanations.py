"""A councillor asks the officer who took a delegated decision to explain the guidelines used in making it
(002 3.7). The request goes to that officer, runs on the council's enquiry clock, and the answer is recorded.
Seen by the councillor who asked, the officer and the head officer."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse

from councildesk.audit.services import record
from councildesk.calendars.working_days import deadline
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person

from . import events, rules
from .models import Decision, Explanation
from .selectors import decision_get_for


def may_ask(m: Membership, decision: Decision) -> bool:
    return (
        m.council.profile.adopts(R.DELEGATION_GUIDELINES_EXPLAINED_ON_REQUEST)
        and m.is_member
        and decision.decided_by_id != m.person.pk
    )


def explanations_visible(m: Membership) -> QuerySet[Explanation]:
    rows = Explanation.objects.filter(council=m.council)
    if m.is_head_officer:
        return rows
    return rows.filter(Q(asked_by=m.person) | Q(decision__decided_by=m.person))


def explanation_get_for(m: Membership, pk: int) -> Explanation:
    row = explanations_visible(m).filter(pk=pk).select_related("decision", "asked_by", "answered_by").first()
    if row is None:
        raise NotFound("That request")
    return row


@implements(R.DELEGATION_GUIDELINES_EXPLAINED_ON_REQUEST)
def explanation_request(*, actor: Person, council: Council, decision_id: int, question: str) -> Explanation:
    m = membership_for(actor, council.slug)
    decision = decision_get_for(m, decision_id)
    if not may_ask(m, decision):
        raise NotFound("That page")
    if not question.strip():
        raise ValidationFailed("Say what you would like explained", {"question": "Say what you would like explained"})
    if len(question) > rules.MAX_TEXT:
        raise ValidationFailed("Too long", {"question": f"Use {rules.MAX_TEXT:,} characters or fewer"})
    target = council.profile.targets.enquiry_response
    due = deadline(m.day, target.value, target.unit, calendar_for(council)).due if target else None
    with transaction.atomic():
        row = Explanation.objects.create(
            council=council,
            decision=decision,
            asked_by=actor,
            question=question.strip(),
            asked_on=m.day,
            due_on=due,
            created_at=clock.now(),
        )
        notify(
            council=council,
            recipient=decision.decided_by,
            kind="delegated_decision",
            subject=f"{actor} asks you to explain the guidelines behind a delegated decision"[:200],
            body=f"Decision: {decision.title}\n\n{row.question}"
            + (f"\n\nPlease reply by {long_date(due)}." if due else ""),
            url=reverse("delegation_answer", kwargs={"slug": council.slug, "explanation_id": row.pk}),
            dedupe_key=f"explanation:{row.pk}:asked",
        )
        record(
            council=council,
            actor=actor,
            action=events.EXPLANATION_REQUESTED,
            subject=row,
            data={"decision": decision.pk, "due_on": due.isoformat() if due else None},
            rule_ids=[R.DELEGATION_GUIDELINES_EXPLAINED_ON_REQUEST],
        )
    return row


def explanation_answer(*, actor: Person, council: Council, pk: int, answer: str) -> Explanation:
    """The officer who took the decision (or the head officer) explains the guidelines; the councillor is told."""
    m = membership_for(actor, council.slug)
    row = explanation_get_for(m, pk)
    if actor.pk not in (row.decision.decided_by_id,) and not m.is_head_officer:
        raise NotFound("That request")
    if row.answered_on is not None:
        raise ValidationFailed("Already answered", {"answer": f"Answered on {long_date(row.answered_on)}"})
    if not answer.strip() or len(answer) > rules.MAX_TEXT:
        raise ValidationFailed("Check the answer", {"answer": "Explain the guidelines you used"})
    with transaction.atomic():
        row.answer = answer.strip()
        row.answered_by = actor
        row.answered_on = m.day
        row.save(update_fields=["answer", "answered_by", "answered_on"])
        notify(
            council=council,
            recipient=row.asked_by,
            kind="delegated_decision",
            subject=f"Explanation of the delegated decision: {row.decision.title}"[:200],
            body=row.answer,
            url=reverse("delegation_answer", kwargs={"slug": council.slug, "explanation_id": row.pk}),
            dedupe_key=f"explanation:{row.pk}:answered",
        )
        record(
            council=council,
            actor=actor,
            action=events.EXPLANATION_GIVEN,
            subject=row,
            data={"decision": row.decision_id},
            rule_ids=[R.DELEGATION_GUIDELINES_EXPLAINED_ON_REQUEST],
        )
    return row

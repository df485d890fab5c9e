"""Advice on conflicts between a member's roles, and the warning where a declared relationship pairs a member with
an officer.

- ``advice_request``: a member who sees a likely conflict of interest between their roles asks the head officer or
  the Monitoring Officer for advice (004 2.1). Seen by the member who asked and the person asked.
- ``perceived_conflict``: once a relationship has been disclosed, both should avoid a situation where a conflict
  could be perceived, beyond formal decisions (004 4.4). Where the product pairs the two (a chair consulted on an
  officer's delegated decision), it warns with the clause; it does not refuse, because the rule asks for judgement.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import Citation, NotFound, ValidationFailed
from councildesk.councils.models import Council
from councildesk.notifications.models import OutboxEmail
from councildesk.notifications.services import notify
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person
from councildesk.people.selectors import role_holders

from . import events, rules
from .models import AdviceRequest
from .selectors import declared_connection


def may_ask(m: Membership) -> bool:
    return m.council.profile.adopts(R.DECLARATIONS_ROLE_CONFLICT_ADVICE) and m.is_member


def advice_visible(m: Membership) -> QuerySet[AdviceRequest]:
    mine = Q(asked_by=m.person)
    if m.is_head_officer:
        mine |= Q(addressed_to=AdviceRequest.To.HEAD_OFFICER)
    if role_kinds.MONITORING_OFFICER in m.kinds:
        mine |= Q(addressed_to=AdviceRequest.To.MONITORING_OFFICER)
    return AdviceRequest.objects.filter(mine, council=m.council)


def advice_get_for(m: Membership, pk: int) -> AdviceRequest:
    row = advice_visible(m).filter(pk=pk).select_related("asked_by", "answered_by").first()
    if row is None:
        raise NotFound("That request")
    return row


def _url(row: AdviceRequest) -> str:
    return reverse("conflict_advice", kwargs={"slug": row.council.slug, "conflict_advice_id": row.pk})


@implements(R.DECLARATIONS_ROLE_CONFLICT_ADVICE)
def advice_request(*, actor: Person, council: Council, to: str, question: str) -> AdviceRequest:
    """A member asks for advice on a likely conflict between their roles; it goes to the person they chose."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    if not may_ask(m):
        raise NotFound("That page")
    problems: dict[str, str] = {}
    if to not in AdviceRequest.To.values:
        problems["to"] = "Choose who to ask"
    if not question.strip():
        problems["question"] = "Describe your roles and the conflict you foresee"
    elif len(question) > rules.MAX_DETAILS * 5:
        problems["question"] = "Use 10,000 characters or fewer"
    if problems:
        raise ValidationFailed("Check your request", problems)
    kind = profile.roles.head_of_paid_service if to == AdviceRequest.To.HEAD_OFFICER else role_kinds.MONITORING_OFFICER
    people = [p for p in role_holders(council, [kind], m.day) if p.pk != actor.pk]
    email_to = None
    if not people and to == AdviceRequest.To.MONITORING_OFFICER:
        email_to = profile.principal_council.monitoring_officer_email
    if not people and not email_to:
        raise ValidationFailed("Nobody can receive it", {"to": "Nobody holds that post today: choose the other"})
    sent_to = "; ".join(str(p) for p in people) or str(email_to)
    with transaction.atomic():
        row = AdviceRequest.objects.create(
            council=council,
            asked_by=actor,
            addressed_to=to,
            sent_to=sent_to[:300],
            question=question.strip(),
            asked_at=clock.now(),
        )
        for person in people:
            notify(
                council=council,
                recipient=person,
                kind="declaration",
                subject=f"{actor} asks for advice on a conflict between their roles"[:200],
                body="Sign in to read the request. It is seen only by the member and you.",
                url=_url(row),
                dedupe_key=f"conflict_advice:{row.pk}:{person.pk}",
            )
        if email_to:
            now = clock.now()
            OutboxEmail.objects.create(
                council=council,
                to_address=email_to,
                subject=f"A member of {council.name} asks for advice on a conflict of interest"[:200],
                body=f"{actor} ({', '.join(m.titles())}) asks:\n\n{row.question}\n",
                created_at=now,
                next_attempt_at=now,
            )
        record(
            council=council,
            actor=actor,
            action=events.ADVICE_REQUESTED,
            subject=row,
            data={"to": to, "sent_to": row.sent_to, "emailed": bool(email_to)},
            rule_ids=[R.DECLARATIONS_ROLE_CONFLICT_ADVICE],
        )
    return row


def advice_answer(*, actor: Person, council: Council, pk: int, answer: str) -> AdviceRequest:
    m = membership_for(actor, council.slug)
    row = advice_get_for(m, pk)
    if row.asked_by_id == actor.pk:
        raise NotFound("That request")
    if row.answered_at is not None:
        raise ValidationFailed("Already answered", {"answer": "This request has been answered"})
    if not answer.strip() or len(answer) > 10_000:
        raise ValidationFailed("Check the advice", {"answer": "Enter your advice, 10,000 characters or fewer"})
    with transaction.atomic():
        row.answer = answer.strip()
        row.answered_by = actor
        row.answered_at = clock.now()
        row.save(update_fields=["answer", "answered_by", "answered_at"])
        notify(
            council=council,
            recipient=row.asked_by,
            kind="declaration",
            subject="Your request for advice on a conflict of interest has been answered",
            body="Sign in to read the advice.",
            url=_url(row),
            dedupe_key=f"conflict_advice:{row.pk}:answered",
        )
        record(
            council=council,
            actor=actor,
            action=events.ADVICE_GIVEN,
            subject=row,
            data={},
            rule_ids=[R.DECLARATIONS_ROLE_CONFLICT_ADVICE],
        )
    return row


@implements(R.DECLARATIONS_AVOID_PERCEIVED_CONFLICT)
def perceived_conflict(council: Council, a: Person, b: Person, day: dt.date) -> tuple[str, list[Citation]] | None:
    """A warning, with the clause, when two people the product is about to pair have a declared relationship."""
    citations = council.profile.cite(R.DECLARATIONS_AVOID_PERCEIVED_CONFLICT)
    if not citations or not declared_connection(council, a, b, day):
        return None
    return (
        f"{a} and {b} have a declared relationship. Both should avoid a situation where a conflict could be "
        "perceived: consider whether someone else should take this part.",
        citations,
    )

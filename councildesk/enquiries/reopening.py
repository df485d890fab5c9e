"""After an answer: the councillor who raised an enquiry may follow it up, or reopen it when not satisfied, within
the window the council's profile sets (``enquiries.reopen_window``, a default of 5 working days). Reopening
restarts the clock from that day. No protocol sets the window, so a refusal says it is a council setting and
cites the council's response-target clause, the clock the reopened enquiry runs on again.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.conf import settings
from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.calendars.working_days import Unit, deadline
from councildesk.catalogue.ids import R
from councildesk.core import clock
from councildesk.core.errors import ProtocolViolation
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.models import Person
from councildesk.people.selectors import role_holders

from . import states
from .common import checked_text, long_date, note_add, url_of
from .deadlines import recompute
from .handling import _locked
from .models import Enquiry
from .states import Action


def window_text(council: Council) -> str:
    w = council.profile.enquiries.reopen_window
    unit = "working day" if w.unit == "working_days" else "calendar day"
    return f"{w.value} {unit}{'' if w.value == 1 else 's'}"


def window_closes(e: Enquiry) -> dt.date | None:
    """The last day the raiser may follow up or reopen this closed enquiry; None while it is open."""
    day = e.answered_on
    if day is None:
        return None
    w = e.council.profile.enquiries.reopen_window
    return deadline(day, w.value, cast(Unit, w.unit), calendar_for(e.council)).due


def may_reopen(e: Enquiry, person: Person, today: dt.date) -> bool:
    closes = window_closes(e)
    return (
        closes is not None
        and today <= closes
        and person.pk == e.raised_by_id
        and e.direction == Enquiry.Direction.TO_OFFICER
    )


def _check(e: Enquiry, actor: Person, what: str) -> None:
    council = e.council
    citations = council.profile.cite(R.ENQUIRY_RESPONSE_TARGET)
    if actor.pk != e.raised_by_id or e.direction != Enquiry.Direction.TO_OFFICER:
        raise ProtocolViolation(
            reason=(
                f"Only the councillor who raised {e.ref} can {what} it. If you have your own question about this, "
                "raise a new enquiry."
            ),
            citations=citations,
        )
    closes = window_closes(e)
    if closes is None or clock.today() > closes:
        when = (
            f" It was answered on {long_date(e.answered_on)}; the window closed on {long_date(closes)}."
            if closes
            else ""
        )
        raise ProtocolViolation(
            reason=(
                f"An enquiry can be followed up or reopened within {window_text(council)} of its answer (a council "
                f"setting: the protocol sets no window).{when} Raise a new enquiry instead; you can mention {e.ref}."
            ),
            citations=citations,
        )


def _handlers(e: Enquiry) -> set[Person]:
    people = {p for p in (e.assignee, e.addressed_to) if p is not None}
    if not people:
        kind = e.council.profile.roles.head_of_paid_service
        people = set(role_holders(e.council, {kind}, clock.today()))
    return people


def _tell(e: Enquiry, subject: str, body: str, key: str) -> None:
    for person in _handlers(e):
        notify(
            council=e.council,
            recipient=person,
            kind=f"enquiry.{key.split(':')[0]}",
            subject=subject,
            body=body,
            url=url_of(e),
            dedupe_key=f"enquiry:{e.pk}:{key}:{person.pk}",
        )


def enquiry_follow_up(*, actor: Person, council: Council, pk: int, text: str) -> Enquiry:
    """The raiser asks a further question about the answer; the enquiry stays answered."""
    with transaction.atomic():
        _, e = _locked(actor, council, pk)
        e.status = states.after(e.status, Action.FOLLOW_UP, f"Enquiry {e.ref}")
        _check(e, actor, "follow up")
        body = checked_text(text, "text", "follow-up", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
        note_add(e=e, actor=actor, kind="followed up", text=body)
        record(
            council=council,
            actor=actor,
            action=events.ENQUIRY_FOLLOWED_UP,
            subject=e,
            data={"length": len(body)},
            rule_ids=[c.rule_id for c in council.profile.cite(R.ENQUIRY_RESPONSE_TARGET)],
        )
        _tell(e, f"{e.ref} followed up: {e.subject}", body[:200], f"followed_up:{e.notes.count()}")
    return e


def enquiry_reopen(*, actor: Person, council: Council, pk: int, reason: str) -> Enquiry:
    """The raiser is not satisfied: the enquiry is open again, with its response target counted afresh from
    today."""
    with transaction.atomic():
        _, e = _locked(actor, council, pk)
        why = checked_text(reason, "reason", "reason for reopening", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
        _check(e, actor, "reopen")
        e.status = states.after(e.status, Action.REOPEN, f"Enquiry {e.ref}")
        if e.assignee_id is not None:
            e.status = states.after(e.status, Action.ASSIGN, f"Enquiry {e.ref}")
        today = clock.today()
        e.closed_at = None
        e.answer = ""
        e.decline_code = e.decline_rule = e.decline_clause = ""
        e.clock_start = today
        e.extra_units = 0
        e.notices_sent = 0
        e.paused_since, e.pause_reason = None, ""
        recompute(e, calendar_for(council), today)
        e.save()
        due = f"; now due {long_date(e.response_due)}" if e.response_due else ""
        note_add(e=e, actor=actor, kind="reopened", text=f"{why} (the clock restarted{due})")
        record(
            council=council,
            actor=actor,
            action=events.ENQUIRY_REOPENED,
            subject=e,
            data={"response_due": e.response_due.isoformat() if e.response_due else None},
            rule_ids=[c.rule_id for c in council.profile.cite(R.ENQUIRY_RESPONSE_TARGET)],
        )
        _tell(e, f"{e.ref} reopened: {e.subject}", why[:200], f"reopened:{e.notes.count()}")
    return e

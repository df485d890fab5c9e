"""Handling an enquiry once raised: acknowledge, assign, answer, decline, pause, resume, extend, prioritise,
escalate and comment. Each runs gate -> rule -> write -> audit -> notifications in one transaction, on a row
locked for update, so two officers acting at once cannot both close it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.core import clock
from councildesk.core.errors import Conflict, NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person

from . import rules
from .clock import Notice, overdue
from .deadlines import recompute, reschedule, units_between
from .models import Enquiry
from .permissions import can_handle, can_see, manages_queue
from .services import _kinds_of, _text, cite, note_add, officers_of, url_of

MAX_EXTENSION_UNITS = 60


def _locked(actor: Person, council: Council, pk: int) -> tuple[Membership, Enquiry]:
    m = membership_for(actor, council.slug)
    e = Enquiry.objects.select_for_update().filter(council=council, pk=pk).first()
    if e is None or not can_see(m, e, rules.route_for(council.profile, e.category).recipient_kind):
        raise NotFound("That enquiry")
    return m, e


def _require_open(e: Enquiry) -> None:
    if not e.is_open:
        raise Conflict(f"Enquiry E{e.pk} is already {e.get_status_display().lower()}; nothing was changed.")


def _require_handler(m: Membership, e: Enquiry) -> None:
    if not can_handle(m, e):
        head = m.council.profile.head_officer_title()
        raise ProtocolViolation(
            reason=f"Only the officer handling this enquiry, or the {head}, can do that.",
            citations=cite(m.council, rules.PRIORITIES),
        )


def _tell(e: Enquiry, people: Iterable[Person | None], kind: str, subject: str, body: str, key: str) -> None:
    for person in {p for p in people if p is not None}:
        notify(
            council=e.council,
            recipient=person,
            kind=kind,
            subject=subject,
            body=body,
            url=url_of(e),
            dedupe_key=f"enquiry:{e.pk}:{key}:{person.pk}",
        )


def _record(e: Enquiry, actor: Person, action: str, data: dict[str, object], rule_ids: list[str]) -> None:
    record(council=e.council, actor=actor, action=action, subject=e, data=data, rule_ids=rule_ids)


def enquiry_acknowledge(*, actor: Person, council: Council, pk: int) -> Enquiry:
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_open(e)
        _require_handler(m, e)
        if e.acknowledged_at is None:
            e.acknowledged_at = clock.now()
            reschedule(e, calendar_for(council))
            e.save()
            note_add(e=e, actor=actor, kind="acknowledged")
            _record(e, actor, events.ENQUIRY_ACKNOWLEDGED, {}, [rules.RESPONSE_TARGET])
            _tell(
                e, [e.raised_by], "enquiry.acknowledged", f"E{e.pk} acknowledged", "Your enquiry was received.", "ack"
            )
    return e


def enquiry_assign(*, actor: Person, council: Council, pk: int, assignee: Person) -> Enquiry:
    """The head officer (or the profile's work allocator) gives the enquiry to an officer."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_open(e)
        if not manages_queue(m) or e.direction != Enquiry.Direction.TO_OFFICER:
            raise ProtocolViolation(
                reason=f"Only the {council.profile.head_officer_title()} assigns work to officers.",
                citations=cite(council, rules.NO_DIRECT, rules.PRIORITIES),
            )
        kinds = _kinds_of(council, assignee, clock.today())
        if not kinds & {"clerk", "officer", "chief_executive", "head_of_service", "cmt_member", "monitoring_officer"}:
            raise ValidationFailed("Choose an officer of this council.", {"assignee": "Not an officer here"})
        e.assignee = assignee
        e.status = Enquiry.Status.ASSIGNED
        if e.acknowledged_at is None:
            e.acknowledged_at = clock.now()
        reschedule(e, calendar_for(council))
        e.save()
        note_add(e=e, actor=actor, kind="assigned", text=assignee.get_full_name() or assignee.username)
        _record(e, actor, events.ENQUIRY_ASSIGNED, {"assignee": assignee.username}, [rules.PRIORITIES])
        _tell(
            e, [assignee], "enquiry.assigned", f"E{e.pk} assigned to you: {e.subject}", "Please answer it.", "assigned"
        )
    return e


def enquiry_answer(*, actor: Person, council: Council, pk: int, answer: str) -> Enquiry:
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_open(e)
        _require_handler(m, e)
        e.answer = _text(answer, "answer", "answer", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
        e.status = Enquiry.Status.ANSWERED
        e.closed_at = clock.now()
        e.acknowledged_at = e.acknowledged_at or e.closed_at
        reschedule(e, calendar_for(council))
        e.save()
        note_add(e=e, actor=actor, kind="answered", text=e.answer)
        on_time = e.response_due is None or clock.today() <= e.response_due
        rule = rules.MEMBER_RESPONSE if e.direction == Enquiry.Direction.TO_COUNCILLOR else rules.RESPONSE_TARGET
        _record(e, actor, events.ENQUIRY_ANSWERED, {"within_target": on_time}, [rule])
        _tell(e, [e.raised_by], "enquiry.answered", f"E{e.pk} answered: {e.subject}", "There is an answer.", "answered")
    return e


def enquiry_decline(*, actor: Person, council: Council, pk: int, code: str, explanation: str) -> Enquiry:
    """Decline work the protocol rules out. The councillor sees the reason, the rule id and this council's clause."""
    reason = rules.decline_reason(council.profile, code)
    if reason is None:
        raise ValidationFailed("Choose a reason this council's protocol gives.", {"code": "Choose a reason"})
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_open(e)
        _require_handler(m, e)
        if e.direction != Enquiry.Direction.TO_OFFICER:
            raise ValidationFailed("A councillor answers an officer's question; it cannot be declined here.")
        e.status = Enquiry.Status.DECLINED
        e.closed_at = clock.now()
        e.decline_code, e.decline_rule = reason.code, reason.rule_id
        e.decline_clause = council.profile.clause(reason.rule_id) or ""
        e.answer = _text(explanation, "explanation", "explanation", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
        reschedule(e, calendar_for(council))
        e.save()
        note_add(
            e=e,
            actor=actor,
            kind="declined",
            text=f"{reason.label} ({council.profile.title(reason.rule_id)}, {e.decline_clause})",
        )
        _record(e, actor, events.ENQUIRY_DECLINED, {"code": code}, [reason.rule_id, rules.MAY_DECLINE])
        _tell(
            e,
            [e.raised_by],
            "enquiry.declined",
            f"E{e.pk} declined: {e.subject}",
            f"Reason: {reason.label}. Rule {reason.rule_id}, clause {e.decline_clause}.",
            "declined",
        )
    return e


def enquiry_pause(*, actor: Person, council: Council, pk: int, reason: str) -> Enquiry:
    """Stop the clock while the officer waits for the councillor."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_open(e)
        _require_handler(m, e)
        if e.paused_since is not None:
            raise Conflict(f"The clock on E{e.pk} is already paused.")
        e.pause_reason = _text(reason, "reason", "reason for pausing", 500)
        e.paused_since = clock.today()
        reschedule(e, calendar_for(council))
        e.save()
        note_add(e=e, actor=actor, kind="paused", text=e.pause_reason)
        _record(e, actor, events.ENQUIRY_PAUSED, {"reason": e.pause_reason}, [rules.RESPONSE_TARGET])
        _tell(
            e,
            [e.raised_by],
            "enquiry.paused",
            f"E{e.pk} is waiting for you",
            e.pause_reason,
            f"paused:{e.paused_since}",
        )
    return e


def enquiry_resume(*, actor: Person, council: Council, pk: int) -> Enquiry:
    """Restart the clock: the deadline moves on by the target units that passed while it was paused."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_open(e)
        if not (can_handle(m, e) or m.person.pk == e.raised_by_id):
            _require_handler(m, e)
        if e.paused_since is None:
            raise Conflict(f"The clock on E{e.pk} is not paused.")
        calendar = calendar_for(council)
        added = units_between(e.paused_since, clock.today(), e.response_unit, calendar)
        e.extra_units += added
        e.notices_sent &= int(Notice.ACK_OVERDUE)  # the response deadline moved: its notices are due afresh
        e.paused_since, e.pause_reason = None, ""
        recompute(e, calendar, clock.today())
        e.save()
        note_add(e=e, actor=actor, kind="resumed", text=f"+{added}")
        _record(e, actor, events.ENQUIRY_RESUMED, {"units_added": added}, [rules.RESPONSE_TARGET])
    return e


def enquiry_extend(*, actor: Person, council: Council, pk: int, units: int, reason: str) -> Enquiry:
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_open(e)
        _require_handler(m, e)
        if not 1 <= units <= MAX_EXTENSION_UNITS:
            raise ValidationFailed(
                f"Extend by 1 to {MAX_EXTENSION_UNITS} days.", {"units": f"Enter 1 to {MAX_EXTENSION_UNITS}"}
            )
        why = _text(reason, "reason", "reason for the extension", 500)
        e.extra_units += units
        e.notices_sent &= int(Notice.ACK_OVERDUE)
        recompute(e, calendar_for(council), clock.today())
        e.save()
        note_add(e=e, actor=actor, kind="extended", text=f"+{units}: {why}")
        _record(e, actor, events.ENQUIRY_EXTENDED, {"units": units, "reason": why}, [rules.RESPONSE_TARGET])
        _tell(e, [e.raised_by], "enquiry.extended", f"E{e.pk} will take longer", why, f"extended:{e.extra_units}")
    return e


def enquiry_set_priority(*, actor: Person, council: Council, pk: int, priority: int) -> Enquiry:
    """Only the head officer orders the queue; a councillor cannot raise their own enquiry above others."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_open(e)
        if not manages_queue(m):
            raise ProtocolViolation(
                reason=(
                    f"The {council.profile.head_officer_title()} sets and manages officers' priorities; an enquiry "
                    "gets no precedence because a councillor asks for it. You can give a date you would like an "
                    "answer by, which is treated as a request."
                ),
                citations=cite(council, rules.PRIORITIES, rules.NO_QUEUE_JUMPING),
            )
        if priority not in Enquiry.Priority.values:
            raise ValidationFailed("Choose a priority.", {"priority": "Choose normal, high or urgent"})
        e.priority = priority
        e.save(update_fields=["priority"])
        _record(e, actor, events.ENQUIRY_PRIORITY_SET, {"priority": priority}, [rules.PRIORITIES])
    return e


def enquiry_escalate(*, actor: Person, council: Council, pk: int) -> Enquiry:
    """The councillor follows up an overdue enquiry with the profile's escalation role (002 3.6: a CMT member)."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_open(e)
        if m.person.pk != e.raised_by_id or e.direction != Enquiry.Direction.TO_OFFICER:
            raise NotFound("That enquiry")
        if not overdue(e.response_due, clock.today()):
            raise ProtocolViolation(
                reason="You can follow this up once its response target has passed"
                + (f" ({e.response_due:%d %B %Y})." if e.response_due else "."),
                citations=cite(council, rules.FOLLOW_UP, rules.RESPONSE_TARGET),
            )
        if e.escalated_to_id is not None:
            raise Conflict(f"E{e.pk} was already followed up with {e.escalated_to}.")
        kind = rules.escalation_kind(council.profile)
        people = officers_of(council, kind, clock.today())
        if not people:
            raise Conflict(f"Nobody holds the role of {council.profile.title_for(kind)} to follow this up with.")
        e.escalated_to = people[0]
        e.save(update_fields=["escalated_to"])
        note_add(e=e, actor=actor, kind="escalated", text=str(e.escalated_to))
        _record(e, actor, events.ENQUIRY_ESCALATED, {"to": e.escalated_to.username}, [rules.FOLLOW_UP])
        _tell(e, [e.escalated_to], "enquiry.escalated", f"Follow-up: E{e.pk} is overdue", e.subject, "escalated")
    return e


def enquiry_comment(*, actor: Person, council: Council, pk: int, text: str) -> Enquiry:
    with transaction.atomic():
        _, e = _locked(actor, council, pk)
        _require_open(e)
        body = _text(text, "text", "message", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
        note_add(e=e, actor=actor, kind="message", text=body)
        _record(e, actor, events.ENQUIRY_COMMENTED, {"length": len(body)}, [])
        others = [e.raised_by, e.assignee, e.addressed_to]
        _tell(
            e,
            [p for p in others if p and p.pk != actor.pk],
            "enquiry.message",
            f"E{e.pk}: new message",
            body[:200],
            f"msg:{e.notes.count()}",
        )
    return e


def enquiry_recompute(*, e: Enquiry) -> bool:
    """The system recalculates an open enquiry's deadlines after its council's calendar changed."""
    calendar = calendar_for(e.council)
    if e.calendar == calendar.fingerprint:
        return False
    before = (e.ack_due, e.response_due)
    recompute(e, calendar, clock.today())
    e.save()
    record(
        council=e.council,
        actor=None,
        action=events.ENQUIRY_DEADLINES_RECALCULATED,
        subject=e,
        data={
            "before": [d.isoformat() if d else None for d in before],
            "after": [d.isoformat() if d else None for d in (e.ack_due, e.response_due)],
            "calendar": e.calendar,
        },
        rule_ids=[rules.RESPONSE_TARGET],
    )
    return True

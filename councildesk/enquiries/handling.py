"""Handling an enquiry once raised: acknowledge, assign, answer, decline, pause, resume, extend, prioritise,
escalate and comment. Each runs gate -> rule -> write -> audit -> notifications in one transaction, on a row
locked for update, so two officers acting at once cannot both close it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from councildesk.audit import events
from councildesk.audit.content import ContentDigest, content_digest
from councildesk.audit.services import record
from councildesk.catalogue.ids import R, RuleId
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.errors import Conflict, NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.calendar import calendar_for
from councildesk.councils.models import Council
from councildesk.notifications.services import notify
from councildesk.people.access import Membership, membership_for
from councildesk.people.kinds import OFFICER_KINDS
from councildesk.people.models import Person, Role, active_on

from . import rules, states
from .clock import Notice, follow_up_opens
from .common import checked_text, kinds_of, long_date, note_add, role_holders, url_of
from .deadlines import recompute, reschedule, units_between
from .models import Enquiry, WorkplanHeading
from .permissions import can_handle, can_see, holds_route, manages_queue
from .states import Action

MAX_EXTENSION_UNITS = 60


def _locked(actor: Person, council: Council, pk: int) -> tuple[Membership, Enquiry]:
    m = membership_for(actor, council.slug)
    e = Enquiry.objects.select_for_update().filter(council=council, pk=pk).first()
    if e is None or not can_see(m, e, rules.route_for(council.profile, e.category).recipient_kind):
        raise NotFound("That enquiry")
    return m, e


def _move(e: Enquiry, action: Action) -> None:
    """Apply the transition table: the new status, or TransitionRefused (a Conflict) for a change not in it."""
    e.status = states.after(e.status, action, f"Enquiry {e.ref}")


def _require_handler(m: Membership, e: Enquiry) -> None:
    if not can_handle(m, e):
        head = m.council.profile.head_officer_title()
        raise ProtocolViolation(
            reason=f"Only the officer handling this enquiry, or the {head}, can do that.",
            citations=m.council.profile.cite(*rules.DIRECTS_WORK_RULES),
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


def _record(
    e: Enquiry,
    actor: Person,
    action: str,
    data: dict[str, object],
    rule_ids: list[RuleId],
    digest: ContentDigest | None = None,
) -> None:
    """Audit the change, naming only the rules this council's protocol contains or the product applies anyway."""
    cited = [c.rule_id for c in e.council.profile.cite(*rule_ids)]
    record(council=e.council, actor=actor, action=action, subject=e, data=data, rule_ids=cited, content_digest=digest)


def enquiry_acknowledge(*, actor: Person, council: Council, pk: int) -> Enquiry:
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _move(e, Action.ACKNOWLEDGE)
        _require_handler(m, e)
        if e.acknowledged_at is None:
            e.acknowledged_at = clock.now()
            reschedule(e, calendar_for(council))
            e.save()
            note_add(e=e, actor=actor, kind="acknowledged")
            _record(e, actor, events.ENQUIRY_ACKNOWLEDGED, {}, [R.ENQUIRY_RESPONSE_TARGET])
            _tell(
                e, [e.raised_by], "enquiry.acknowledged", f"{e.ref} acknowledged", "Your enquiry was received.", "ack"
            )
    return e


def _staff_of(council: Council, manager: Person) -> set[int]:
    """The officers whose current role names this person as their line manager (002 3.4)."""
    rows = active_on(Role.objects.filter(council=council, line_manager=manager), clock.today())
    return set(rows.values_list("person_id", flat=True))


@implements(R.ROLES_LINE_MANAGEMENT_PREVAILS)
def _may_assign(m: Membership, e: Enquiry, assignee: Person) -> bool:
    """The head officer (or the profile's work allocator) assigns to any officer; the holder of the role an
    enquiry was routed to (a Head of Service, a CMT member) assigns to themselves or to their own staff."""
    if e.direction != Enquiry.Direction.TO_OFFICER:
        return False
    if manages_queue(m):
        return True
    if not holds_route(m, e):
        return False
    return assignee.pk == m.person.pk or assignee.pk in _staff_of(m.council, m.person)


@implements(R.ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN)
def _outside_workplan(council: Council, assignee: Person, heading: str) -> Person | None:
    """The line manager to send this work to, when it falls outside the assignee's agreed workplan (002 3.4,
    5.4(iii)); None when it is inside, the officer has no workplan, or the council has no such rule."""
    if not council.profile.adopts(R.ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN):
        return None
    headings = frozenset(
        WorkplanHeading.objects.filter(council=council, officer=assignee, removed_at=None).values_list(
            "heading", flat=True
        )
    )
    if not rules.outside_workplan(headings, heading):
        return None
    role = (
        active_on(Role.objects.filter(council=council, person=assignee, line_manager__isnull=False), clock.today())
        .select_related("line_manager")
        .first()
    )
    return role.line_manager if role else None


def enquiry_assign(*, actor: Person, council: Council, pk: int, assignee: Person, heading: str = "") -> Enquiry:
    """Give the enquiry to an officer. Work outside the officer's agreed workplan goes to their line manager."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _move(e, Action.ASSIGN)
        if not _may_assign(m, e, assignee):
            raise ProtocolViolation(
                reason=(
                    f"Only the {council.profile.head_officer_title()} assigns work to officers; a Head of Service "
                    "or other manager the enquiry was sent to assigns it to their own staff."
                ),
                citations=council.profile.cite(*rules.DIRECTS_WORK_RULES),
            )
        kinds = kinds_of(council, assignee, clock.today())
        if not kinds & OFFICER_KINDS:
            raise ValidationFailed("Choose an officer of this council.", {"assignee": "Not an officer here"})
        heading = (heading or "").strip()[:120]
        rule_ids: list[RuleId] = [R.ENQUIRY_CLERK_SETS_PRIORITIES, R.ROLES_LINE_MANAGEMENT_PREVAILS]
        manager = _outside_workplan(council, assignee, heading)
        routed = ""
        if manager is not None:
            name = assignee.get_full_name() or assignee.username
            routed = f"Outside {name}'s workplan: sent to their line manager"
            assignee = manager
            rule_ids.append(R.ENQUIRY_NEW_WORK_OUTSIDE_WORKPLAN)
        e.assignee = assignee
        e.heading = heading
        if e.acknowledged_at is None:
            e.acknowledged_at = clock.now()
        reschedule(e, calendar_for(council))
        e.save()
        name = assignee.get_full_name() or assignee.username
        note_add(e=e, actor=actor, kind="assigned", text=f"{routed}: {name}" if routed else name)
        _record(
            e,
            actor,
            events.ENQUIRY_ASSIGNED,
            {"assignee": assignee.username, "outside_workplan": bool(routed)},
            rule_ids,
        )
        ask = "It is outside an agreed workplan: decide who takes it on." if routed else "Please answer it."
        _tell(
            e, [assignee], "enquiry.assigned", f"{e.ref} assigned to you: {e.subject}", ask, f"assigned:{assignee.pk}"
        )
    return e


def enquiry_answer(*, actor: Person, council: Council, pk: int, answer: str) -> Enquiry:
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _require_handler(m, e)
        _move(e, Action.ANSWER)
        e.answer = checked_text(answer, "answer", "answer", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
        e.closed_at = clock.now()
        e.acknowledged_at = e.acknowledged_at or e.closed_at
        reschedule(e, calendar_for(council))
        e.save()
        note_add(e=e, actor=actor, kind="answered", text=e.answer)
        on_time = e.response_due is None or clock.today() <= e.response_due
        rule = (
            R.ENQUIRY_MEMBER_RESPONSE_TO_OFFICERS
            if e.direction == Enquiry.Direction.TO_COUNCILLOR
            else R.ENQUIRY_RESPONSE_TARGET
        )
        _record(e, actor, events.ENQUIRY_ANSWERED, {"within_target": on_time}, [rule], content_digest(e, "answer"))
        _tell(e, [e.raised_by], "enquiry.answered", f"{e.ref} answered: {e.subject}", "There is an answer.", "answered")
    return e


@implements(R.ENQUIRY_OFFICER_MAY_DECLINE)
def enquiry_decline(*, actor: Person, council: Council, pk: int, code: str, explanation: str) -> Enquiry:
    """Decline work the protocol rules out. The councillor sees the ground, the rule's title and this council's
    clause."""
    profile = council.profile
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        reason = rules.decline_reason(profile, code, direct=e.route == Enquiry.Route.DIRECT)
        rule_id = reason.rule_for(profile) if reason else None
        if reason is None or rule_id is None:
            raise ValidationFailed("Choose a reason this council's protocol gives.", {"code": "Choose a reason"})
        _require_handler(m, e)
        if e.direction != Enquiry.Direction.TO_OFFICER:
            raise ValidationFailed("A councillor answers an officer's question; it cannot be declined here.")
        _move(e, Action.DECLINE)
        e.closed_at = clock.now()
        e.decline_code, e.decline_rule = reason.code, rule_id
        e.decline_clause = profile.clause(rule_id) or ""
        e.answer = checked_text(explanation, "explanation", "explanation", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
        reschedule(e, calendar_for(council))
        e.save()
        title = profile.title(rule_id)
        note_add(e=e, actor=actor, kind="declined", text=f"{reason.label} ({title}, {e.decline_clause})")
        _record(e, actor, events.ENQUIRY_DECLINED, {"code": code}, [rule_id, R.ENQUIRY_OFFICER_MAY_DECLINE])
        _tell(
            e,
            [e.raised_by],
            "enquiry.declined",
            f"{e.ref} declined: {e.subject}",
            f"Reason: {reason.label}. {title}: clause {e.decline_clause}.",
            "declined",
        )
    return e


def enquiry_pause(*, actor: Person, council: Council, pk: int, reason: str) -> Enquiry:
    """Stop the clock while the officer waits for the councillor."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _move(e, Action.PAUSE)
        _require_handler(m, e)
        if e.paused_since is not None:
            raise Conflict(f"The clock on {e.ref} is already paused.")
        e.pause_reason = checked_text(reason, "reason", "reason for pausing", 500)
        e.paused_since = clock.today()
        reschedule(e, calendar_for(council))
        e.save()
        note_add(e=e, actor=actor, kind="paused", text=e.pause_reason)
        _record(e, actor, events.ENQUIRY_PAUSED, {"reason": e.pause_reason}, [R.ENQUIRY_RESPONSE_TARGET])
        _tell(
            e,
            [e.raised_by],
            "enquiry.paused",
            f"{e.ref} is waiting for you",
            e.pause_reason,
            f"paused:{e.paused_since}",
        )
    return e


def enquiry_resume(*, actor: Person, council: Council, pk: int) -> Enquiry:
    """Restart the clock: the deadline moves on by the target units that passed while it was paused."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _move(e, Action.RESUME)
        if not (can_handle(m, e) or m.person.pk == e.raised_by_id):
            _require_handler(m, e)
        if e.paused_since is None:
            raise Conflict(f"The clock on {e.ref} is not paused.")
        calendar = calendar_for(council)
        added = units_between(e.paused_since, clock.today(), e.response_unit, calendar)
        e.extra_units += added
        e.notices_sent &= int(Notice.ACK_OVERDUE)  # the response deadline moved: its notices are due afresh
        e.paused_since, e.pause_reason = None, ""
        recompute(e, calendar, clock.today())
        e.save()
        note_add(e=e, actor=actor, kind="resumed", text=f"+{added}")
        _record(e, actor, events.ENQUIRY_RESUMED, {"units_added": added}, [R.ENQUIRY_RESPONSE_TARGET])
    return e


def enquiry_extend(*, actor: Person, council: Council, pk: int, units: int, reason: str) -> Enquiry:
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _move(e, Action.EXTEND)
        _require_handler(m, e)
        if not 1 <= units <= MAX_EXTENSION_UNITS:
            raise ValidationFailed(
                f"Extend by 1 to {MAX_EXTENSION_UNITS} days.", {"units": f"Enter 1 to {MAX_EXTENSION_UNITS}"}
            )
        why = checked_text(reason, "reason", "reason for the extension", 500)
        e.extra_units += units
        e.notices_sent &= int(Notice.ACK_OVERDUE)
        recompute(e, calendar_for(council), clock.today())
        e.save()
        note_add(e=e, actor=actor, kind="extended", text=f"+{units}: {why}")
        _record(e, actor, events.ENQUIRY_EXTENDED, {"units": units, "reason": why}, [R.ENQUIRY_RESPONSE_TARGET])
        _tell(
            e,
            [e.raised_by],
            "enquiry.extended",
            f"{e.ref} will take longer",
            f"{why} Now due {long_date(e.response_due)}.",
            f"extended:{e.extra_units}",
        )
    return e


@implements(R.ENQUIRY_CLERK_SETS_PRIORITIES, R.ENQUIRY_NO_QUEUE_JUMPING)
def enquiry_set_priority(*, actor: Person, council: Council, pk: int, priority: int) -> Enquiry:
    """Only the head officer orders the queue; a councillor cannot raise their own enquiry above others."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        _move(e, Action.PRIORITY)
        if not manages_queue(m):
            raise ProtocolViolation(
                reason=(
                    f"The {council.profile.head_officer_title()} sets and manages officers' priorities; an enquiry "
                    "gets no precedence because a councillor asks for it. You can give a date you would like an "
                    "answer by, which is treated as a request."
                ),
                citations=council.profile.cite(R.ENQUIRY_CLERK_SETS_PRIORITIES, R.ENQUIRY_NO_QUEUE_JUMPING),
            )
        if priority not in Enquiry.Priority.values:
            raise ValidationFailed("Choose a priority.", {"priority": "Choose normal, high or urgent"})
        before = e.get_priority_display()
        e.priority = priority
        e.save(update_fields=["priority"])
        if e.get_priority_display() != before:
            note_add(
                e=e, actor=actor, kind="priority", text=f"from {before.lower()} to {e.get_priority_display().lower()}"
            )
        _record(e, actor, events.ENQUIRY_PRIORITY_SET, {"priority": priority}, [R.ENQUIRY_CLERK_SETS_PRIORITIES])
    return e


def follow_up_day(e: Enquiry) -> dt.date | None:
    """When the councillor may follow this enquiry up: the original target from receipt, whatever was added."""
    return follow_up_opens(e.clock_start, e.response_value, e.response_unit, calendar_for(e.council))


def escalation_target(e: Enquiry, day: dt.date) -> Person | None:
    """Who a follow-up goes to: a holder of the profile's escalation role, never the officer who failed to
    answer; for an enquiry routed to the CMT, the member it was routed to or assigned to first (002 3.6)."""
    council = e.council
    kind = rules.escalation_kind(council.profile)
    failed = {e.assignee_id, e.addressed_to_id}
    people = [p for p in role_holders(council, {kind}, day) if p.pk not in failed]
    if not people:
        return None
    # The relevant CMT member: the one who manages the officer who had it, if they hold the role.
    if e.assignee_id is not None:
        managers = set(
            active_on(Role.objects.filter(council=council, person_id=e.assignee_id), day).values_list(
                "line_manager_id", flat=True
            )
        )
        for p in people:
            if p.pk in managers:
                return p
    return people[0]


@implements(R.ENQUIRY_UNANSWERED_FOLLOW_UP)
def enquiry_escalate(*, actor: Person, council: Council, pk: int) -> Enquiry:
    """The councillor follows up an unanswered enquiry with the profile's escalation role (002 3.6: the relevant
    CMT member), once the target counted from receipt has passed. Offered only where the protocol gives it."""
    with transaction.atomic():
        m, e = _locked(actor, council, pk)
        if m.person.pk != e.raised_by_id or e.direction != Enquiry.Direction.TO_OFFICER:
            raise NotFound("That enquiry")
        if not rules.follow_up_offered(council.profile):
            raise NotFound("That action")
        _move(e, Action.ESCALATE)
        opens = follow_up_day(e)
        today = clock.today()
        if opens is None or today < opens:
            raise ProtocolViolation(
                reason="You can follow this up once its response target has passed"
                + (f", from {long_date(opens)}." if opens else "."),
                citations=council.profile.cite(R.ENQUIRY_UNANSWERED_FOLLOW_UP, R.ENQUIRY_RESPONSE_TARGET),
            )
        if e.escalated_to_id is not None:
            raise Conflict(f"{e.ref} was already followed up with {e.escalated_to}.")
        target = escalation_target(e, today)
        if target is None:
            kind = rules.escalation_kind(council.profile)
            raise Conflict(f"Nobody holds the role of {council.profile.title_for(kind)} to follow this up with.")
        e.escalated_to = target
        e.save(update_fields=["escalated_to"])
        note_add(e=e, actor=actor, kind="escalated", text=str(e.escalated_to))
        _record(e, actor, events.ENQUIRY_ESCALATED, {"to": target.username}, [R.ENQUIRY_UNANSWERED_FOLLOW_UP])
        _tell(e, [target], "enquiry.escalated", f"Follow-up: {e.ref} is unanswered", e.subject, "escalated")
    return e


def enquiry_comment(*, actor: Person, council: Council, pk: int, text: str) -> Enquiry:
    with transaction.atomic():
        _, e = _locked(actor, council, pk)
        _move(e, Action.COMMENT)
        body = checked_text(text, "text", "message", settings.COUNCILDESK_MAX_ENQUIRY_CHARS)
        note_add(e=e, actor=actor, kind="message", text=body)
        _record(e, actor, events.ENQUIRY_COMMENTED, {"length": len(body)}, [])
        others = [e.raised_by, e.assignee, e.addressed_to]
        _tell(
            e,
            [p for p in others if p and p.pk != actor.pk],
            "enquiry.message",
            f"{e.ref}: new message",
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
        rule_ids=[R.ENQUIRY_RESPONSE_TARGET],
    )
    return True

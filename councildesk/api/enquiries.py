"""API routes for enquiries: list, raise, read, act on (acknowledge, assign, answer, decline, pause, resume,
extend, priority, escalate, comment), questions to councillors, direct-contact approvals, workload, performance.

Every route runs the council gate; an enquiry the caller may not see answers 404 like a missing one.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from councildesk.core import clock
from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.enquiries import directory, handling, reopening, services, targets
from councildesk.enquiries.clock import label
from councildesk.enquiries.deadlines import target_note
from councildesk.enquiries.models import DirectContact, Enquiry, ServiceContact, WorkplanHeading
from councildesk.enquiries.permissions import can_raise, can_see_workload, is_officer
from councildesk.enquiries.reports import performance, workload
from councildesk.enquiries.selectors import approvals_for, enquiry_get_for, mine, questions_for, queue
from councildesk.people.access import Membership
from councildesk.people.models import Person, Ward

from .common import ERRORS, WRITE_ERRORS, actor, gate

router = Router(tags=["enquiries"])


class EnquiryOut(Schema):
    id: int
    number: int | None = Field(None, description="The council's own running number: 7 for its seventh enquiry.")
    reference: str = Field(..., description='The number as people see it, for example "E7".')
    direction: str
    category: str
    route: str
    status: str
    priority: str
    subject: str
    details: str
    raised_by: str
    addressed_to: str | None
    assignee: str | None
    ward: str | None
    on_behalf_of_constituent: bool
    out_of_hours: bool
    received_at: dt.datetime
    requested_by: dt.date | None
    acknowledged_at: dt.datetime | None
    ack_due: dt.date | None
    response_due: dt.date | None
    response_target: str
    outcome: str | None = Field(
        None, description="Once closed: 'Answered on 4 December 2026, within target' or '..., 2 working days late'."
    )
    response_target_source: str = Field(
        ..., description="The clause that sets the target, or that it is a default awaiting the council's confirmation."
    )
    response_target_confirmed: bool = Field(
        ..., description="False while the target is a default awaiting the council's confirmation."
    )
    response_target_minute: str | None = Field(
        None, description="The minute of the meeting that confirmed the target this enquiry started with."
    )
    ack_target_source: str
    ack_target_confirmed: bool
    ack_target_minute: str | None
    direct_contact_matter: str | None
    calendar: str
    paused_since: dt.date | None
    overdue: bool
    answer: str
    decline_reason: str | None
    decline_rule: str | None
    decline_clause: str | None
    escalated_to: str | None


class EnquiryPageOut(Schema):
    enquiries: list[EnquiryOut]
    next_cursor: int | None = Field(None, description="Pass as `before` (mine) or `offset` (queue) for more.")


class RaiseIn(Schema):
    subject: str = Field(..., max_length=200)
    details: str = Field(..., max_length=20_000)
    submission_key: str = Field(..., min_length=1, max_length=64, description="Repeat it to retry safely.")
    category: str = "information"
    ward: str | None = Field(None, max_length=120, description="The ward's name.")
    addressed_to: str | None = Field(None, max_length=150, description="An officer's username.")
    direct_contact: int | None = Field(
        None, description="The id of the direct-contact approval an enquiry to a junior officer relies on."
    )
    on_behalf_of_constituent: bool = False
    requested_by: dt.date | None = None


class ActionIn(Schema):
    assignee: str | None = Field(None, max_length=150)
    heading: str | None = Field(None, max_length=120, description="assign: the assignee's workplan heading.")
    answer: str | None = Field(None, max_length=20_000)
    code: str | None = Field(None, max_length=40)
    explanation: str | None = Field(None, max_length=20_000)
    reason: str | None = Field(None, max_length=500)
    units: int | None = Field(None, ge=1, le=60)
    priority: int | None = Field(None, ge=0, le=2)
    text: str | None = Field(None, max_length=20_000)


class QuestionIn(Schema):
    councillor: str = Field(..., max_length=150)
    subject: str = Field(..., max_length=200)
    details: str = Field(..., max_length=20_000)
    submission_key: str = Field(..., min_length=1, max_length=64)


class DirectContactIn(Schema):
    councillor: str = Field(..., max_length=150)
    officer: str = Field(..., max_length=150)
    matter: str = Field(..., max_length=200)
    until: dt.date | None = None


class DirectContactOut(Schema):
    councillor: str
    officer: str
    matter: str
    until: dt.date | None
    granted_by: str


class WorkloadOut(Schema):
    weeks: list[dt.date]
    per_councillor: list[dict[str, object]] = Field(
        ..., description="Per councillor for officers and the personnel body; for councillors, totals only."
    )
    out_of_hours: dict[str, int]
    per_officer: list[dict[str, object]]


class TargetOut(Schema):
    kind: Literal["acknowledgement", "response", "reply"]
    value: int
    unit: Literal["working_days", "calendar_days"]
    confirmed: bool = Field(..., description="False while the number is a default awaiting the council's confirmation.")
    set_by_clause: str | None = Field(None, description="The protocol's clause, where its text sets the number.")
    agreed_on: dt.date | None = Field(None, description="The date of the meeting that confirmed or changed it.")
    minute: str | None = Field(None, description="That meeting's minute reference.")
    source: str


class TargetValueIn(Schema):
    value: int = Field(..., ge=1, le=366)
    unit: Literal["working_days", "calendar_days"]


class TargetsIn(Schema):
    acknowledgement: TargetValueIn | None = None
    response: TargetValueIn | None = None
    reply: TargetValueIn | None = None
    agreed_on: dt.date = Field(..., description="The date of the meeting that agreed them.")
    minute: str = Field(..., min_length=1, max_length=100, description="That meeting's minute reference.")


class ServiceContactOut(Schema):
    id: int
    service: str
    officer: str
    officer_name: str
    kind: Literal["head", "nominated"]
    added_at: dt.datetime


class ServiceContactIn(Schema):
    service: str = Field(..., max_length=120)
    officer: str = Field(..., max_length=150, description="The officer's username.")
    kind: Literal["head", "nominated"] = "nominated"


class WorkplanHeadingOut(Schema):
    id: int
    officer: str
    heading: str
    added_at: dt.datetime


class WorkplanHeadingIn(Schema):
    officer: str = Field(..., max_length=150, description="The officer's username.")
    heading: str = Field(..., max_length=120)


class RemoveIn(Schema):
    id: int = Field(..., description="The id of the row to remove.")


class MonthOut(Schema):
    month: str
    answered: int
    within_target: int
    share_percent: int | None
    median_days: float | None
    p90_days: float | None


def _name(p: Person | None) -> str | None:
    return None if p is None else p.username


def _out(e: Enquiry) -> dict[str, object]:
    return {
        "id": e.pk,
        "number": e.number,
        "reference": e.ref,
        "direction": e.direction,
        "category": e.category,
        "route": e.route,
        "status": e.status,
        "priority": e.get_priority_display().lower(),
        "subject": e.subject,
        "details": e.details,
        "raised_by": e.raised_by.username,
        "addressed_to": _name(e.addressed_to),
        "assignee": _name(e.assignee),
        "ward": e.ward.name if e.ward else None,
        "on_behalf_of_constituent": e.on_behalf_of_constituent,
        "out_of_hours": e.out_of_hours,
        "received_at": e.received_at,
        "requested_by": e.requested_by,
        "acknowledged_at": e.acknowledged_at,
        "ack_due": e.ack_due,
        "response_due": e.response_due,
        "response_target": label(e.clock_start, e.response_due, e.response_value, e.response_unit, e.extra_units),
        "outcome": e.outcome_label or None,
        "response_target_source": target_note(e.council, e),
        "response_target_confirmed": target_note(e.council, e) != targets.AWAITING,
        "response_target_minute": e.response_confirmed.minute if e.response_confirmed else None,
        "ack_target_source": target_note(e.council, e, ack=True),
        "ack_target_confirmed": target_note(e.council, e, ack=True) != targets.AWAITING,
        "ack_target_minute": e.ack_confirmed.minute if e.ack_confirmed else None,
        "direct_contact_matter": e.direct_contact.matter if e.direct_contact_id and e.direct_contact else None,
        "calendar": e.calendar,
        "paused_since": e.paused_since,
        "overdue": e.is_open and e.response_due is not None and clock.today() > e.response_due,
        "answer": e.answer,
        "decline_reason": e.decline_code or None,
        "decline_rule": e.decline_rule or None,
        "decline_clause": e.decline_clause or None,
        "escalated_to": _name(e.escalated_to),
    }


def _person(m: Membership, username: str | None, field: str) -> Person:
    person = Person.objects.filter(username=username or "").first()
    if person is None or not person.roles.filter(council=m.council).exists():
        raise ValidationFailed(f"There is nobody called {username!r} at this council.", {field: "Unknown person"})
    return person


def _no_list(m: Membership, scope: str) -> NotFound:
    """A 404 for a list this person has no part in, naming the lists they may use instead."""
    usable = (["mine", "questions"] if can_raise(m) else []) + (["queue"] if is_officer(m) else [])
    exc = NotFound("That list")
    offer = " or ".join(f"scope={s}" for s in usable)
    exc.message = (
        f"There is no '{scope}' list for you here. Use {offer}."
        if usable
        else "There are no enquiry lists for you here."
    )
    return exc


@router.get("", response={200: EnquiryPageOut, **ERRORS})
def enquiries_list(
    request: HttpRequest,
    slug: Path[str],
    scope: Literal["mine", "queue", "questions"] = "mine",
    before: int | None = None,
    offset: int = 0,
) -> dict[str, object]:
    """`mine`: enquiries you raised (councillors). `queue`: open enquiries for you, in the head officer's order
    (officers). `questions`: officers' open questions to you (councillors)."""
    m = gate(request, slug)
    if scope == "queue":
        if not is_officer(m):
            raise _no_list(m, scope)
        page = queue(m, offset=max(0, offset))
        return {"enquiries": [_out(e) for e in page.rows], "next_cursor": page.next_cursor}
    if not can_raise(m):
        raise _no_list(m, scope)
    if scope == "questions":
        return {"enquiries": [_out(e) for e in questions_for(m)], "next_cursor": None}
    page = mine(m, before=before)
    return {"enquiries": [_out(e) for e in page.rows], "next_cursor": page.next_cursor}


@router.post("", response={201: EnquiryOut, **WRITE_ERRORS})
def enquiry_raise(request: HttpRequest, body: RaiseIn, slug: Path[str]) -> Status[dict[str, object]]:
    """Raise an enquiry. Sending the same `submission_key` again returns the first enquiry and creates nothing."""
    m = gate(request, slug)
    ward = None
    if body.ward:
        ward = Ward.objects.filter(council=m.council, name=body.ward).first()
        if ward is None:
            raise ValidationFailed(f"There is no ward called {body.ward!r} here.", {"ward": "Unknown ward"})
    addressed = _person(m, body.addressed_to, "addressed_to") if body.addressed_to else None
    approval = None
    if body.direct_contact is not None:
        approval = DirectContact.objects.filter(council=m.council, pk=body.direct_contact).first()
        if approval is None:
            raise ValidationFailed("There is no such approval here.", {"direct_contact": "Unknown approval"})
    e = services.enquiry_raise(
        actor=actor(request),
        council=m.council,
        subject=body.subject,
        details=body.details,
        submission_key=body.submission_key,
        category=body.category,
        ward=ward,
        addressed_to=addressed,
        direct_contact=approval,
        on_behalf_of_constituent=body.on_behalf_of_constituent,
        requested_by=body.requested_by,
    )
    # The service's own object, its relations already in hand: reading it back would cost nine joins and two
    # prefetches for the same fields (issue 14). The raiser may always see what they raised.
    return Status(201, _out(e))


@router.get("/workload", response={200: WorkloadOut, **ERRORS})
def enquiries_workload(request: HttpRequest, slug: Path[str]) -> dict[str, object]:
    """Requests per councillor per week, out-of-hours contacts, open and overdue per officer."""
    m = gate(request, slug)
    if not can_see_workload(m):
        raise NotFound("That page")
    w = workload(m, clock.today())
    return {
        "weeks": w.weeks,
        "per_councillor": [{"councillor": n, "per_week": c, "total": t} for n, c, t in w.per_councillor],
        "out_of_hours": {b.label: b.value for b in w.out_of_hours},
        "per_officer": [{"officer": n, "open": o, "overdue": d} for n, o, d in w.per_officer],
    }


@router.get("/performance", response={200: list[MonthOut], **ERRORS})
def enquiries_performance(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    m = gate(request, slug)
    if not can_see_workload(m):
        raise NotFound("That page")
    return [
        {
            "month": f.month.strftime("%Y-%m"),
            "answered": f.answered,
            "within_target": f.within_target,
            "share_percent": f.share_percent,
            "median_days": f.median_days,
            "p90_days": f.p90_days,
        }
        for f in performance(m, clock.today())
    ]


def _targets_out(m: Membership) -> list[dict[str, object]]:
    return [
        {
            "kind": t.kind,
            "value": t.value,
            "unit": t.unit,
            "confirmed": t.source != targets.AWAITING,
            "set_by_clause": t.clause,
            "agreed_on": t.confirmed.agreed_on if t.confirmed else None,
            "minute": t.confirmed.minute if t.confirmed else None,
            "source": t.source,
        }
        for t in targets.effective(m.council).values()
    ]


@router.get("/targets", response={200: list[TargetOut], **ERRORS})
def enquiry_targets(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    """The targets new enquiries start with, and whether the council has confirmed each (date and minute)."""
    return _targets_out(gate(request, slug))


@router.post("/targets", response={200: list[TargetOut], **WRITE_ERRORS})
def enquiry_targets_confirm(request: HttpRequest, body: TargetsIn, slug: Path[str]) -> list[dict[str, object]]:
    """The head officer records the meeting's decision confirming or changing the targets (send only the targets
    the meeting decided; a target the protocol's own clause sets is refused)."""
    m = gate(request, slug)
    values = {
        kind: (v.value, v.unit)
        for kind, v in (("acknowledgement", body.acknowledgement), ("response", body.response), ("reply", body.reply))
        if v is not None
    }
    targets.targets_confirm(
        actor=actor(request), council=m.council, values=values, agreed_on=body.agreed_on, minute=body.minute
    )
    return _targets_out(m)


def _contact_out(r: ServiceContact) -> dict[str, object]:
    name = r.officer.get_full_name() or r.officer.username
    return {
        "id": r.pk,
        "service": r.service,
        "officer": r.officer.username,
        "officer_name": name,
        "kind": r.kind,
        "added_at": r.added_at,
    }


@router.get("/services", response={200: list[ServiceContactOut], **ERRORS})
def service_directory(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    """The directory of services: each service's Head of Service and nominated contact officers (002 3.2 fn 2)."""
    m = gate(request, slug)
    return [_contact_out(r) for s in directory.directory(m.council) for r in (*s.heads, *s.nominated)]


@router.post("/services", response={201: ServiceContactOut, **WRITE_ERRORS})
def service_contact_add(request: HttpRequest, body: ServiceContactIn, slug: Path[str]) -> Status[dict[str, object]]:
    """The head officer's office lists an officer for a service."""
    m = gate(request, slug)
    row = services.service_contact_add(
        actor=actor(request),
        council=m.council,
        service=body.service,
        officer=_person(m, body.officer, "officer"),
        kind=body.kind,
    )
    return Status(201, _contact_out(row))


@router.post("/services/remove", response={200: ServiceContactOut, **WRITE_ERRORS})
def service_contact_remove(request: HttpRequest, body: RemoveIn, slug: Path[str]) -> dict[str, object]:
    m = gate(request, slug)
    return _contact_out(directory.service_contact_remove(actor=actor(request), council=m.council, pk=body.id))


def _heading_out(h: WorkplanHeading) -> dict[str, object]:
    return {"id": h.pk, "officer": h.officer.username, "heading": h.heading, "added_at": h.added_at}


@router.get("/workplans", response={200: list[WorkplanHeadingOut], **ERRORS})
def workplans_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    """Officers' workplan headings: everyone's for whoever allocates work, otherwise the caller's own."""
    m = gate(request, slug)
    return [_heading_out(h) for rows in directory.workplans(m).values() for h in rows]


@router.post("/workplans", response={201: WorkplanHeadingOut, **WRITE_ERRORS})
def workplan_heading_add(request: HttpRequest, body: WorkplanHeadingIn, slug: Path[str]) -> Status[dict[str, object]]:
    m = gate(request, slug)
    row = services.workplan_heading_add(
        actor=actor(request), council=m.council, officer=_person(m, body.officer, "officer"), heading=body.heading
    )
    return Status(201, _heading_out(row))


@router.post("/workplans/remove", response={200: WorkplanHeadingOut, **WRITE_ERRORS})
def workplan_heading_remove(request: HttpRequest, body: RemoveIn, slug: Path[str]) -> dict[str, object]:
    m = gate(request, slug)
    return _heading_out(directory.workplan_heading_remove(actor=actor(request), council=m.council, pk=body.id))


@router.post("/questions", response={201: EnquiryOut, **WRITE_ERRORS})
def question_ask(request: HttpRequest, body: QuestionIn, slug: Path[str]) -> Status[dict[str, object]]:
    """An officer puts a question to a councillor, with the council's reply target."""
    m = gate(request, slug)
    e = services.question_ask(
        actor=actor(request),
        council=m.council,
        councillor=_person(m, body.councillor, "councillor"),
        subject=body.subject,
        details=body.details,
        submission_key=body.submission_key,
    )
    return Status(201, _out(enquiry_get_for(m, e.pk)))


@router.get("/direct-contacts", response={200: list[DirectContactOut], **ERRORS})
def direct_contacts_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    m = gate(request, slug)
    return [
        {
            "councillor": a.councillor.username,
            "officer": a.officer.username,
            "matter": a.matter,
            "until": a.until,
            "granted_by": a.granted_by.username,
        }
        for a in approvals_for(m)
    ]


@router.post("/direct-contacts", response={201: DirectContactOut, **WRITE_ERRORS})
def direct_contact_grant(request: HttpRequest, body: DirectContactIn, slug: Path[str]) -> Status[dict[str, object]]:
    m = gate(request, slug)
    a = services.direct_contact_grant(
        actor=actor(request),
        council=m.council,
        councillor=_person(m, body.councillor, "councillor"),
        officer=_person(m, body.officer, "officer"),
        matter=body.matter,
        until=body.until,
    )
    return Status(
        201,
        {
            "councillor": a.councillor.username,
            "officer": a.officer.username,
            "matter": a.matter,
            "until": a.until,
            "granted_by": a.granted_by.username,
        },
    )


@router.get("/{enquiry_id}", response={200: EnquiryOut, **ERRORS})
def enquiry_get(request: HttpRequest, slug: Path[str], enquiry_id: int) -> dict[str, object]:
    return _out(enquiry_get_for(gate(request, slug), enquiry_id))


Action = Literal[
    "acknowledge",
    "assign",
    "answer",
    "decline",
    "pause",
    "resume",
    "extend",
    "priority",
    "escalate",
    "comment",
    "follow_up",
    "reopen",
]


def _need(value: object, field: str) -> object:
    if value is None or value == "":
        raise ValidationFailed(f"Send `{field}` for this action.", {field: "Required for this action"})
    return value


@router.post("/{enquiry_id}/{action}", response={200: EnquiryOut, **WRITE_ERRORS})
def enquiry_act(
    request: HttpRequest,
    body: ActionIn,
    slug: Path[str],
    enquiry_id: int,
    action: Action,
) -> dict[str, object]:
    """Act on an enquiry. Each action needs its own fields: assign `assignee`; answer `answer`; decline `code` and
    `explanation`; pause `reason`; extend `units` and `reason`; priority `priority` (head officer only);
    comment `text`; follow_up `text` and reopen `reason` (the councillor who raised it, within the council's
    window after the answer; reopening restarts the clock)."""
    m = gate(request, slug)
    enquiry_get_for(m, enquiry_id)
    who, council, pk = actor(request), m.council, enquiry_id
    if action == "acknowledge":
        handling.enquiry_acknowledge(actor=who, council=council, pk=pk)
    elif action == "assign":
        assignee = _person(m, str(_need(body.assignee, "assignee")), "assignee")
        handling.enquiry_assign(actor=who, council=council, pk=pk, assignee=assignee, heading=body.heading or "")
    elif action == "answer":
        handling.enquiry_answer(actor=who, council=council, pk=pk, answer=str(_need(body.answer, "answer")))
    elif action == "decline":
        code, why = str(_need(body.code, "code")), str(_need(body.explanation, "explanation"))
        handling.enquiry_decline(actor=who, council=council, pk=pk, code=code, explanation=why)
    elif action == "pause":
        handling.enquiry_pause(actor=who, council=council, pk=pk, reason=str(_need(body.reason, "reason")))
    elif action == "resume":
        handling.enquiry_resume(actor=who, council=council, pk=pk)
    elif action == "extend":
        units = int(str(_need(body.units, "units")))
        handling.enquiry_extend(
            actor=who, council=council, pk=pk, units=units, reason=str(_need(body.reason, "reason"))
        )
    elif action == "priority":
        priority = int(str(_need(body.priority, "priority")))
        handling.enquiry_set_priority(actor=who, council=council, pk=pk, priority=priority)
    elif action == "escalate":
        handling.enquiry_escalate(actor=who, council=council, pk=pk)
    elif action == "follow_up":
        reopening.enquiry_follow_up(actor=who, council=council, pk=pk, text=str(_need(body.text, "text")))
    elif action == "reopen":
        reopening.enquiry_reopen(actor=who, council=council, pk=pk, reason=str(_need(body.reason, "reason")))
    else:
        handling.enquiry_comment(actor=who, council=council, pk=pk, text=str(_need(body.text, "text")))
    return _out(enquiry_get_for(m, enquiry_id))

"""API routes for political groups: advice to groups (content only to that group and the council's officers),
requests for an officer at a group meeting, and notes of group discussions (that group and the officers present).

Every route runs the council gate and the object's gate; what the caller may not see answers 404 like a missing id.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from councildesk.groups import selectors, services
from councildesk.groups.models import AttendanceRequest, GroupAdvice, GroupNote

from .common import ERRORS, WRITE_ERRORS, actor, gate

router = Router(tags=["groups"])


class AdviceOut(Schema):
    id: int
    group: str
    kind: str
    matter: str
    facts: str
    options: str
    officer: str
    given_on: dt.date
    flags: list[str]
    override_reason: str
    verified_at: dt.datetime | None
    correction: str


class AdviceNoticeOut(Schema):
    """That advice was given to another group: never what it was."""

    group: str
    kind: str
    matter: str
    officer: str
    given_on: dt.date


class AdviceListOut(Schema):
    advice: list[AdviceOut]
    given_to_other_groups: list[AdviceNoticeOut]


class AdviceIn(Schema):
    group_id: int
    matter: str = Field(..., max_length=200)
    facts: str = Field(..., max_length=20000)
    options: str = Field("", max_length=20000)
    kind: str = "advice"
    officer_id: int | None = None
    given_on: dt.date | None = None
    override_reason: str = Field("", max_length=2000)


class VerifyIn(Schema):
    correction: str = Field("", max_length=5000)


class AttendanceOut(Schema):
    id: int
    group: str
    matter: str
    meeting_on: dt.date
    invited_officer: str | None
    attendees: str
    non_members_present: bool
    party_business_on_agenda: bool
    at_a_home: bool
    status: str
    decided_by: str | None
    reason: str
    attending_officer: str | None
    minutes_stayed: int | None
    withdrew: bool


class AttendanceIn(Schema):
    group_id: int
    matter: str = Field(..., max_length=200)
    meeting_on: dt.date
    attendees: str = Field("", max_length=2000)
    non_members_present: bool = False
    invited_officer_id: int | None = None
    party_business_on_agenda: bool = False
    at_a_home: bool = False


class DecisionIn(Schema):
    accept: bool
    reason: str = Field("", max_length=2000)
    attending_officer_id: int | None = None


class NoteOut(Schema):
    id: int
    group: str
    attendance_id: int
    body: str
    disclosure_duty: str
    written_by: str
    written_at: dt.datetime


def _advice(a: GroupAdvice) -> dict[str, object]:
    return {
        "id": a.pk,
        "group": a.group.name,
        "kind": a.kind,
        "matter": a.matter,
        "facts": a.facts,
        "options": a.options,
        "officer": str(a.officer),
        "given_on": a.given_on,
        "flags": a.flags,
        "override_reason": a.override_reason,
        "verified_at": a.verified_at,
        "correction": a.correction,
    }


def _attendance(r: AttendanceRequest) -> dict[str, object]:
    return {
        "id": r.pk,
        "group": r.group.name,
        "matter": r.matter,
        "meeting_on": r.meeting_on,
        "invited_officer": str(r.invited_officer) if r.invited_officer else None,
        "attendees": r.attendees,
        "non_members_present": r.non_members_present,
        "party_business_on_agenda": r.party_business_on_agenda,
        "at_a_home": r.at_a_home,
        "status": r.status,
        "decided_by": str(r.decided_by) if r.decided_by else None,
        "reason": r.reason,
        "attending_officer": str(r.attending_officer) if r.attending_officer else None,
        "minutes_stayed": r.minutes_stayed,
        "withdrew": r.withdrew,
    }


def _note(n: GroupNote) -> dict[str, object]:
    return {
        "id": n.pk,
        "group": n.group.name,
        "attendance_id": n.attendance_id,
        "body": n.body,
        "disclosure_duty": n.disclosure_duty,
        "written_by": str(n.written_by),
        "written_at": n.written_at,
    }


@router.get("/advice", response={200: AdviceListOut, **ERRORS})
def advice_list(request: HttpRequest, slug: Path[str]) -> dict[str, object]:
    m = gate(request, slug)
    return {
        "advice": [_advice(a) for a in selectors.advice_list_for(m)],
        "given_to_other_groups": [
            {
                "group": a.group.name,
                "kind": a.kind,
                "matter": a.matter,
                "officer": str(a.officer),
                "given_on": a.given_on,
            }
            for a in selectors.advice_notices_for(m)
        ],
    }


@router.post("/advice", response={201: AdviceOut, **WRITE_ERRORS})
def advice_create(request: HttpRequest, slug: Path[str], body: AdviceIn) -> Status[dict[str, object]]:
    m = gate(request, slug)
    advice = services.advice_record(
        actor=actor(request),
        council=m.council,
        group_id=body.group_id,
        matter=body.matter,
        facts=body.facts,
        options=body.options,
        kind=body.kind,
        officer_id=body.officer_id,
        given_on=body.given_on,
        override_reason=body.override_reason,
    )
    return Status(201, _advice(advice))


@router.get("/advice/{advice_id}", response={200: AdviceOut, **ERRORS})
def advice_detail(request: HttpRequest, slug: Path[str], advice_id: int) -> dict[str, object]:
    return _advice(selectors.advice_get_for(gate(request, slug), advice_id))


@router.post("/advice/{advice_id}/verify", response={200: AdviceOut, **WRITE_ERRORS})
def advice_verify(request: HttpRequest, slug: Path[str], advice_id: int, body: VerifyIn) -> dict[str, object]:
    m = gate(request, slug)
    services.advice_verify(actor=actor(request), council=m.council, advice_id=advice_id, correction=body.correction)
    return _advice(selectors.advice_get_for(m, advice_id))


@router.get("/attendance", response={200: list[AttendanceOut], **ERRORS})
def attendance_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    return [_attendance(r) for r in selectors.attendance_list_for(gate(request, slug))]


@router.post("/attendance", response={201: AttendanceOut, **WRITE_ERRORS})
def attendance_create(request: HttpRequest, slug: Path[str], body: AttendanceIn) -> Status[dict[str, object]]:
    m = gate(request, slug)
    row = services.attendance_request(
        actor=actor(request),
        council=m.council,
        group_id=body.group_id,
        matter=body.matter,
        meeting_on=body.meeting_on,
        attendees=body.attendees,
        non_members_present=body.non_members_present,
        invited_officer_id=body.invited_officer_id,
        party_business_on_agenda=body.party_business_on_agenda,
        at_a_home=body.at_a_home,
    )
    return Status(201, _attendance(selectors.attendance_get_for(m, row.pk)))


@router.get("/attendance/{attendance_id}", response={200: AttendanceOut, **ERRORS})
def attendance_detail(request: HttpRequest, slug: Path[str], attendance_id: int) -> dict[str, object]:
    return _attendance(selectors.attendance_get_for(gate(request, slug), attendance_id))


@router.post("/attendance/{attendance_id}/decision", response={200: AttendanceOut, **WRITE_ERRORS})
def attendance_decision(
    request: HttpRequest, slug: Path[str], attendance_id: int, body: DecisionIn
) -> dict[str, object]:
    m = gate(request, slug)
    services.attendance_decide(
        actor=actor(request),
        council=m.council,
        attendance_id=attendance_id,
        accept=body.accept,
        reason=body.reason,
        attending_officer_id=body.attending_officer_id,
    )
    return _attendance(selectors.attendance_get_for(m, attendance_id))


@router.get("/notes/{note_id}", response={200: NoteOut, **ERRORS})
def note_detail(request: HttpRequest, slug: Path[str], note_id: int) -> dict[str, object]:
    return _note(selectors.note_get_for(gate(request, slug), note_id))

"""API routes for declared connections and appointment panels. Thin: the council gate, then the services. A
declaration the caller may not open answers 404 exactly like a missing one, and every opening is logged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.councils.models import Council
from councildesk.declarations import advice, services
from councildesk.declarations.models import AdviceRequest, Appointment, Declaration
from councildesk.declarations.selectors import appointments_visible, declaration_list_for, sees_candidates
from councildesk.people.access import Membership
from councildesk.people.models import Person
from councildesk.people.selectors import person_at

from .common import ERRORS, WRITE_ERRORS, actor, gate
from .documents_schemas import PathId

router = Router(tags=["declarations"])


class DeclarationOut(Schema):
    id: int
    officer: str
    member: str
    nature: str
    declared_by: str
    declared_on: dt.date
    ended_on: dt.date | None
    sent_to: str
    letter: str | None = None


class DeclareIn(Schema):
    counterpart: str | None = Field(
        None, max_length=150, description="The username of the person you are connected to."
    )
    nature: str = Field(max_length=12, description="family, business, social or influence")
    details: str = Field("", max_length=2_000)
    submission_key: str = Field(max_length=64, description="Send the same key again and no second declaration is made.")


class EndIn(Schema):
    reason: str = Field(max_length=10_000)


def _out(d: Declaration, *, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": d.pk,
        "officer": d.officer.username,
        "member": d.member.username,
        "nature": d.nature,
        "declared_by": d.declarer.username,
        "declared_on": d.declared_on,
        "ended_on": d.ended_on,
        "sent_to": d.sent_to,
    }
    if full:
        out["letter"] = d.letter
    return out


def _person(council: Council, username: str | None, field: str, what: str) -> Person | None:
    """The person named; another council's person is refused in the same words as nobody at all."""
    if not username:
        return None
    try:
        return person_at(council, username)
    except NotFound:
        raise ValidationFailed(what, {field: f"Choose someone who holds a role at {council.name} today"}) from None


@router.get("", response={200: list[DeclarationOut], **ERRORS})
def declaration_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """Your own declarations; the whole register for the Monitoring Officer and the head officer."""
    return [_out(d, full=False) for d in declaration_list_for(gate(request, slug))]


@router.post("", response={201: DeclarationOut, 200: DeclarationOut, **WRITE_ERRORS})
def declaration_make(request: HttpRequest, slug: Path[str], body: DeclareIn) -> Status[dict[str, Any]]:
    """Declare a connection; the dated written notice goes to the Monitoring Officer. 200 for a repeated key."""
    m = gate(request, slug)
    counterpart = _person(m.council, body.counterpart, "counterpart", "Check the declaration")
    d, created = services.declaration_make(
        actor=actor(request),
        council=m.council,
        counterpart=counterpart,
        nature=body.nature,
        details=body.details,
        submission_key=body.submission_key,
    )
    return Status(201 if created else 200, _out(d, full=True))


# ---- appointment panels ------------------------------------------------------------------------------------------


class CandidateOut(Schema):
    id: int
    name: str


class AppointmentOut(Schema):
    id: int
    post: str
    criteria: list[str]
    panel: list[str]
    candidates: list[CandidateOut] | None = None


class AppointmentIn(Schema):
    post: str = Field(max_length=200)
    criteria: str = Field(max_length=10_000, description="The published merit criteria, one a line.")
    specified_post: bool = Field(
        True, description="Whether the council specified this post for appointment by members."
    )


class CandidateIn(Schema):
    name: str = Field("", max_length=200)
    person: str | None = Field(None, max_length=150, description="Username of an internal candidate.")


class SeatIn(Schema):
    no_canvassing: bool = Field(description="I have not canvassed, and will not canvass, support for any candidate.")
    no_friend_or_relative: bool = Field(description="No candidate is a close friend or relative of mine.")


class ScoreIn(Schema):
    candidate: int
    criterion: str = Field(max_length=200)
    score: int
    justification: str = Field(max_length=10_000)


class TextIn(Schema):
    text: str = Field(max_length=10_000)


def _appointment(m: Membership, a: Appointment) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": a.pk,
        "post": a.post,
        "criteria": list(a.criteria),
        "panel": [s.member.username for s in a.seats.select_related("member")],
    }
    if sees_candidates(m, a):
        out["candidates"] = [{"id": c.pk, "name": c.name} for c in a.candidates.all()]
    return out


@router.get("/appointments", response={200: list[AppointmentOut], **ERRORS})
def appointment_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    m = gate(request, slug)
    return [_appointment(m, a) for a in appointments_visible(m)[:100]]


@router.post("/appointments", response={201: AppointmentOut, **WRITE_ERRORS})
def appointment_create(request: HttpRequest, slug: Path[str], body: AppointmentIn) -> Status[dict[str, Any]]:
    """Set up an appointment with its published merit criteria (the head officer, for the council as a whole)."""
    m = gate(request, slug)
    a = services.appointment_create(
        actor=actor(request),
        council=m.council,
        post=body.post,
        criteria=body.criteria,
        specified_post=body.specified_post,
    )
    return Status(201, _appointment(m, a))


@router.get("/appointments/{appointment_id}", response={200: AppointmentOut, **ERRORS}, url_name="appointment_detail")
def appointment_detail(request: HttpRequest, slug: Path[str], appointment_id: Path[int]) -> dict[str, Any]:
    from councildesk.declarations.selectors import appointment_get_for

    m = gate(request, slug)
    return _appointment(m, appointment_get_for(m, appointment_id))


@router.post("/appointments/{appointment_id}/candidates", response={200: AppointmentOut, **WRITE_ERRORS})
def candidate_add(
    request: HttpRequest, slug: Path[str], appointment_id: Path[int], body: CandidateIn
) -> dict[str, Any]:
    m = gate(request, slug)
    person = _person(m.council, body.person, "person", "Check the candidate")
    c = services.candidate_add(
        actor=actor(request), council=m.council, pk=appointment_id, name=body.name, person=person
    )
    return _appointment(m, c.appointment)


@router.post("/appointments/{appointment_id}/seat", response={200: AppointmentOut, **WRITE_ERRORS})
def seat_take(request: HttpRequest, slug: Path[str], appointment_id: Path[int], body: SeatIn) -> dict[str, Any]:
    """Take a seat on the panel, declaring no canvassing and no close friend or relative among the candidates."""
    m = gate(request, slug)
    seat = services.seat_take(
        actor=actor(request),
        council=m.council,
        pk=appointment_id,
        no_canvassing=body.no_canvassing,
        no_friend_or_relative=body.no_friend_or_relative,
    )
    return _appointment(m, seat.appointment)


@router.post("/appointments/{appointment_id}/scores", response={200: AppointmentOut, **WRITE_ERRORS})
def score_record(request: HttpRequest, slug: Path[str], appointment_id: Path[int], body: ScoreIn) -> dict[str, Any]:
    m = gate(request, slug)
    row = services.score_record(
        actor=actor(request),
        council=m.council,
        pk=appointment_id,
        candidate_id=body.candidate,
        criterion=body.criterion,
        score=body.score,
        justification=body.justification,
    )
    return _appointment(m, row.candidate.appointment)


@router.post("/appointments/{appointment_id}/information", response={200: AppointmentOut, **WRITE_ERRORS})
def information_release(
    request: HttpRequest, slug: Path[str], appointment_id: Path[int], body: TextIn
) -> dict[str, Any]:
    """Give information about the post to the candidates: it always goes to every candidate."""
    m = gate(request, slug)
    r = services.information_release(actor=actor(request), council=m.council, pk=appointment_id, text=body.text)
    return _appointment(m, r.appointment)


@router.post("/appointments/{appointment_id}/canvassing", response={200: AppointmentOut, **WRITE_ERRORS})
def canvassing_report(request: HttpRequest, slug: Path[str], appointment_id: Path[int], body: TextIn) -> dict[str, Any]:
    m = gate(request, slug)
    r = services.canvassing_report(actor=actor(request), council=m.council, pk=appointment_id, text=body.text)
    return _appointment(m, r.appointment)


class AdviceIn(Schema):
    to: str = Field(max_length=20, description="head_officer or monitoring_officer")
    question: str = Field(max_length=10_000)


class AdviceOut(Schema):
    id: int
    to: str
    sent_to: str
    question: str
    answer: str
    asked_at: dt.datetime
    answered_at: dt.datetime | None


def _advice(r: AdviceRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "to": r.addressed_to,
        "sent_to": r.sent_to,
        "question": r.question,
        "answer": r.answer,
        "asked_at": r.asked_at,
        "answered_at": r.answered_at,
    }


@router.post("/advice", response={201: AdviceOut, **WRITE_ERRORS})
def advice_request(request: HttpRequest, slug: Path[str], body: AdviceIn) -> Status[dict[str, Any]]:
    """A member asks the head officer or the Monitoring Officer for advice on a conflict between their roles."""
    m = gate(request, slug)
    r = advice.advice_request(actor=actor(request), council=m.council, to=body.to, question=body.question)
    return Status(201, _advice(r))


@router.get("/advice/{conflict_advice_id}", response={200: AdviceOut, **ERRORS})
def advice_detail(request: HttpRequest, slug: Path[str], conflict_advice_id: Path[PathId]) -> dict[str, Any]:
    """One request, for the member who asked and the person asked; anyone else gets 404."""
    return _advice(advice.advice_get_for(gate(request, slug), conflict_advice_id))


# Declared after /appointments so that that path is never read as a declaration id.
@router.get("/{declaration_id}", response={200: DeclarationOut, **ERRORS})
def declaration_detail(request: HttpRequest, slug: Path[str], declaration_id: Path[int]) -> dict[str, Any]:
    """One declaration, for its declarer, the Monitoring Officer and the head officer; the opening is logged."""
    m = gate(request, slug)
    d = services.declaration_open(actor=actor(request), council=m.council, pk=declaration_id, via="api")
    return _out(d, full=True)


@router.post("/{declaration_id}/end", response={200: DeclarationOut, **WRITE_ERRORS})
def declaration_end(request: HttpRequest, slug: Path[str], declaration_id: Path[int], body: EndIn) -> dict[str, Any]:
    m = gate(request, slug)
    d = services.declaration_end(actor=actor(request), council=m.council, pk=declaration_id, reason=body.reason)
    return _out(d, full=False)

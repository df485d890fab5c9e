"""API routes for the register of delegated decisions. Thin: the council gate, then the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.delegation import explanations, resolutions, services
from councildesk.delegation.models import Authority, Decision, Remit, Resolution
from councildesk.delegation.selectors import decision_get_for, decisions_for
from councildesk.people.access import Membership
from councildesk.people.models import Committee
from councildesk.people.selectors import person_at

from .common import ERRORS, WRITE_ERRORS, actor, gate
from .documents_schemas import PathId

router = Router(tags=["delegation"])


class DecisionOut(Schema):
    id: int
    title: str
    summary: str
    rationale: str
    authority: str
    decided_by: str
    decider_title: str
    consultee: str | None
    minute_ref: str
    published: bool
    decided_on: dt.date
    implemented_on: dt.date | None


class DecisionIn(Schema):
    authority: str = Field(max_length=80, description="The reference of the scheme entry you hold, e.g. 'SD 1'.")
    title: str = Field(max_length=200)
    summary: str = Field(max_length=10_000, description="Told to every councillor; published if `published`.")
    rationale: str = Field(max_length=10_000, description="The reasons, so that the decision can be accounted for.")
    consultee: str | None = Field(None, max_length=150, description="Username of the chair consulted, if any.")
    minute_ref: str = Field("", max_length=80)
    published: bool = True
    submission_key: str = Field(max_length=64, description="Send the same key again and no second decision is made.")


class ImplementIn(Schema):
    minute_ref: str = Field("", max_length=80, description="The minute or resolution that approves the decision.")


def _out(d: Decision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "title": d.title,
        "summary": d.summary,
        "rationale": d.rationale,
        "authority": d.authority.ref,
        "decided_by": d.decided_by.username,
        "decider_title": d.decider_title,
        "consultee": d.consultee.username if d.consultee else None,
        "minute_ref": d.minute_ref,
        "published": d.published,
        "decided_on": d.decided_on,
        "implemented_on": d.implemented_on,
    }


@router.get("", response={200: list[DecisionOut], **ERRORS})
def decision_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """The council's register of delegated decisions, newest first."""
    return [_out(d) for d in decisions_for(gate(request, slug))]


# ---- decisions of the council and committees, and requests for the guidelines -----------------------------------


class ResolutionOut(Schema):
    id: int
    title: str
    text: str
    committee: str | None
    remit: str | None
    minute_ref: str
    officer_advice: str
    follows_advice: bool
    departure_reasons: str
    decided_on: dt.date
    implemented_on: dt.date | None


class ResolutionIn(Schema):
    committee: str | None = Field(None, max_length=160, description="The committee's name; none for the full council.")
    remit: str | None = Field(None, max_length=80, description="The reference of the item of its terms of reference.")
    title: str = Field(max_length=200)
    text: str = Field(max_length=10_000)
    minute_ref: str = Field(max_length=80)
    officer_advice: str = Field(max_length=10_000, description="The advice officers gave, or that none was given.")
    follows_advice: bool
    departure_reasons: str = Field("", max_length=10_000)
    submission_key: str = Field(max_length=64)


class ExplainIn(Schema):
    question: str = Field(max_length=10_000)


class ExplanationOut(Schema):
    id: int
    decision: int
    question: str
    asked_on: dt.date
    due_on: dt.date | None
    answer: str
    answered_on: dt.date | None


def _resolution(r: Resolution) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "text": r.text,
        "committee": r.committee.name if r.committee else None,
        "remit": r.remit.ref if r.remit else None,
        "minute_ref": r.minute_ref,
        "officer_advice": r.officer_advice,
        "follows_advice": r.follows_advice,
        "departure_reasons": r.departure_reasons,
        "decided_on": r.decided_on,
        "implemented_on": r.implemented_on,
    }


def _resolution_get(m: Membership, pk: int) -> Resolution:
    row = Resolution.objects.filter(council=m.council, pk=pk).select_related("committee", "remit").first()
    if row is None:
        raise NotFound("That decision")
    return row


@router.get("/resolutions", response={200: list[ResolutionOut], **ERRORS})
def resolution_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """Decisions of the council and its committees, with the officers' advice beside each."""
    m = gate(request, slug)
    return [
        _resolution(r) for r in Resolution.objects.filter(council=m.council).select_related("committee", "remit")[:200]
    ]


@router.post("/resolutions", response={201: ResolutionOut, 200: ResolutionOut, **WRITE_ERRORS})
def resolution_record(request: HttpRequest, slug: Path[str], body: ResolutionIn) -> Status[dict[str, Any]]:
    """The head officer records a decision from the minutes; a committee's decision cites its terms of reference."""
    m = gate(request, slug)
    committee = Committee.objects.filter(council=m.council, name=body.committee).first() if body.committee else None
    if body.committee and committee is None:
        raise ValidationFailed("Check the decision", {"committee": "Choose one of the council's committees"})
    remit = Remit.objects.filter(council=m.council, committee=committee, ref=body.remit).first() if body.remit else None
    r, created = resolutions.resolution_record(
        actor=actor(request),
        council=m.council,
        committee=committee,
        remit=remit,
        title=body.title,
        text=body.text,
        minute_ref=body.minute_ref,
        officer_advice=body.officer_advice,
        follows_advice=body.follows_advice,
        departure_reasons=body.departure_reasons,
        submission_key=body.submission_key,
    )
    return Status(201 if created else 200, _resolution(r))


@router.get("/resolutions/{resolution_id}", response={200: ResolutionOut, **ERRORS})
def resolution_detail(request: HttpRequest, slug: Path[str], resolution_id: Path[PathId]) -> dict[str, Any]:
    return _resolution(_resolution_get(gate(request, slug), resolution_id))


@router.post("/resolutions/{resolution_id}/implement", response={200: ResolutionOut, **WRITE_ERRORS})
def resolution_implement(request: HttpRequest, slug: Path[str], resolution_id: Path[PathId]) -> dict[str, Any]:
    """An officer records the decision as implemented: there is no veto, whatever the officers advised."""
    m = gate(request, slug)
    r = resolutions.resolution_implement(actor=actor(request), council=m.council, pk=resolution_id)
    return _resolution(_resolution_get(m, r.pk))


@router.post("/{decision_id}/explain", response={201: ExplanationOut, **WRITE_ERRORS})
def explanation_request(
    request: HttpRequest, slug: Path[str], decision_id: Path[int], body: ExplainIn
) -> Status[dict[str, Any]]:
    """A councillor asks the officer who took a delegated decision to explain the guidelines used (002 3.7)."""
    m = gate(request, slug)
    e = explanations.explanation_request(
        actor=actor(request), council=m.council, decision_id=decision_id, question=body.question
    )
    return Status(
        201,
        {
            "id": e.pk,
            "decision": e.decision_id,
            "question": e.question,
            "asked_on": e.asked_on,
            "due_on": e.due_on,
            "answer": e.answer,
            "answered_on": e.answered_on,
        },
    )


@router.get("/{decision_id}", response={200: DecisionOut, **ERRORS})
def decision_detail(request: HttpRequest, slug: Path[str], decision_id: Path[int]) -> dict[str, Any]:
    return _out(decision_get_for(gate(request, slug), decision_id))


@router.post("", response={201: DecisionOut, 200: DecisionOut, **WRITE_ERRORS})
def decision_record(request: HttpRequest, slug: Path[str], body: DecisionIn) -> Status[dict[str, Any]]:
    """Record a decision under an authority you hold; every councillor is told. 200 for a repeated key."""
    m = gate(request, slug)
    authority = Authority.objects.filter(council=m.council, ref=body.authority.strip()).first()
    consultee = person_at(m.council, body.consultee) if body.consultee else None
    d, created = services.decision_record(
        actor=actor(request),
        council=m.council,
        authority=authority,
        title=body.title,
        summary=body.summary,
        rationale=body.rationale,
        consultee=consultee,
        minute_ref=body.minute_ref,
        published=body.published,
        submission_key=body.submission_key,
    )
    return Status(201 if created else 200, _out(d))


@router.post("/{decision_id}/implement", response={200: DecisionOut, **WRITE_ERRORS})
def decision_implement(
    request: HttpRequest, slug: Path[str], decision_id: Path[int], body: ImplementIn
) -> dict[str, Any]:
    """Mark a decision implemented: refused until its minute or resolution reference is recorded."""
    m = gate(request, slug)
    return _out(
        services.decision_implement(actor=actor(request), council=m.council, pk=decision_id, minute_ref=body.minute_ref)
    )

"""API routes for concerns, complaints and grievances. Thin: the council gate, then the complaint services. A
complaint the caller may not open answers 404 exactly like a missing one, and every opening is logged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from councildesk.complaints import referrals, services
from councildesk.complaints.models import Complaint, Handler
from councildesk.complaints.selectors import complaint_list_for
from councildesk.core.errors import ValidationFailed
from councildesk.councils.models import Council
from councildesk.people.models import Person

from .common import ERRORS, WRITE_ERRORS, actor, gate

router = Router(tags=["complaints"])
PathId = int


class StepOut(Schema):
    kind: str
    text: str
    by: str | None
    at: dt.datetime


class ComplaintOut(Schema):
    id: int
    kind: str
    stage: str
    summary: str
    details: str | None = None
    complainant: str
    subject: str | None
    first_recipient: str
    formal_route: str
    route_clause: str
    rerouted_because: str
    received_on: dt.date
    acknowledge_by: dt.date | None
    respond_by: dt.date | None
    handlers: list[str] | None = None
    steps: list[StepOut] | None = None


class RaiseIn(Schema):
    kind: str = Field(max_length=30)
    subject: str | None = Field(None, max_length=150, description="The username of the person it is about.")
    summary: str = Field(max_length=200)
    details: str = Field(max_length=10_000)
    submission_key: str = Field(max_length=64, description="Send the same key again and no second complaint is made.")


class DecideIn(Schema):
    decision: str = Field(max_length=10_000)
    reasons: str = Field(max_length=10_000)
    close: bool = False


class InformalIn(Schema):
    resolved: bool
    note: str = Field(max_length=10_000)


class FormalIn(Schema):
    reason: str = Field(max_length=10_000)
    bypass: bool = False


class PanelIn(Schema):
    members: list[str] = Field(max_length=15, description="Usernames of the panel's members.")


def _out(c: Complaint, *, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.pk,
        "kind": c.kind,
        "stage": c.stage,
        "summary": c.summary,
        "complainant": c.complainant.username,
        "subject": c.subject.username if c.subject else None,
        "first_recipient": c.first_recipient,
        "formal_route": c.formal_route,
        "route_clause": c.route_clause,
        "rerouted_because": c.reroute_reason,
        "received_on": c.received_on,
        "acknowledge_by": c.acknowledge_by,
        "respond_by": c.respond_by,
    }
    if full:
        out["details"] = c.details
        out["handlers"] = [
            h.person.username for h in Handler.objects.filter(complaint=c, active=True).select_related("person")
        ]
        out["steps"] = [
            {"kind": s.kind, "text": s.text, "by": s.actor.username if s.actor else None, "at": s.created_at}
            for s in c.steps.select_related("actor")
        ]
    return out


def _person(council: Council, username: str | None, field: str) -> Person | None:
    """The person named; an unknown username is refused in the same words as someone from another council."""
    if not username:
        return None
    person = Person.objects.filter(username=username).first()
    if person is None:
        raise ValidationFailed(
            "Check the complaint", {field: f"Choose someone who holds a role at {council.name} today"}
        )
    return person


@router.get("", response={200: list[ComplaintOut], **ERRORS})
def complaint_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """The complaints the caller raised or handles (summaries only)."""
    return [_out(c, full=False) for c in complaint_list_for(gate(request, slug))]


@router.post("", response={201: ComplaintOut, 200: ComplaintOut, **WRITE_ERRORS})
def complaint_raise(request: HttpRequest, slug: Path[str], body: RaiseIn) -> Status[dict[str, Any]]:
    """Raise a concern, complaint or grievance; it is routed by the council's profile. 200 for a repeated key."""
    m = gate(request, slug)
    subject = _person(m.council, body.subject, "subject")
    c, created = services.complaint_raise(
        actor=actor(request),
        council=m.council,
        kind=body.kind,
        subject=subject,
        summary=body.summary,
        details=body.details,
        submission_key=body.submission_key,
    )
    return Status(201 if created else 200, _out(c, full=True))


class TextIn(Schema):
    text: str = Field(max_length=10_000)


class CitationOut(Schema):
    rule_id: str
    clause: str | None
    title: str


class CheckOut(Schema):
    flagged: list[str]
    citations: list[CitationOut]
    complaint_route: str


@router.post("/check-public-text", response={200: CheckOut, **WRITE_ERRORS})
def check_public_text(request: HttpRequest, slug: Path[str], body: TextIn) -> dict[str, Any]:
    """Check a draft meant for the public, the press or a third party for criticism of an officer's conduct or
    capability; each flagged sentence comes with the council's clause and the private complaint route instead."""
    m = gate(request, slug)
    result = services.public_text_check(actor=actor(request), council=m.council, text=body.text)
    return {
        "flagged": result.flagged,
        "citations": [{"rule_id": c.rule_id, "clause": c.clause, "title": c.title} for c in result.citations],
        "complaint_route": result.route,
    }


@router.get("/{complaint_id}", response={200: ComplaintOut, **ERRORS})
def complaint_detail(request: HttpRequest, slug: Path[str], complaint_id: Path[PathId]) -> dict[str, Any]:
    """One complaint, for its handlers and the person who raised it; the opening is logged."""
    m = gate(request, slug)
    return _out(services.complaint_open(actor=actor(request), council=m.council, pk=complaint_id, via="api"), full=True)


@router.post("/{complaint_id}/informal", response={200: ComplaintOut, **WRITE_ERRORS})
def complaint_informal(
    request: HttpRequest, slug: Path[str], complaint_id: Path[PathId], body: InformalIn
) -> dict[str, Any]:
    m = gate(request, slug)
    c = services.complaint_informal(
        actor=actor(request), council=m.council, pk=complaint_id, resolved=body.resolved, note=body.note
    )
    return _out(c, full=False)


@router.post("/{complaint_id}/formal", response={200: ComplaintOut, **WRITE_ERRORS})
def complaint_formal(
    request: HttpRequest, slug: Path[str], complaint_id: Path[PathId], body: FormalIn
) -> dict[str, Any]:
    m = gate(request, slug)
    c = services.complaint_formalise(
        actor=actor(request), council=m.council, pk=complaint_id, reason=body.reason, bypass=body.bypass
    )
    return _out(c, full=False)


@router.post("/{complaint_id}/panel", response={200: ComplaintOut, **WRITE_ERRORS})
def complaint_panel(request: HttpRequest, slug: Path[str], complaint_id: Path[PathId], body: PanelIn) -> dict[str, Any]:
    m = gate(request, slug)
    members = [p for u in body.members if (p := _person(m.council, u, "members")) is not None]
    c = services.panel_constitute(actor=actor(request), council=m.council, pk=complaint_id, members=members)
    return _out(c, full=False)


class ReasonIn(Schema):
    reason: str = Field(max_length=10_000)


@router.post("/{complaint_id}/group-leader", response={200: ComplaintOut, **WRITE_ERRORS})
def complaint_group_leader(
    request: HttpRequest, slug: Path[str], complaint_id: Path[PathId], body: ReasonIn
) -> dict[str, Any]:
    """A handler refers a minor concern about a councillor informally to the leader of their party group."""
    m = gate(request, slug)
    c = referrals.complaint_refer_group_leader(
        actor=actor(request), council=m.council, pk=complaint_id, reason=body.reason
    )
    return _out(c, full=False)


@router.post("/{complaint_id}/code-of-conduct", response={200: ComplaintOut, **WRITE_ERRORS})
def complaint_code_of_conduct(
    request: HttpRequest, slug: Path[str], complaint_id: Path[PathId], body: ReasonIn
) -> dict[str, Any]:
    """Make a concern about a councillor a formal written Code of Conduct allegation, for the Monitoring Officer."""
    m = gate(request, slug)
    c = referrals.complaint_to_code_of_conduct(
        actor=actor(request), council=m.council, pk=complaint_id, reason=body.reason
    )
    return _out(c, full=False)


@router.post("/{complaint_id}/decide", response={200: ComplaintOut, **WRITE_ERRORS})
def complaint_decide(
    request: HttpRequest, slug: Path[str], complaint_id: Path[PathId], body: DecideIn
) -> dict[str, Any]:
    m = gate(request, slug)
    c = services.complaint_decide(
        actor=actor(request),
        council=m.council,
        pk=complaint_id,
        decision=body.decision,
        reasons=body.reasons,
        close=body.close,
    )
    return _out(c, full=False)

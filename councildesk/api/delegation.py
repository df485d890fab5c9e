"""API routes for the register of delegated decisions. Thin: the council gate, then the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from councildesk.delegation import services
from councildesk.delegation.models import Authority, Decision
from councildesk.delegation.selectors import decision_get_for, decisions_for
from councildesk.people.selectors import person_at

from .common import ERRORS, WRITE_ERRORS, actor, gate

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

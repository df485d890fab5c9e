"""API routes for payments, contracts and the register of authorised signatories. Thin: the council gate, then the
services. A councillor's request to commit the council is refused (403) with the council's clause."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from councildesk.core.errors import NotFound, ValidationFailed
from councildesk.finance import services
from councildesk.finance.models import Commitment, Signatory
from councildesk.finance.selectors import commitment_get_for, commitments_for, signatories_current
from councildesk.people.selectors import person_at

from .common import ERRORS, WRITE_ERRORS, actor, gate
from .documents_schemas import PathId

router = Router(tags=["finance"])


class CommitmentOut(Schema):
    id: int
    kind: str
    payee: str
    description: str
    amount_pence: int
    minute_ref: str
    delegated_ref: str
    raised_by: str
    raised_on: dt.date
    status: str
    signatures_required: int
    signed_by: list[str]


class CommitmentIn(Schema):
    kind: str = Field(max_length=10, description="payment or contract")
    payee: str = Field(max_length=200)
    description: str = Field(max_length=10_000)
    amount: str = Field(max_length=20, description="In pounds, e.g. '125.50'.")
    minute_ref: str = Field("", max_length=80, description="The council or committee decision it rests on.")
    delegated_ref: str = Field("", max_length=80, description="Or the delegated authority the officer acts under.")
    submission_key: str = Field(max_length=64, description="Send the same key again and nothing is recorded twice.")


class SignatoryOut(Schema):
    id: int
    person: str
    minute_ref: str
    appointed_on: dt.date


class SignatoryIn(Schema):
    person: str = Field(max_length=150, description="Username of the person the council appointed.")
    minute_ref: str = Field(max_length=80, description="The resolution that appointed them.")


def _out(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "kind": c.kind,
        "payee": c.payee,
        "description": c.description,
        "amount_pence": c.amount_pence,
        "minute_ref": c.minute_ref,
        "delegated_ref": c.delegated_ref,
        "raised_by": c.raised_by.username,
        "raised_on": c.raised_on,
        "status": c.status,
        "signatures_required": c.signatures_required,
        "signed_by": [s.person.username for s in c.signatures.select_related("person")],
    }


def _signatory(s: Signatory) -> dict[str, Any]:
    return {"id": s.pk, "person": s.person.username, "minute_ref": s.minute_ref, "appointed_on": s.appointed_on}


@router.get("", response={200: list[CommitmentOut], **ERRORS})
def commitment_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """Payments and contracts recorded for the council, newest first."""
    return [_out(c) for c in commitments_for(gate(request, slug))]


@router.post("", response={201: CommitmentOut, 200: CommitmentOut, **WRITE_ERRORS})
def commitment_raise(request: HttpRequest, slug: Path[str], body: CommitmentIn) -> Status[dict[str, Any]]:
    """An officer records a payment or contract on a decision or delegated authority; a councillor is refused."""
    m = gate(request, slug)
    c, created = services.commitment_raise(
        actor=actor(request),
        council=m.council,
        kind=body.kind,
        payee=body.payee,
        description=body.description,
        amount=body.amount,
        minute_ref=body.minute_ref,
        delegated_ref=body.delegated_ref,
        submission_key=body.submission_key,
    )
    return Status(201 if created else 200, _out(c))


@router.get("/signatories", response={200: list[SignatoryOut], **ERRORS})
def signatory_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """The register of authorised signatories today."""
    m = gate(request, slug)
    return [_signatory(s) for s in signatories_current(m.council, m.day)]


@router.post("/signatories", response={201: SignatoryOut, **WRITE_ERRORS})
def signatory_appoint(request: HttpRequest, slug: Path[str], body: SignatoryIn) -> Status[dict[str, Any]]:
    """Record the council's appointment of an authorised signatory (the head officer)."""
    m = gate(request, slug)
    try:
        person = person_at(m.council, body.person)
    except NotFound:
        raise ValidationFailed(
            "Check the appointment", {"person": f"Choose someone who holds a role at {m.council.name} today"}
        ) from None
    s = services.signatory_appoint(actor=actor(request), council=m.council, person=person, minute_ref=body.minute_ref)
    return Status(201, _signatory(s))


@router.get("/{commitment_id}", response={200: CommitmentOut, **ERRORS})
def commitment_detail(request: HttpRequest, slug: Path[str], commitment_id: Path[PathId]) -> dict[str, Any]:
    return _out(commitment_get_for(gate(request, slug), commitment_id))


@router.post("/{commitment_id}/sign", response={200: CommitmentOut, **WRITE_ERRORS})
def commitment_sign(request: HttpRequest, slug: Path[str], commitment_id: Path[PathId]) -> dict[str, Any]:
    """Sign as an authorised signatory; anyone not on the register is refused."""
    m = gate(request, slug)
    return _out(services.commitment_sign(actor=actor(request), council=m.council, pk=commitment_id))

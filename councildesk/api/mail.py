"""API routes for the Clerk's quarantine of incoming email: the held list, one email, and the three decisions.

Only the council's head officer sees any of it; everyone else gets 404, as for a missing id.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema

from councildesk.mailin import selectors, services
from councildesk.mailin.models import InboundEmail

from .common import ERRORS, WRITE_ERRORS, actor, gate

router = Router(tags=["mail"])


class HeldEmailOut(Schema):
    id: int
    status: str
    reason: str
    sender: str
    subject: str
    text: str
    attachments: list[str]
    blind_copied: bool
    received_at: dt.datetime
    via: str
    placed_as: str
    placed_url: str
    decided_by: str | None
    decided_at: dt.datetime | None


class EnquiryIn(Schema):
    councillor_id: int


class RejectIn(Schema):
    reason: str = Field(..., max_length=500)


def _out(e: InboundEmail) -> dict[str, object]:
    return {
        "id": e.pk,
        "status": e.status,
        "reason": e.reason,
        "sender": e.sender,
        "subject": e.subject,
        "text": e.text,
        "attachments": list(e.attachment_names),
        "blind_copied": e.blind_copied,
        "received_at": e.received_at,
        "via": e.via,
        "placed_as": e.placed_as,
        "placed_url": e.placed_url,
        "decided_by": e.decided_by.username if e.decided_by else None,
        "decided_at": e.decided_at,
    }


@router.get("/quarantine", response={200: list[HeldEmailOut], **ERRORS})
def quarantine(request: HttpRequest, slug: Path[str], page: int = 1) -> list[dict[str, object]]:
    return [_out(e) for e in selectors.quarantine_page_for(gate(request, slug), page).object_list]


@router.get("/{inbound_id}", response={200: HeldEmailOut, **ERRORS})
def held_email(request: HttpRequest, slug: Path[str], inbound_id: int) -> dict[str, object]:
    return _out(selectors.held_email_for(gate(request, slug), inbound_id))


@router.post("/{inbound_id}/release", response={200: HeldEmailOut, **WRITE_ERRORS})
def release(request: HttpRequest, slug: Path[str], inbound_id: int) -> dict[str, object]:
    m = gate(request, slug)
    return _out(services.release(actor=actor(request), council=m.council, email_id=inbound_id))


@router.post("/{inbound_id}/enquiry", response={200: HeldEmailOut, **WRITE_ERRORS})
def open_as_enquiry(request: HttpRequest, slug: Path[str], inbound_id: int, body: EnquiryIn) -> dict[str, object]:
    m = gate(request, slug)
    done = services.open_as_enquiry(
        actor=actor(request), council=m.council, email_id=inbound_id, councillor_id=body.councillor_id
    )
    return _out(done)


@router.post("/{inbound_id}/reject", response={200: HeldEmailOut, **WRITE_ERRORS})
def reject(request: HttpRequest, slug: Path[str], inbound_id: int, body: RejectIn) -> dict[str, object]:
    m = gate(request, slug)
    return _out(services.reject(actor=actor(request), council=m.council, email_id=inbound_id, reason=body.reason))

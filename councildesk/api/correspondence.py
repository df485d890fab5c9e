"""API routes for correspondence: conversations (every participant listed, never a blind copy), replies, copy
requests and consent, and official letters. Every route runs the council gate and the object's gate; a
conversation the caller is not in answers 404 like a missing id."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from ninja import Field, Path, Router, Schema, Status

from councildesk.core.errors import ValidationFailed
from councildesk.correspondence import letters, selectors, services
from councildesk.correspondence.models import CopyRequest, Letter, Message, Thread
from councildesk.people.selectors import person_at

from .common import ERRORS, WRITE_ERRORS, actor, gate

router = Router(tags=["correspondence"])
letters_router = Router(tags=["correspondence"])


class ParticipantOut(Schema):
    username: str
    name: str
    joined: str


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    url: str = Field(..., description="Download it here (the people in the conversation only).")


class MessageOut(Schema):
    id: int
    author: str | None
    body: str
    sent_at: dt.datetime
    via: str
    message_id: str
    cc_line: str
    confidential: bool
    confidential_what: str
    confidential_why: str
    attachments: list[str] = Field(..., description="The attachments' names (see files).")
    files: list[AttachmentOut]


class CopyOut(Schema):
    id: int
    requested_by: str
    to: str
    reason: str
    status: str
    consents: dict[str, str]


class ThreadSummaryOut(Schema):
    id: int
    subject: str
    started_by: str
    last_message_at: dt.datetime


class ThreadOut(ThreadSummaryOut):
    participants: list[ParticipantOut]
    messages: list[MessageOut]
    copy_requests: list[CopyOut]


class ThreadIn(Schema):
    subject: str = Field(..., max_length=200)
    body: str = Field(..., max_length=50000)
    to: list[str] = Field(..., max_length=50, description="Usernames of this council's councillors and officers.")
    bcc: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="There is no blind copy: refused, or made a visible copy where the council's protocol says so.",
    )
    confidential: bool = False
    confidential_what: str = Field("", max_length=5000)
    confidential_why: str = Field("", max_length=5000)


class AttachmentIn(Schema):
    name: str = Field(..., max_length=255)
    content_base64: str = Field(..., description="The file, base64 encoded. Its type is read from its content.")


class MessageIn(Schema):
    body: str = Field("", max_length=50000, description="Required unless the message carries attachments.")
    attachments: list[AttachmentIn] = Field(
        default_factory=list,
        max_length=50,
        description="Checked like every upload: real type, size, and the count and total size limits.",
    )
    confidential: bool = False
    confidential_what: str = Field("", max_length=5000)
    confidential_why: str = Field("", max_length=5000)


class CopyIn(Schema):
    person: str | None = Field(None, max_length=150, description="Username of a councillor or officer.")
    external_name: str = Field("", max_length=200)
    external_email: str = Field("", max_length=254)
    reason: str = Field("", max_length=2000)
    reviewed: bool = Field(False, description="The history the new party will see has been checked (002 5.13).")


class ContactIn(Schema):
    officer: str = Field(
        ..., max_length=150, description="Username of an officer in the conversation, or a Head of Service."
    )
    external_name: str = Field(..., max_length=200)
    external_email: str = Field(..., max_length=254)
    reason: str = Field("", max_length=2000)


class ConsentIn(Schema):
    give: bool


class LetterOut(Schema):
    id: int
    reference: str
    recipient_name: str
    recipient_kind: str
    subject: str
    body: str
    signatory: str
    signatory_role: str
    creates_obligations: bool
    civic_reason: str
    ward_capacity: bool
    status: str
    issued_on: dt.date | None
    pdf_sha256: str
    pdf_url: str | None


class LetterIn(Schema):
    recipient_name: str = Field(..., max_length=200)
    recipient_address: str = Field("", max_length=1000)
    recipient_kind: str = Field(..., max_length=20)
    subject: str = Field(..., max_length=200)
    body: str = Field(..., max_length=20000)
    signatory: str = Field(..., max_length=150, description="Username of the signatory.")
    creates_obligations: bool = False
    civic_reason: str = Field("", max_length=2000)
    ward_capacity: bool = False


def _files(x: Message, slug: str) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "name": a.name,
            "content_type": a.content_type,
            "size": a.size,
            "sha256": a.sha256,
            "url": f"/api/v1/councils/{slug}/correspondence/attachments/{a.pk}",
        }
        for a in x.attachments.all()
    ]


def _message(x: Message, slug: str) -> dict[str, Any]:
    return {
        "id": x.pk,
        "author": x.author.username if x.author else None,
        "body": x.body,
        "sent_at": x.sent_at,
        "via": x.via,
        "message_id": x.message_id,
        "cc_line": x.cc_line,
        "confidential": x.confidential,
        "confidential_what": x.confidential_what,
        "confidential_why": x.confidential_why,
        "attachments": [a.name for a in x.attachments.all()],
        "files": _files(x, slug),
    }


def _copy(c: CopyRequest) -> dict[str, Any]:
    return {
        "id": c.pk,
        "requested_by": c.requested_by.username,
        "to": c.person.username if c.person else c.recipient_label,
        "reason": c.reason,
        "status": c.status,
        "consents": {k.author.username: k.answer for k in c.consents.all()},
    }


def _summary(t: Thread) -> dict[str, Any]:
    return {"id": t.pk, "subject": t.subject, "started_by": t.started_by.username, "last_message_at": t.last_message_at}


def _thread(t: Thread, slug: str) -> dict[str, Any]:
    return {
        **_summary(t),
        "participants": [
            {"username": p.person.username, "name": str(p.person), "joined": p.joined}
            for p in selectors.participants_of(t)
        ],
        "messages": [_message(x, slug) for x in selectors.messages_of(t)],
        "copy_requests": [_copy(c) for c in selectors.copy_requests_of(t)],
    }


@router.get("", response={200: list[ThreadSummaryOut], **ERRORS})
def thread_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """The conversations you are in, most recent first."""
    return [_summary(t) for t in selectors.threads_list_for(gate(request, slug))]


@router.post("", response={201: ThreadOut, **WRITE_ERRORS})
def thread_start(request: HttpRequest, slug: Path[str], body: ThreadIn) -> Status[dict[str, Any]]:
    """Write to councillors or officers. Everyone addressed sees everyone else."""
    m = gate(request, slug)
    to = [person_at(m.council, u).pk for u in body.to]
    t = services.thread_start(
        actor=actor(request),
        council=m.council,
        subject=body.subject,
        body=body.body,
        to_ids=to,
        blind_copies=body.bcc,
        confidential=body.confidential,
        confidential_what=body.confidential_what,
        confidential_why=body.confidential_why,
        via=Message.Via.API,
    )
    return Status(201, _thread(t, slug))


@router.get("/{thread_id}", response={200: ThreadOut, **ERRORS})
def thread_detail(request: HttpRequest, slug: Path[str], thread_id: Path[int]) -> dict[str, Any]:
    return _thread(selectors.thread_get_for(gate(request, slug), thread_id), slug)


@router.post("/{thread_id}/messages", response={201: MessageOut, 200: MessageOut, **WRITE_ERRORS})
def message_post(
    request: HttpRequest, slug: Path[str], thread_id: Path[int], body: MessageIn
) -> Status[dict[str, Any]]:
    m = gate(request, slug)
    message, created = services.message_post(
        actor=actor(request),
        council=m.council,
        thread_id=thread_id,
        body=body.body,
        attachments=[(a.name, _decoded(a.content_base64)) for a in body.attachments],
        confidential=body.confidential,
        confidential_what=body.confidential_what,
        confidential_why=body.confidential_why,
        via=Message.Via.API,
    )
    return Status(201 if created else 200, _message(message, slug))


def _decoded(data: str) -> bytes:
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        message = "An attachment is not valid base64."
        raise ValidationFailed(message, {"attachments": message}) from exc


FILE_200 = {
    "responses": {
        200: {
            "description": "The file",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get("/attachments/{message_file_id}", response=ERRORS, openapi_extra=FILE_200)
def attachment_download(request: HttpRequest, slug: Path[str], message_file_id: Path[int]) -> HttpResponseBase:
    """A file attached to a message, for the people in its conversation only (404 to anyone else)."""
    found = selectors.attachment_get_for(gate(request, slug), message_file_id)
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
    response["Content-Type"] = "application/octet-stream"
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.post("/{thread_id}/copies", response={201: CopyOut, **WRITE_ERRORS})
def copy_request(request: HttpRequest, slug: Path[str], thread_id: Path[int], body: CopyIn) -> Status[dict[str, Any]]:
    """Ask to copy the conversation to someone new. It waits for consent where the protocol says so."""
    m = gate(request, slug)
    person = person_at(m.council, body.person) if body.person else None
    row = services.copy_request(
        actor=actor(request),
        council=m.council,
        thread_id=thread_id,
        person_id=person.pk if person else None,
        external_name=body.external_name,
        external_email=body.external_email,
        reason=body.reason,
        reviewed=body.reviewed,
    )
    return Status(201, _copy(row))


@router.post("/{thread_id}/contacts", response={201: CopyOut, **WRITE_ERRORS})
def contact_share(
    request: HttpRequest, slug: Path[str], thread_id: Path[int], body: ContactIn
) -> Status[dict[str, Any]]:
    """Share an officer's contact details outside the council once the officer consents (002 5.14)."""
    m = gate(request, slug)
    officer = person_at(m.council, body.officer)
    row = services.contact_share(
        actor=actor(request),
        council=m.council,
        thread_id=thread_id,
        officer_id=officer.pk,
        external_name=body.external_name,
        external_email=body.external_email,
        reason=body.reason,
    )
    return Status(201, _copy(row))


@router.post("/consents/{consent_id}/answer", response={200: CopyOut, **WRITE_ERRORS})
def consent_answer(request: HttpRequest, slug: Path[str], consent_id: Path[int], body: ConsentIn) -> dict[str, Any]:
    """Consent to a copy of your correspondence, or refuse it."""
    m = gate(request, slug)
    row = services.consent_answer(actor=actor(request), council=m.council, consent_id=consent_id, give=body.give)
    return _copy(row)


def _letter(x: Letter, slug: str) -> dict[str, Any]:
    return {
        "id": x.pk,
        "reference": x.reference,
        "recipient_name": x.recipient_name,
        "recipient_kind": x.recipient_kind,
        "subject": x.subject,
        "body": x.body,
        "signatory": x.signatory.username,
        "signatory_role": x.signatory_role,
        "creates_obligations": x.creates_obligations,
        "civic_reason": x.civic_reason,
        "ward_capacity": x.ward_capacity,
        "status": x.status,
        "issued_on": x.issued_on,
        "pdf_sha256": x.pdf_sha256,
        "pdf_url": reverse("letter_pdf", kwargs={"slug": slug, "letter_id": x.pk}) if x.issued_on else None,
    }


@letters_router.get("", response={200: list[LetterOut], **ERRORS})
def letter_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    return [_letter(x, slug) for x in selectors.letters_list_for(gate(request, slug))]


@letters_router.post("", response={201: LetterOut, **WRITE_ERRORS})
def letter_draft(request: HttpRequest, slug: Path[str], body: LetterIn) -> Status[dict[str, Any]]:
    """Draft a letter; the signatory is checked against the council's protocol."""
    m = gate(request, slug)
    signatory = person_at(m.council, body.signatory)
    x = letters.letter_draft(
        actor=actor(request),
        council=m.council,
        recipient_name=body.recipient_name,
        recipient_address=body.recipient_address,
        recipient_kind=body.recipient_kind,
        subject=body.subject,
        body=body.body,
        signatory_id=signatory.pk,
        creates_obligations=body.creates_obligations,
        civic_reason=body.civic_reason,
        ward_capacity=body.ward_capacity,
    )
    return Status(201, _letter(x, slug))


@letters_router.get("/{letter_id}", response={200: LetterOut, **ERRORS})
def letter_detail(request: HttpRequest, slug: Path[str], letter_id: Path[int]) -> dict[str, Any]:
    return _letter(selectors.letter_get_for(gate(request, slug), letter_id), slug)


@letters_router.post("/{letter_id}/issue", response={200: LetterOut, **WRITE_ERRORS})
def letter_issue(request: HttpRequest, slug: Path[str], letter_id: Path[int]) -> dict[str, Any]:
    """Issue the letter as a PDF on the letterhead, dated today; the PDF is at ``pdf_url``."""
    m = gate(request, slug)
    return _letter(letters.letter_issue(actor=actor(request), council=m.council, letter_id=letter_id), slug)

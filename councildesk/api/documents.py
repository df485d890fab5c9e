"""API routes for documents and need to know: list, upload, read, download, reclassify, agenda, requests,
consultation, decision, challenge, onward disclosure, the disclosure log and statutory requests.

Every route runs the council gate and the document gate; a paper the caller may not open answers 404 exactly like
a missing one. A download streams the file only to the caller whose token it is, and is logged.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from ninja import Field, File, Form, Path, Router, Schema, Status
from ninja.files import UploadedFile

from councildesk.core.errors import NotFound
from councildesk.documents import requests as req_services
from councildesk.documents import services
from councildesk.documents.exports import disclosure_log_csv_response
from councildesk.documents.models import AccessRequest, Document, Grant, MeetingItem, StatutoryRequest
from councildesk.documents.permissions import Access
from councildesk.documents.selectors import (
    disclosure_log_for,
    document_get_for,
    document_page_for,
    open_basis_for,
    request_detail,
    request_get_for,
    requests_for,
    statutory_requests_for,
)
from councildesk.people.models import Committee, Person

from . import schemas as s
from .common import ERRORS, WRITE_ERRORS, actor, gate

router = Router(tags=["documents"])
DOC_ERRORS: dict[int, type[s.ErrorOut]] = {**WRITE_ERRORS, 400: s.ErrorOut}
Text = Field(..., min_length=1, max_length=5000)


class DocumentOut(Schema):
    id: int
    title: str
    classification: str
    personal_data: bool
    committee: str | None
    meeting_item_id: int | None
    exempt_paragraph: int | None
    exempt_reason: str
    restricted_to: str
    public_on: dt.date | None
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime
    download_url: str


class DocumentDetailOut(DocumentOut):
    basis: str
    purpose_limitation: str | None
    access_ends: dt.date | None


class DocumentPageOut(Schema):
    documents: list[DocumentOut]
    page: int
    has_next: bool


class MeetingItemOut(Schema):
    id: int
    committee: str
    meeting_date: dt.date
    item_number: str
    title: str


class CitationOut(Schema):
    rule_id: str
    clause: str


class DecisionOut(Schema):
    stage: str
    outcome: str
    reasons: str
    refusal_grounds: list[str]
    barriers: list[str]
    citations: list[CitationOut]
    purpose_limitation: str
    expires_on: dt.date | None
    challenge_route: str
    decided_by: str | None
    decided_at: dt.datetime
    granted_documents: list[int]


class ConsultationOut(Schema):
    consultee: str
    consultee_kind: str
    advice: str
    recorded_at: dt.datetime


class RequestOut(Schema):
    id: int
    meeting_item: MeetingItemOut
    requester: str
    need: str
    justification: str
    personal_data_justification: str
    confidential: bool
    status: str
    created_at: dt.datetime
    decisions: list[DecisionOut] = []
    consultations: list[ConsultationOut] = []
    challenges: list[str] = []


class RequestIn(Schema):
    need: Literal["committee_work", "ward_casework", "constituent"]
    justification: str = Text
    personal_data_justification: str = Field("", max_length=5000)
    confidential: bool = False


class ConsultationIn(Schema):
    consultee: str = Field(..., min_length=1, max_length=150, description="The consultee's username.")
    consultee_kind: str = Field(..., min_length=1, max_length=30)
    advice: str = Text


class DecisionIn(Schema):
    outcome: Literal["grant", "refuse"]
    reasons: str = Text
    grounds: list[Literal["curiosity", "no_need_shown", "personal_data", "other"]] = Field(default=[], max_length=4)
    purpose: str = Field("", max_length=2000)
    expires_on: dt.date | None = None


class ChallengeIn(Schema):
    grounds: str = Text


class ReclassifyIn(Schema):
    classification: Literal["public", "committee", "confidential", "exempt"]
    reason: str = Text
    personal_data: bool = False
    exempt_paragraph: int | None = Field(None, ge=1, le=7)
    exempt_reason: str = Field("", max_length=2000)
    restricted_to: str = Field("", max_length=300)
    public_on: dt.date | None = None


class OnwardIn(Schema):
    grant_id: int = Field(..., ge=1, le=2**53)
    recipient: str = Field(..., min_length=1, max_length=150, description="The councillor's username.")
    equal_need: bool = False
    reasons: str = Text


class OnwardOut(Schema):
    grant_id: int
    recipient: str
    equal_need: bool
    first_notified: bool


class DisclosureOut(Schema):
    opened_at: dt.datetime
    document_id: int
    document: str
    person: str
    basis: str
    grant_id: int | None


class LogPageOut(Schema):
    entries: list[DisclosureOut]
    page: int
    has_next: bool


class StatutoryIn(Schema):
    regime: Literal["foi", "foisa", "eir", "eir_extended"]
    description: str = Text


class StatutoryOut(Schema):
    id: int
    regime: str
    requester: str
    description: str
    received: dt.date
    due: dt.date
    skipped_days: list[dict[str, str]]


PathId = Annotated[int, Field(ge=1, le=2**53)]


def _access(request: HttpRequest, slug: Path[str]) -> Access:
    return Access(gate(request, slug))


def _doc(d: Document, slug: Path[str]) -> dict[str, Any]:
    return {
        "id": d.pk,
        "title": d.title,
        "classification": d.classification,
        "personal_data": d.personal_data,
        "committee": d.committee.name if d.committee else None,
        "meeting_item_id": d.meeting_item_id,
        "exempt_paragraph": d.exempt_paragraph,
        "exempt_reason": d.exempt_reason,
        "restricted_to": d.restricted_to,
        "public_on": d.public_on,
        "filename": d.filename,
        "content_type": d.content_type,
        "size": d.size,
        "sha256": d.sha256,
        "uploaded_at": d.uploaded_at,
        "download_url": f"/api/v1/councils/{slug}/documents/{d.pk}/file",
    }


def _item(i: MeetingItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "committee": i.committee.name,
        "meeting_date": i.meeting_date,
        "item_number": i.item_number,
        "title": i.title,
    }


def _request(req: AccessRequest, *, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": req.pk,
        "meeting_item": _item(req.meeting_item),
        "requester": req.requester.username,
        "need": req.need,
        "justification": req.justification,
        "personal_data_justification": req.personal_data_justification,
        "confidential": req.confidential,
        "status": req.status,
        "created_at": req.created_at,
    }
    if full:
        detail = request_detail(req)
        out["decisions"] = [
            {
                "stage": d.stage,
                "outcome": d.outcome,
                "reasons": d.reasons,
                "refusal_grounds": d.refusal_grounds,
                "barriers": [b["reason"] for b in d.barriers],
                "citations": d.citations,
                "purpose_limitation": d.purpose_limitation,
                "expires_on": d.expires_on,
                "challenge_route": d.challenge_route,
                "decided_by": d.decided_by.username if d.decided_by else None,
                "decided_at": d.decided_at,
                "granted_documents": d.granted_document_ids,
            }
            for d in detail["decisions"]  # type: ignore[attr-defined]
        ]
        out["consultations"] = [
            {
                "consultee": c.consultee.username,
                "consultee_kind": c.consultee_kind,
                "advice": c.advice,
                "recorded_at": c.recorded_at,
            }
            for c in detail["consultations"]  # type: ignore[attr-defined]
        ]
        out["challenges"] = [c.grounds for c in detail["challenges"]]  # type: ignore[attr-defined]
    return out


@router.get("", response={200: DocumentPageOut, **ERRORS})
def document_list(
    request: HttpRequest, slug: Path[str], page: int = 1, classification: str = "", q: str = ""
) -> dict[str, Any]:
    """The documents the caller may open, newest first, 25 a page; ``q`` searches their titles."""
    p = document_page_for(_access(request, slug), page, classification=classification, search=q)
    return {"documents": [_doc(d, slug) for d in p.items], "page": p.number, "has_next": p.has_next}


class UploadIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    classification: Literal["public", "committee", "confidential", "exempt"] = "public"
    committee_id: int | None = Field(None, ge=1, le=2**53)
    meeting_item_id: int | None = Field(None, ge=1, le=2**53)
    personal_data: bool = False
    exempt_paragraph: int | None = Field(None, ge=1, le=7)
    exempt_reason: str = Field("", max_length=2000)
    restricted_to: str = Field("", max_length=300)
    public_on: dt.date | None = None


@router.post("", response={201: DocumentOut, **DOC_ERRORS})
def document_upload(
    request: HttpRequest, slug: Path[str], file: File[UploadedFile], data: Form[UploadIn]
) -> Status[dict[str, Any]]:
    """Upload a paper (multipart). Its type is sniffed from its content; the name's extension must agree."""
    a = _access(request, slug)
    if not a.may_manage:
        raise NotFound("That page")
    council = a.m.council
    committee_id, item_id = data.committee_id, data.meeting_item_id
    committee = Committee.objects.filter(council=council, pk=committee_id).first() if committee_id else None
    item = MeetingItem.objects.filter(council=council, pk=item_id).first() if item_id else None
    if (committee_id and committee is None) or (item_id and item is None):
        raise NotFound("That committee or agenda item")
    doc = services.document_upload(
        actor=actor(request),
        council=council,
        data=file.read(settings.COUNCILDESK_MAX_DOCUMENT_BYTES + 1),
        filename=file.name or "",
        title=data.title,
        classification=data.classification,
        committee=committee,
        meeting_item=item,
        personal_data=data.personal_data,
        exemption=services.Exemption(data.exempt_paragraph, data.exempt_reason, data.restricted_to, data.public_on),
    )
    return Status(201, _doc(doc, slug))


@router.get("/agenda", response={200: list[MeetingItemOut], **ERRORS})
def agenda(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """Agenda items: what a member can ask to see papers for."""
    a = _access(request, slug)
    return [_item(i) for i in MeetingItem.objects.filter(council=a.m.council).select_related("committee")[:200]]


@router.post("/agenda/{item_id}/requests", response={201: RequestOut, **DOC_ERRORS})
def request_make(
    request: HttpRequest, slug: Path[str], body: RequestIn, item_id: Path[PathId]
) -> Status[dict[str, Any]]:
    """Ask to see an agenda item's papers, stating the need. Refused at once when no need could unlock them."""
    a = _access(request, slug)
    item = MeetingItem.objects.filter(council=a.m.council, pk=item_id).select_related("committee").first()
    if item is None or not a.may_request:
        raise NotFound("That agenda item")
    req = req_services.request_make(
        actor=actor(request),
        council=a.m.council,
        meeting_item=item,
        need=body.need,
        justification=body.justification,
        personal_data_justification=body.personal_data_justification,
        confidential=body.confidential,
    )
    return Status(201, _request(req, full=True))


@router.get("/requests", response={200: list[RequestOut], **ERRORS})
def request_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """The need-to-know requests the caller may see (their own; all of them for the officers handling them)."""
    return [_request(r, full=False) for r in requests_for(_access(request, slug))[:100]]


@router.get("/requests/{request_id}", response={200: RequestOut, **ERRORS})
def request_read(request: HttpRequest, slug: Path[str], request_id: Path[PathId]) -> dict[str, Any]:
    """A request with its consultations, decisions (outcome, reasons, rules, purpose, expiry, challenge route)."""
    return _request(request_get_for(_access(request, slug), request_id), full=True)


@router.post("/requests/{request_id}/consultations", response={201: RequestOut, **DOC_ERRORS})
def consultation(
    request: HttpRequest, slug: Path[str], body: ConsultationIn, request_id: Path[PathId]
) -> Status[dict[str, Any]]:
    """Record a consultee's advice (e.g. the Monitoring Officer's, 002 4.3) before the decision."""
    a = _access(request, slug)
    req = request_get_for(a, request_id)
    consultee = Person.objects.filter(username=body.consultee).first()
    if consultee is None:
        raise NotFound("That person")
    req_services.consultation_record(
        actor=actor(request), request=req, consultee=consultee, consultee_kind=body.consultee_kind, advice=body.advice
    )
    return Status(201, _request(req, full=True))


@router.post("/requests/{request_id}/decision", response={201: RequestOut, **DOC_ERRORS})
def decide(request: HttpRequest, slug: Path[str], body: DecisionIn, request_id: Path[PathId]) -> Status[dict[str, Any]]:
    """Decide a request, or review it after a challenge (the profile's disputes decider)."""
    req = request_get_for(_access(request, slug), request_id)
    req_services.request_decide(
        actor=actor(request),
        request=req,
        grant=body.outcome == "grant",
        reasons=body.reasons,
        grounds=body.grounds,
        purpose=body.purpose,
        expires_on=body.expires_on,
    )
    req.refresh_from_db()
    return Status(201, _request(req, full=True))


@router.post("/requests/{request_id}/challenge", response={201: RequestOut, **DOC_ERRORS})
def challenge(
    request: HttpRequest, slug: Path[str], body: ChallengeIn, request_id: Path[PathId]
) -> Status[dict[str, Any]]:
    """The requester challenges the decision; the profile's disputes decider reviews it."""
    req = request_get_for(_access(request, slug), request_id)
    req_services.request_challenge(actor=actor(request), request=req, grounds=body.grounds)
    req.refresh_from_db()
    return Status(201, _request(req, full=True))


@router.get("/log", response={200: LogPageOut, **ERRORS})
def log(request: HttpRequest, slug: Path[str], page: int = 1) -> dict[str, Any]:
    """The disclosure log, newest first, 50 a page: for the head officer and the Monitoring Officer."""
    page = min(max(page, 1), 10_000)
    rows = list(disclosure_log_for(_access(request, slug))[(page - 1) * 50 : page * 50 + 1])
    entries = [
        {
            "opened_at": r.opened_at,
            "document_id": r.document_id,
            "document": r.document.title,
            "person": r.person.username,
            "basis": r.basis,
            "grant_id": r.grant_id,
        }
        for r in rows[:50]
    ]
    return {"entries": entries, "page": page, "has_next": len(rows) > 50}


CSV_200 = {
    "responses": {200: {"description": "The whole log as CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}
}


@router.get("/log/export", response=ERRORS, openapi_extra=CSV_200)
def log_export(request: HttpRequest, slug: Path[str]) -> HttpResponseBase:
    """The whole disclosure log as CSV, for the head officer and the Monitoring Officer."""
    return disclosure_log_csv_response(_access(request, slug))


@router.get("/statutory", response={200: list[StatutoryOut], **ERRORS})
def statutory_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """FOI, FOISA and EIR requests: the caller's own (all of them for the officers handling them)."""
    return [_statutory(r) for r in statutory_requests_for(_access(request, slug))[:100]]


def _statutory(r: StatutoryRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "regime": r.regime,
        "requester": r.requester.username,
        "description": r.description,
        "received": r.received,
        "due": r.due,
        "skipped_days": r.skipped_days,
    }


@router.post("/statutory", response={201: StatutoryOut, **DOC_ERRORS})
def statutory_make(request: HttpRequest, slug: Path[str], body: StatutoryIn) -> Status[dict[str, Any]]:
    """Ask under FOI, FOISA or EIR instead: due on the statutory clock, in working days."""
    a = _access(request, slug)
    r = req_services.statutory_request_make(
        actor=actor(request), council=a.m.council, regime=body.regime, description=body.description
    )
    return Status(201, _statutory(r))


@router.get("/{doc_id}", response={200: DocumentDetailOut, **ERRORS})
def document_read(request: HttpRequest, slug: Path[str], doc_id: Path[PathId]) -> dict[str, Any]:
    """One paper the caller may open, with the basis they open it on and any purpose limitation."""
    a = _access(request, slug)
    doc = document_get_for(a, doc_id)
    basis, grant = open_basis_for(a, doc)
    return {
        **_doc(doc, slug),
        "basis": basis,
        "purpose_limitation": grant.purpose_limitation if grant else None,
        "access_ends": grant.expires_on if grant else None,
    }


FILE_200 = {
    "responses": {
        200: {
            "description": "The file",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get("/{doc_id}/file", response=ERRORS, openapi_extra=FILE_200)
def document_download(request: HttpRequest, slug: Path[str], doc_id: Path[PathId]) -> HttpResponseBase:
    """The file itself, for the caller only; every successful download is written to the disclosure log."""
    a = _access(request, slug)
    opened = services.document_open(actor=actor(request), council=a.m.council, pk=doc_id)
    response = FileResponse(opened.stream, as_attachment=True, filename=opened.document.filename)
    response["Content-Type"] = "application/octet-stream"
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.post("/{doc_id}/reclassify", response={200: DocumentOut, **DOC_ERRORS})
def reclassify(request: HttpRequest, slug: Path[str], body: ReclassifyIn, doc_id: Path[PathId]) -> dict[str, Any]:
    """Change a paper's classification, with the reason (audited)."""
    a = _access(request, slug)
    if not a.may_manage:
        raise NotFound("That document")
    doc = services.document_reclassify(
        actor=actor(request),
        document=document_get_for(a, doc_id),
        classification=body.classification,
        reason=body.reason,
        personal_data=body.personal_data,
        exemption=services.Exemption(body.exempt_paragraph, body.exempt_reason, body.restricted_to, body.public_on),
    )
    return _doc(doc, slug)


@router.post("/{doc_id}/onward", response={201: OnwardOut, **DOC_ERRORS})
def onward(request: HttpRequest, slug: Path[str], body: OnwardIn, doc_id: Path[PathId]) -> Status[dict[str, Any]]:
    """Pass papers released on need to know to another councillor (002 4.5); the first councillor is told."""
    a = _access(request, slug)
    doc = document_get_for(a, doc_id)
    source = Grant.objects.filter(council=a.m.council, document=doc, pk=body.grant_id).first()
    recipient = Person.objects.filter(username=body.recipient).first()
    if source is None or recipient is None:
        raise NotFound("That grant or councillor")
    done = req_services.onward_disclose(
        actor=actor(request), source=source, recipient=recipient, equal_need=body.equal_need, reasons=body.reasons
    )
    return Status(
        201,
        {
            "grant_id": done.grant_id,
            "recipient": recipient.username,
            "equal_need": done.equal_need,
            "first_notified": done.first_notified,
        },
    )

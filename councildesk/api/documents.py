"""API routes for documents and need to know: list, upload, read, download, reclassify, agenda, requests,
consultation, decision, challenge, onward disclosure, the disclosure log and statutory requests.

Thin: each route runs the council gate and the document gate, looks up through ``documents.selectors`` and writes
through the services; shapes are in ``documents_schemas``. A paper the caller may not open answers 404 exactly
like a missing one. A download streams the file only to the caller whose token it is, and is logged.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from ninja import File, Form, Path, Router, Status
from ninja.files import UploadedFile

from councildesk.core.errors import NotFound
from councildesk.documents import need_to_know, onward, services, statutory
from councildesk.documents import selectors as sel
from councildesk.documents.exports import disclosure_log_csv_response
from councildesk.documents.permissions import Access

from . import documents_schemas as ds
from . import schemas as s
from .common import ERRORS, WRITE_ERRORS, actor, gate

router = Router(tags=["documents"])
DOC_ERRORS: dict[int, type[s.ErrorOut]] = {**WRITE_ERRORS, 400: s.ErrorOut}
PathId = ds.PathId


def _access(request: HttpRequest, slug: str) -> Access:
    return Access(gate(request, slug))


@router.get("", response={200: ds.DocumentPageOut, **ERRORS})
def document_list(
    request: HttpRequest, slug: Path[str], page: int = 1, classification: str = "", q: str = ""
) -> dict[str, Any]:
    """The documents the caller may open, newest first, 25 a page; ``q`` searches their titles."""
    p = sel.document_page_for(_access(request, slug), page, classification=classification, search=q)
    return {"documents": [ds.doc_out(d, slug) for d in p.items], "page": p.number, "has_next": p.has_next}


@router.post("", response={201: ds.DocumentOut, **DOC_ERRORS})
def document_upload(
    request: HttpRequest, slug: Path[str], file: File[UploadedFile], data: Form[ds.UploadIn]
) -> Status[dict[str, Any]]:
    """Upload a paper (multipart). Its type is sniffed from its content; the name's extension must agree."""
    a = _access(request, slug)
    if not a.may_manage:
        raise NotFound("That page")
    committee = sel.committee_get_for(a, data.committee_id) if data.committee_id else None
    item = sel.meeting_item_get_for(a, data.meeting_item_id) if data.meeting_item_id else None
    doc = services.document_upload(
        actor=actor(request),
        council=a.m.council,
        data=file.read(settings.COUNCILDESK_MAX_DOCUMENT_BYTES + 1),
        filename=file.name or "",
        title=data.title,
        classification=data.classification,
        committee=committee,
        meeting_item=item,
        personal_data=data.personal_data,
        exemption=services.Exemption(data.exempt_paragraph, data.exempt_reason, data.restricted_to, data.public_on),
    )
    return Status(201, ds.doc_out(doc, slug))


@router.get("/agenda", response={200: list[ds.MeetingItemOut], **ERRORS})
def agenda(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """Agenda items: what a member can ask to see papers for."""
    return [ds.item_out(i) for i in sel.agenda_for(_access(request, slug))[:200]]


@router.post("/agenda/{item_id}/requests", response={201: ds.RequestOut, **DOC_ERRORS})
def request_make(
    request: HttpRequest, slug: Path[str], body: ds.RequestIn, item_id: Path[PathId]
) -> Status[dict[str, Any]]:
    """Ask to see an agenda item's papers, stating the need. Refused at once only where an adopted rule bars
    every paper; otherwise the council's decider decides."""
    a = _access(request, slug)
    if not a.may_request:
        raise NotFound("That agenda item")
    req = need_to_know.request_make(
        actor=actor(request),
        council=a.m.council,
        meeting_item=sel.meeting_item_get_for(a, item_id),
        need=body.need,
        justification=body.justification,
        personal_data_justification=body.personal_data_justification,
        confidential=body.confidential,
        interest=body.interest,
    )
    return Status(201, ds.request_out(req, full=True))


@router.get("/requests", response={200: list[ds.RequestOut], **ERRORS})
def request_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """The need-to-know requests the caller may see (their own; all of them for the officers handling them)."""
    return [ds.request_out(r, full=False) for r in sel.requests_for(_access(request, slug))[:100]]


@router.get("/requests/{request_id}", response={200: ds.RequestOut, **ERRORS})
def request_read(request: HttpRequest, slug: Path[str], request_id: Path[PathId]) -> dict[str, Any]:
    """A request with its consultations, decisions (outcome, reasons, rules, purpose, expiry, challenge route)."""
    return ds.request_out(sel.request_get_for(_access(request, slug), request_id), full=True)


@router.post("/requests/{request_id}/consultations", response={201: ds.RequestOut, **DOC_ERRORS})
def consultation(
    request: HttpRequest, slug: Path[str], body: ds.ConsultationIn, request_id: Path[PathId]
) -> Status[dict[str, Any]]:
    """Record a consultee's advice (e.g. the Monitoring Officer's, 002 4.3; the Town Clerk's, 004 10.5)."""
    a = _access(request, slug)
    req = sel.request_get_for(a, request_id)
    need_to_know.consultation_record(
        actor=actor(request),
        request=req,
        consultee=sel.person_by_username(a, body.consultee),
        consultee_kind=body.consultee_kind,
        advice=body.advice,
    )
    req.refresh_from_db()
    return Status(201, ds.request_out(req, full=True))


@router.post("/requests/{request_id}/decision", response={201: ds.RequestOut, **DOC_ERRORS})
def decide(
    request: HttpRequest, slug: Path[str], body: ds.DecisionIn, request_id: Path[PathId]
) -> Status[dict[str, Any]]:
    """Decide a request, or review it after a challenge (the profile's disputes decider)."""
    req = sel.request_get_for(_access(request, slug), request_id)
    need_to_know.request_decide(
        actor=actor(request),
        request=req,
        grant=body.outcome == "grant",
        reasons=body.reasons,
        grounds=body.grounds,
        purpose=body.purpose,
        expires_on=body.expires_on,
    )
    req.refresh_from_db()
    return Status(201, ds.request_out(req, full=True))


@router.post("/requests/{request_id}/challenge", response={201: ds.RequestOut, **DOC_ERRORS})
def challenge(
    request: HttpRequest, slug: Path[str], body: ds.ChallengeIn, request_id: Path[PathId]
) -> Status[dict[str, Any]]:
    """The requester challenges the decision; the profile's disputes decider reviews it."""
    req = sel.request_get_for(_access(request, slug), request_id)
    need_to_know.request_challenge(actor=actor(request), request=req, grounds=body.grounds)
    req.refresh_from_db()
    return Status(201, ds.request_out(req, full=True))


@router.get("/log", response={200: ds.LogPageOut, **ERRORS})
def log(request: HttpRequest, slug: Path[str], page: int = 1) -> dict[str, Any]:
    """The disclosure log, newest first, 50 a page: for the head officer (and the Monitoring Officer where the
    profile gives them a part in document access)."""
    rows, number, has_next = sel.disclosure_log_page(_access(request, slug), page)
    return {"entries": [ds.disclosure_out(r) for r in rows], "page": number, "has_next": has_next}


CSV_200 = {
    "responses": {200: {"description": "The whole log as CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}
}


@router.get("/log/export", response=ERRORS, openapi_extra=CSV_200)
def log_export(request: HttpRequest, slug: Path[str]) -> HttpResponseBase:
    """The whole disclosure log as CSV, for those who may read the log."""
    return disclosure_log_csv_response(_access(request, slug))


@router.get("/statutory", response={200: list[ds.StatutoryOut], **ERRORS})
def statutory_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, Any]]:
    """FOI, FOISA and EIR requests: the caller's own (all of them for the officers handling them)."""
    return [ds.statutory_out(r) for r in sel.statutory_requests_for(_access(request, slug))[:100]]


@router.post("/statutory", response={201: ds.StatutoryOut, **DOC_ERRORS})
def statutory_make(request: HttpRequest, slug: Path[str], body: ds.StatutoryIn) -> Status[dict[str, Any]]:
    """Ask under FOI, FOISA or EIR instead: due on the statutory clock, in working days."""
    a = _access(request, slug)
    r = statutory.statutory_request_make(
        actor=actor(request), council=a.m.council, regime=body.regime, description=body.description
    )
    return Status(201, ds.statutory_out(r))


@router.get("/{doc_id}", response={200: ds.DocumentDetailOut, **ERRORS})
def document_read(request: HttpRequest, slug: Path[str], doc_id: Path[PathId]) -> dict[str, Any]:
    """One paper the caller may open, with the basis they open it on and any purpose limitation."""
    a = _access(request, slug)
    doc = sel.document_get_for(a, doc_id)
    basis, grant = sel.open_basis_for(a, doc)
    return {
        **ds.doc_out(doc, slug),
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


@router.post("/{doc_id}/reclassify", response={200: ds.DocumentOut, **DOC_ERRORS})
def reclassify(request: HttpRequest, slug: Path[str], body: ds.ReclassifyIn, doc_id: Path[PathId]) -> dict[str, Any]:
    """Change a paper's classification, with the reason (audited)."""
    a = _access(request, slug)
    if not a.may_manage:
        raise NotFound("That document")
    doc = services.document_reclassify(
        actor=actor(request),
        document=sel.document_get_for(a, doc_id),
        classification=body.classification,
        reason=body.reason,
        personal_data=body.personal_data,
        exemption=services.Exemption(body.exempt_paragraph, body.exempt_reason, body.restricted_to, body.public_on),
    )
    return ds.doc_out(doc, slug)


@router.post("/{doc_id}/onward", response={201: ds.OnwardOut, **DOC_ERRORS})
def onward_disclose(
    request: HttpRequest, slug: Path[str], body: ds.OnwardIn, doc_id: Path[PathId]
) -> Status[dict[str, Any]]:
    """Pass papers released on need to know to another councillor (002 4.5); the first councillor is told,
    without the second councillor's name."""
    a = _access(request, slug)
    doc = sel.document_get_for(a, doc_id)
    done = onward.onward_disclose(
        actor=actor(request),
        source=sel.onward_source_for(a, doc, body.grant_id),
        recipient=sel.person_by_username(a, body.recipient),
        equal_need=body.equal_need,
        reasons=body.reasons,
    )
    return Status(201, ds.onward_out(done, body.recipient))

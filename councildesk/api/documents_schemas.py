"""The documents API's shapes: what each route takes and answers, and the functions that turn rows into them.

Pure shape: no lookups (those are in ``documents.selectors``) and no writes (``documents`` services).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from councildesk.documents.models import (
    AccessRequest,
    Disclosure,
    Document,
    MeetingItem,
    OnwardDisclosure,
    StatutoryRequest,
)
from councildesk.documents.selectors import request_detail

Text = Field(..., min_length=1, max_length=5000)
PathId = Annotated[int, Field(ge=1, le=2**53)]


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
    """A rule in plain words: ``clause`` is the council's own reference, or null where its protocol is silent
    and the product applies the rule anyway (``where`` and ``baseline`` say so)."""

    rule_id: str
    title: str = ""  # decisions recorded before titles existed carry only rule_id and clause
    clause: str | None
    adopted: bool = True
    where: str = ""
    baseline: str | None = None


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
    interest: bool
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
    interest: bool = Field(False, description="You have an interest in the matter under the code of conduct.")


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


def doc_out(d: Document, slug: str) -> dict[str, Any]:
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


def item_out(i: MeetingItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "committee": i.committee.name,
        "meeting_date": i.meeting_date,
        "item_number": i.item_number,
        "title": i.title,
    }


def request_out(req: AccessRequest, *, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": req.pk,
        "meeting_item": item_out(req.meeting_item),
        "requester": req.requester.username,
        "need": req.need,
        "justification": req.justification,
        "personal_data_justification": req.personal_data_justification,
        "confidential": req.confidential,
        "interest": req.interest,
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


def statutory_out(r: StatutoryRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "regime": r.regime,
        "requester": r.requester.username,
        "description": r.description,
        "received": r.received,
        "due": r.due,
        "skipped_days": r.skipped_days,
    }


def disclosure_out(r: Disclosure) -> dict[str, Any]:
    return {
        "opened_at": r.opened_at,
        "document_id": r.document_id,
        "document": r.document.title,
        "person": r.person.username,
        "basis": r.basis,
        "grant_id": r.grant_id,
    }


def onward_out(done: OnwardDisclosure, recipient: str) -> dict[str, Any]:
    return {
        "grant_id": done.grant_id,
        "recipient": recipient,
        "equal_need": done.equal_need,
        "first_notified": done.first_notified,
    }

"""API routes for wards, public meetings, premises visits and members' resources. Every route runs the council
gate and the object's gate; what the caller may not see answers 404 like a missing id."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from councildesk.wards import selectors, services
from councildesk.wards.models import PremisesVisit, PublicMeeting, ResourceLedgerEntry, ResourceRequest, WardMatter

from .common import ERRORS, WRITE_ERRORS, actor, gate

router = Router(tags=["wards"])


class MatterOut(Schema):
    id: int
    title: str
    summary: str
    trigger: str
    urgent_or_sensitive: bool
    wards: list[str]
    members_told: int
    members_told_at: dt.datetime
    made_public_at: dt.datetime | None


class MatterIn(Schema):
    title: str = Field(..., max_length=200)
    summary: str = Field(..., max_length=10000)
    trigger: str
    ward_ids: list[int]
    urgent_or_sensitive: bool = False


class MadePublicIn(Schema):
    made_public_at: dt.datetime | None = None


class MeetingOut(Schema):
    id: int
    organiser: str
    kind: str
    title: str
    held_on: dt.date
    venue: str
    wards: list[str]
    council_venue: bool
    party_political: bool
    officer_asked: bool
    officer_answer: str
    told: int


class MeetingIn(Schema):
    title: str = Field(..., max_length=200)
    held_on: dt.date
    venue: str = Field(..., max_length=200)
    ward_ids: list[int] = []
    kind: str = "public_meeting"
    council_venue: bool = False
    party_political: bool = False
    officer_asked: bool = False


class VisitOut(Schema):
    id: int
    member: str
    site: str
    site_kind: str
    site_ward: str | None
    visit_on: dt.date
    purpose: str
    officer_in_charge: str
    outside_own_ward: bool
    ward_members_told: list[str]
    special_care: bool


class VisitIn(Schema):
    site: str = Field(..., max_length=200)
    site_kind: str = "workplace"
    site_ward_id: int | None = None
    visit_on: dt.date
    purpose: str = Field(..., max_length=2000)
    officer_in_charge_id: int
    short_notice_reason: str = Field("", max_length=2000)
    conduct_acknowledged: bool = False


class RequestOut(Schema):
    id: int
    member: str
    kind: str
    details: str
    purpose: str
    direct: bool
    routed_to: str | None
    made_at: dt.datetime


class RequestIn(Schema):
    kind: str
    details: str = Field(..., max_length=5000)
    purpose: str = "council"


class LedgerOut(Schema):
    id: int
    member: str
    kind: str
    description: str
    provided_on: dt.date
    charge_pence: int | None


class LedgerIn(Schema):
    member_id: int
    kind: str
    description: str = Field(..., max_length=200)
    provided_on: dt.date
    charge_pence: int | None = Field(None, ge=0)


class IctOut(Schema):
    acknowledged_at: dt.datetime | None


def _matter(x: WardMatter) -> dict[str, object]:
    return {
        "id": x.pk,
        "title": x.title,
        "summary": x.summary,
        "trigger": x.trigger,
        "urgent_or_sensitive": x.urgent_or_sensitive,
        "wards": [w.name for w in x.wards.all()],
        "members_told": x.members_told,
        "members_told_at": x.members_told_at,
        "made_public_at": x.made_public_at,
    }


def _meeting(x: PublicMeeting) -> dict[str, object]:
    return {
        "id": x.pk,
        "organiser": x.organiser,
        "kind": x.kind,
        "title": x.title,
        "held_on": x.held_on,
        "venue": x.venue,
        "wards": [w.name for w in x.wards.all()],
        "council_venue": x.council_venue,
        "party_political": x.party_political,
        "officer_asked": x.officer_asked,
        "officer_answer": x.officer_answer,
        "told": x.invited,
    }


def _visit(x: PremisesVisit) -> dict[str, object]:
    return {
        "id": x.pk,
        "member": str(x.member),
        "site": x.site,
        "site_kind": x.site_kind,
        "site_ward": x.site_ward.name if x.site_ward else None,
        "visit_on": x.visit_on,
        "purpose": x.purpose,
        "officer_in_charge": str(x.officer_in_charge),
        "outside_own_ward": x.outside_own_ward,
        "ward_members_told": x.ward_members_told,
        "special_care": x.site_kind != PremisesVisit.SiteKind.WORKPLACE,
    }


def _request(x: ResourceRequest) -> dict[str, object]:
    return {
        "id": x.pk,
        "member": str(x.member),
        "kind": x.kind,
        "details": x.details,
        "purpose": x.purpose,
        "direct": x.direct,
        "routed_to": str(x.routed_to) if x.routed_to else None,
        "made_at": x.made_at,
    }


def _ledger(x: ResourceLedgerEntry) -> dict[str, object]:
    return {
        "id": x.pk,
        "member": str(x.member),
        "kind": x.kind,
        "description": x.description,
        "provided_on": x.provided_on,
        "charge_pence": x.charge_pence,
    }


@router.get("/matters", response={200: list[MatterOut], **ERRORS})
def matter_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    return [_matter(x) for x in selectors.matters_for(gate(request, slug))]


@router.post("/matters", response={201: MatterOut, **WRITE_ERRORS})
def matter_create(request: HttpRequest, slug: Path[str], body: MatterIn) -> Status[dict[str, object]]:
    m = gate(request, slug)
    x = services.matter_record(
        actor=actor(request),
        council=m.council,
        title=body.title,
        summary=body.summary,
        trigger=body.trigger,
        ward_ids=body.ward_ids,
        urgent_or_sensitive=body.urgent_or_sensitive,
    )
    return Status(201, _matter(selectors.matter_get_for(m, x.pk)))


@router.get("/matters/{matter_id}", response={200: MatterOut, **ERRORS})
def matter_detail(request: HttpRequest, slug: Path[str], matter_id: int) -> dict[str, object]:
    return _matter(selectors.matter_get_for(gate(request, slug), matter_id))


@router.post("/matters/{matter_id}/public", response={200: MatterOut, **WRITE_ERRORS})
def matter_public(request: HttpRequest, slug: Path[str], matter_id: int, body: MadePublicIn) -> dict[str, object]:
    m = gate(request, slug)
    services.matter_make_public(
        actor=actor(request), council=m.council, matter_id=matter_id, made_public_at=body.made_public_at
    )
    return _matter(selectors.matter_get_for(m, matter_id))


@router.get("/meetings", response={200: list[MeetingOut], **ERRORS})
def meeting_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    return [_meeting(x) for x in selectors.meetings_for(gate(request, slug))]


@router.post("/meetings", response={201: MeetingOut, **WRITE_ERRORS})
def meeting_create(request: HttpRequest, slug: Path[str], body: MeetingIn) -> Status[dict[str, object]]:
    m = gate(request, slug)
    x = services.meeting_record(
        actor=actor(request),
        council=m.council,
        title=body.title,
        held_on=body.held_on,
        venue=body.venue,
        ward_ids=body.ward_ids,
        kind=body.kind,
        council_venue=body.council_venue,
        party_political=body.party_political,
        officer_asked=body.officer_asked,
    )
    return Status(201, _meeting(selectors.meeting_get_for(m, x.pk)))


class OfficerAnswerIn(Schema):
    attend: bool


@router.post("/meetings/{meeting_id}/officer", response={200: MeetingOut, **WRITE_ERRORS})
def meeting_officer(request: HttpRequest, slug: Path[str], meeting_id: int, body: OfficerAnswerIn) -> dict[str, object]:
    m = gate(request, slug)
    services.meeting_officer_answer(actor=actor(request), council=m.council, meeting_id=meeting_id, attend=body.attend)
    return _meeting(selectors.meeting_get_for(m, meeting_id))


@router.get("/visits", response={200: list[VisitOut], **ERRORS})
def visit_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    return [_visit(x) for x in selectors.visits_for(gate(request, slug))]


@router.post("/visits", response={201: VisitOut, **WRITE_ERRORS})
def visit_create(request: HttpRequest, slug: Path[str], body: VisitIn) -> Status[dict[str, object]]:
    m = gate(request, slug)
    x = services.visit_arrange(
        actor=actor(request),
        council=m.council,
        site=body.site,
        site_kind=body.site_kind,
        site_ward_id=body.site_ward_id,
        visit_on=body.visit_on,
        purpose=body.purpose,
        officer_in_charge_id=body.officer_in_charge_id,
        short_notice_reason=body.short_notice_reason,
        conduct_acknowledged=body.conduct_acknowledged,
    )
    return Status(201, _visit(selectors.visit_get_for(m, x.pk)))


@router.get("/visits/{visit_id}", response={200: VisitOut, **ERRORS})
def visit_detail(request: HttpRequest, slug: Path[str], visit_id: int) -> dict[str, object]:
    return _visit(selectors.visit_get_for(gate(request, slug), visit_id))


@router.get("/resources/requests", response={200: list[RequestOut], **ERRORS})
def request_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    return [_request(x) for x in selectors.requests_for(gate(request, slug))]


@router.post("/resources/requests", response={201: RequestOut, **WRITE_ERRORS})
def request_create(request: HttpRequest, slug: Path[str], body: RequestIn) -> Status[dict[str, object]]:
    m = gate(request, slug)
    x = services.resource_request(
        actor=actor(request), council=m.council, kind=body.kind, details=body.details, purpose=body.purpose
    )
    return Status(201, _request(x))


@router.get("/resources/ledger", response={200: list[LedgerOut], **ERRORS})
def ledger_list(request: HttpRequest, slug: Path[str]) -> list[dict[str, object]]:
    return [_ledger(x) for x in selectors.ledger_for(gate(request, slug))]


@router.post("/resources/ledger", response={201: LedgerOut, **WRITE_ERRORS})
def ledger_create(request: HttpRequest, slug: Path[str], body: LedgerIn) -> Status[dict[str, object]]:
    m = gate(request, slug)
    x = services.ledger_record(
        actor=actor(request),
        council=m.council,
        member_id=body.member_id,
        kind=body.kind,
        description=body.description,
        provided_on=body.provided_on,
        charge_pence=body.charge_pence,
    )
    return Status(201, _ledger(x))


@router.get("/resources/ict", response={200: IctOut, **ERRORS})
def ict_status(request: HttpRequest, slug: Path[str]) -> dict[str, object]:
    ack = selectors.ict_acknowledgement(gate(request, slug))
    return {"acknowledged_at": ack.acknowledged_at if ack else None}


@router.post("/resources/ict", response={200: IctOut, **WRITE_ERRORS})
def ict_acknowledge(request: HttpRequest, slug: Path[str]) -> dict[str, object]:
    m = gate(request, slug)
    ack = services.ict_acknowledge(actor=actor(request), council=m.council)
    return {"acknowledged_at": ack.acknowledged_at}

"""The JSON API under /api/v1 (Django Ninja). Every route authenticates a per-user bearer token and then
goes through the same council access gate as the pages. OpenAPI: /api/v1/openapi.json."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from councildesk.audit.verification import verify_council
from councildesk.core.errors import DomainError, NotFound
from councildesk.people.access import Membership, access_scope, membership_for, memberships_of
from councildesk.people.models import Person
from councildesk.people.permissions import can_view_audit_status
from councildesk.people.selectors import (
    committees_list_for,
    groups_list_for,
    people_list_for,
    wards_list_for,
)
from councildesk.protocol.selectors import clause_get_for, clauses_for
from councildesk.tenancy import rls

from . import schemas as s
from .common import ERRORS, BearerToken, gate
from .complaints import router as complaints_router
from .correspondence import letters_router as letters_router
from .correspondence import router as correspondence_router
from .deadlines import router as deadlines_router
from .declarations import router as declarations_router
from .delegation import router as delegation_router
from .documents import router as documents_router
from .enquiries import router as enquiries_router
from .finance import router as finance_router
from .groups import router as groups_router
from .mail import router as mail_router
from .notifications import router as notifications_router
from .wards import router as wards_router

api = NinjaAPI(
    title="councildesk API",
    version="1",
    auth=BearerToken(),
    urls_namespace="api",
    description="Councils, people and roles, structure, protocol clauses, enquiries, documents, deadlines and audit.",
)
api.add_router("/councils/{slug}/enquiries", enquiries_router)
api.add_router("/councils/{slug}/documents", documents_router)
api.add_router("/councils/{slug}/complaints", complaints_router)
api.add_router("/councils/{slug}/declarations", declarations_router)
api.add_router("/councils/{slug}/delegation", delegation_router)
api.add_router("/councils/{slug}/finance", finance_router)
api.add_router("/councils/{slug}/deadlines", deadlines_router)
api.add_router("/councils/{slug}/notifications", notifications_router)
api.add_router("/councils/{slug}/groups", groups_router)
api.add_router("/councils/{slug}/wards", wards_router)
api.add_router("/councils/{slug}/correspondence", correspondence_router)
api.add_router("/councils/{slug}/letters", letters_router)
api.add_router("/councils/{slug}/mail", mail_router)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = {"error": "Unauthorized", "message": "Send a valid API token: 'Authorization: Bearer <token>'."}
    return api.create_response(request, body, status=401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals (e.g. a body that is not JSON: 400), in the same shape as every other error."""
    body = {"error": "BadRequest" if exc.status_code == 400 else "HttpError", "message": str(exc)}
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(ValidationError)
def _invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Ninja's own request validation, in the same shape as every other error (documented as 422)."""
    problems = {".".join(str(p) for p in e.get("loc", ())[1:]) or "body": str(e.get("msg", "")) for e in exc.errors}
    body = {"error": "ValidationFailed", "message": "The request does not match the schema.", "problems": problems}
    return api.create_response(request, body, status=422)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


_gate = gate


def _member(person: Person, position: str, start: object, end: object) -> dict[str, object]:
    return {
        "username": person.username,
        "name": str(person),
        "position": position,
        "start": start,
        "end": end,
    }


@api.get("/me", response={200: s.MeOut, **ERRORS}, tags=["people"])
def me(request: HttpRequest) -> dict[str, object]:
    person: Person = request.auth  # type: ignore[attr-defined]
    return {
        "username": person.username,
        "name": str(person),
        "councils": [c.slug for c in memberships_of(person)],
    }


@api.get("/councils", response={200: list[s.CouncilOut], **ERRORS}, tags=["councils"])
def councils(request: HttpRequest) -> list[dict[str, object]]:
    person: Person = request.auth  # type: ignore[attr-defined]
    found = []
    for c in memberships_of(person):  # the person's own roles are readable everywhere (rls.OWN_ROLES)
        # Each council's standing is read in that council's scope (ADR 0015), with a fresh memo: the roles read
        # in one council's scope know group leadership and personnel seats in that council only.
        with rls.council_scope(c.pk), access_scope():
            found.append(_council(membership_for(person, c.slug)))
    return found


def _council(m: Membership) -> dict[str, object]:
    profile = m.council.profile
    return {
        "slug": m.council.slug,
        "name": m.council.name,
        "kind": m.council.kind,
        "nation": m.council.nation,
        "head_officer_title": profile.head_officer_title(),
        "principal_council": profile.principal_council.name,
        "political_groups": profile.features.political_groups,
        "mayor": profile.features.mayor,
        "your_roles": m.titles(),
    }


@api.get("/councils/{slug}", response={200: s.CouncilOut, **ERRORS}, tags=["councils"])
def council(request: HttpRequest, slug: str) -> dict[str, object]:
    return _council(_gate(request, slug))


@api.get("/councils/{slug}/people", response={200: list[s.PersonOut], **ERRORS}, tags=["people"])
def people(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    m = _gate(request, slug)
    profile = m.council.profile
    return [
        {
            "username": e.person.username,
            "name": str(e.person),
            "roles": [
                {
                    "kind": r.kind,
                    "title": profile.title_for(r.kind),
                    "start": r.start,
                    "end": r.end,
                    "line_manager": r.line_manager.username if r.line_manager else None,
                    "serving_body": r.serving_body,
                }
                for r in e.roles
            ],
        }
        for e in people_list_for(m)
    ]


@api.get("/councils/{slug}/committees", response={200: list[s.CommitteeOut], **ERRORS}, tags=["structure"])
def committees(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    return [
        {
            "name": c.name,
            "kind": c.kind,
            "members": [_member(x.person, x.seat, x.start, x.end) for x in c.seats.all()],
        }
        for c in committees_list_for(_gate(request, slug))
    ]


@api.get("/councils/{slug}/wards", response={200: list[s.WardOut], **ERRORS}, tags=["structure"])
def wards(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    return [
        {
            "name": w.name,
            "members": [_member(x.person, "member", x.start, x.end) for x in w.memberships.all()],
        }
        for w in wards_list_for(_gate(request, slug))
    ]


@api.get("/councils/{slug}/groups", response={200: list[s.GroupOut], **ERRORS}, tags=["structure"])
def groups(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    return [
        {
            "name": g.name,
            "members": [
                _member(x.person, "leader" if x.is_leader else "member", x.start, x.end) for x in g.memberships.all()
            ],
        }
        for g in groups_list_for(_gate(request, slug))
    ]


@api.get("/councils/{slug}/clauses", response={200: list[s.ClauseOut], **ERRORS}, tags=["protocol"])
def clauses(request: HttpRequest, slug: str) -> list[object]:
    return list(clauses_for(_gate(request, slug))[1])


@api.get("/councils/{slug}/clause", response={200: s.ClauseOut, **ERRORS}, tags=["protocol"])
def clause(request: HttpRequest, slug: str, ref: str) -> object:
    """One clause by its reference, e.g. ``?ref=3.5`` or ``?ref=Councillors ¶5``."""
    return clause_get_for(_gate(request, slug), ref)


@api.get("/councils/{slug}/audit", response={200: s.AuditStatusOut, **ERRORS}, tags=["audit"])
def audit_status(request: HttpRequest, slug: str) -> dict[str, object]:
    m = _gate(request, slug)
    if not can_view_audit_status(m):
        raise NotFound("That page")
    v = verify_council(m.council)
    return {
        "intact": v.ok,
        "events_checked": v.checked,
        "head_hash": v.head_hash,
        "first_bad_event": v.first_bad_seq,
        "problem": v.problem,
    }

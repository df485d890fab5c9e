"""Access expectations for the complaint pages and routes, by persona, from the demo data.

``complaint_id`` is each council's demo complaint (councildesk/demo/complaints.py): ``<prefix>.cllr``'s concern about
``<prefix>.officer``, routed by the profile. Written out by hand from the profiles, not computed by the code:
- 000 sandon-burston: to the chair (sandon.chair), not a persona here; the Clerk does not see it.
- 001 cottingham: to the Clerk (7.3); the personnel committee member and the parish MO do not see it.
- 002 district-annex: raised by district.cllr (persona "councillor"), to their own Group Leader (district.leader,
  persona "group_leader", 6.1). The chair, Chief Executive, officer (its subject), MO and host admin do not see it.
- 004 mayor-town: to the officer's line manager, the Town Clerk (15.2(d)); the Mayor does not see it.
"""

from __future__ import annotations

from collections.abc import Callable

from .objects import PARAMS
from .personas import Persona

Expect = Callable[[Persona, str], int]

COMPLAINANTS = {"councillor"}
HANDLERS = {"group_leader", "town_clerk"}


def _gate(p: Persona, scope: str, *, api: bool) -> int | None:
    if p.username is None:
        return 401 if api else 302
    if scope == "other" and not p.host_admin:
        return 404
    if p.expired:
        return 403
    return None


def everyone(*, api: bool = False) -> Expect:
    def expect(p: Persona, scope: str) -> int:
        return _gate(p, scope, api=api) or 200

    return expect


def with_role(p: Persona, scope: str) -> int:
    """Raising needs a role in the council: a host administrator has none."""
    return _gate(p, scope, api=False) or (404 if p.host_admin else 200)


def only(names: set[str], *, api: bool = False) -> Expect:
    def expect(p: Persona, scope: str) -> int:
        gate = _gate(p, scope, api=api)
        if gate:
            return gate
        return 200 if scope == "own" and p.name in names else 404

    return expect


def nobody(p: Persona, scope: str) -> int:
    return _gate(p, scope, api=False) or 404


def post_only(p: Persona, scope: str) -> int:
    return 405


COMPLAINT_PAGES: dict[str, Expect] = {
    "complaints": everyone(),
    "complaint_new": with_role,
    "complaint": only(COMPLAINANTS | HANDLERS),
    "complaint_informal": only(COMPLAINANTS | HANDLERS),  # every demo complaint is at its informal stage
    "complaint_formal": only(COMPLAINANTS | HANDLERS),
    "complaint_mediation": nobody,  # 002 and 004 name no mediator
    "complaint_panel": nobody,  # no panel while informal
    "complaint_decide": only(HANDLERS),
    "complaint_group_leader": nobody,  # every demo complaint is about an officer, not a councillor
    "complaint_code": nobody,
}

COMPLAINT_API: dict[str, Expect] = {
    "/api/v1/councils/{slug}/complaints": everyone(api=True),
    "/api/v1/councils/{slug}/complaints/{complaint_id}": only(COMPLAINANTS | HANDLERS, api=True),
    "/api/v1/councils/{slug}/complaints/{complaint_id}/informal": post_only,
    "/api/v1/councils/{slug}/complaints/{complaint_id}/formal": post_only,
    "/api/v1/councils/{slug}/complaints/{complaint_id}/panel": post_only,
    "/api/v1/councils/{slug}/complaints/{complaint_id}/decide": post_only,
    "/api/v1/councils/{slug}/complaints/{complaint_id}/group-leader": post_only,
    "/api/v1/councils/{slug}/complaints/{complaint_id}/code-of-conduct": post_only,
    "/api/v1/councils/{slug}/complaints/check-public-text": post_only,
}


def _demo_complaint(slug: str) -> str:
    from councildesk.complaints.models import Complaint

    return str(Complaint.objects.get(council__slug=slug, submission_key="demo-1").pk)


PARAMS["complaint_id"] = _demo_complaint

"""Access expectations for the declaration pages and routes, by persona, from the demo data.

``declaration_id`` is each council's demo declaration (councildesk/demo/declarations.py): ``<prefix>.officer``'s
family connection with ``<prefix>.chair``. Written out by hand from the visibility rule, not computed by the code:
only the declarer (persona "officer", in district-annex), the Monitoring Officer and the head officer open it; the
chair (the counterpart), everyone else and the host administrator get 404 like a missing id.
``appointment_id`` is each council's demo appointment: seen by the head officer, the Monitoring Officer and members.
"""

from __future__ import annotations

from collections.abc import Callable

from .objects import PARAMS
from .personas import Persona

Expect = Callable[[Persona, str], int]

DECLARER = {"officer"}
REGISTER = {"clerk", "town_clerk", "chief_executive", "monitoring_officer", "parish_monitoring_officer"}
HEADS = {"clerk", "town_clerk", "chief_executive"}
MEMBERS = {"councillor", "chair", "vice_chair", "mayor", "group_leader", "personnel_committee", "twin_hatted"}


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
    return _gate(p, scope, api=False) or (404 if p.host_admin else 200)


def only(names: set[str], *, api: bool = False) -> Expect:
    def expect(p: Persona, scope: str) -> int:
        return _gate(p, scope, api=api) or (200 if scope == "own" and p.name in names else 404)

    return expect


def post_only(p: Persona, scope: str) -> int:
    return 405


DECLARATION_PAGES: dict[str, Expect] = {
    "declarations": everyone(),
    "declaration_new": with_role,
    "declaration": only(DECLARER | REGISTER),
    "declaration_end": only(DECLARER | REGISTER),
    "appointments": everyone(),
    "appointment_new": only(HEADS),
    "appointment": only(REGISTER | MEMBERS),
    "appointment_seat": only(MEMBERS),  # no demo panel has a member seated yet
    "appointment_candidate": only(HEADS),
    "appointment_information": only(HEADS),
    # Advice on a conflict between roles is 004 2.1: members of mayor-town ask; the demo request is the chair's to
    # the Town Clerk, seen by the two of them only.
    "conflict_advice_new": only({"mayor"}),
    "conflict_advice": only({"town_clerk"}),
    "interim_clerk": everyone(),  # who acts as Clerk is no secret from anyone with a role there
}

DECLARATION_API: dict[str, Expect] = {
    "/api/v1/councils/{slug}/declarations": everyone(api=True),
    "/api/v1/councils/{slug}/declarations/{declaration_id}": only(DECLARER | REGISTER, api=True),
    "/api/v1/councils/{slug}/declarations/{declaration_id}/end": post_only,
    "/api/v1/councils/{slug}/declarations/appointments": everyone(api=True),
    "/api/v1/councils/{slug}/declarations/appointments/{appointment_id}": only(REGISTER | MEMBERS, api=True),
    "/api/v1/councils/{slug}/declarations/appointments/{appointment_id}/candidates": post_only,
    "/api/v1/councils/{slug}/declarations/appointments/{appointment_id}/seat": post_only,
    "/api/v1/councils/{slug}/declarations/appointments/{appointment_id}/scores": post_only,
    "/api/v1/councils/{slug}/declarations/appointments/{appointment_id}/information": post_only,
    "/api/v1/councils/{slug}/declarations/appointments/{appointment_id}/canvassing": post_only,
    "/api/v1/councils/{slug}/declarations/advice": post_only,
    "/api/v1/councils/{slug}/declarations/advice/{conflict_advice_id}": only({"town_clerk"}, api=True),
}


def _demo(model: str) -> Callable[[str], str]:
    def pick(slug: str) -> str:
        from councildesk.declarations import models

        rows = getattr(models, model).objects.filter(council__slug=slug).order_by("pk")
        return str(rows.first().pk)

    return pick


PARAMS["declaration_id"] = _demo("Declaration")
PARAMS["appointment_id"] = _demo("Appointment")


def _demo_advice(slug: str) -> str:
    from councildesk.declarations.models import AdviceRequest

    row = AdviceRequest.objects.filter(council__slug=slug).order_by("pk").first()
    return str(row.pk) if row else "987654321"  # a council without one: an id that does not exist


PARAMS["conflict_advice_id"] = _demo_advice

"""Access expectations for the enquiry pages and routes, by persona.

The demo enquiry used for object URLs is each council's "demo-1": raised by ``<prefix>.cllr``, assigned by the
head officer to ``<prefix>.officer``. Only its raiser, its assignee and the head officer may open it.
"""

from __future__ import annotations

from collections.abc import Callable

from .personas import Persona

Expect = Callable[[Persona, str], int]

MEMBERS = {"councillor", "chair", "vice_chair", "mayor", "group_leader", "personnel_committee", "twin_hatted"}
OFFICERS = {
    "clerk",
    "town_clerk",
    "chief_executive",
    "officer",
    "head_of_service_cmt",
    "monitoring_officer",
    "parish_monitoring_officer",
}
HEADS = {"clerk", "town_clerk", "chief_executive"}
SEES_DEMO_ENQUIRY = {"councillor", "officer", *HEADS}
# The head officer, the chair, and members of a personnel committee (derived from committee seats in the demo).
WORKLOAD = {*HEADS, "chair", "vice_chair", "mayor", "group_leader", "personnel_committee"}


def _gate(p: Persona, scope: str, *, api: bool = False) -> int | None:
    """The council gate's answer, or None when it lets the persona through."""
    if p.username is None:
        return 401 if api else 302
    if scope == "other" and not p.host_admin:
        return 404
    if p.expired:
        return 403
    return None


def only(names: set[str], *, api: bool = False) -> Expect:
    def expect(p: Persona, scope: str) -> int:
        gate = _gate(p, scope, api=api)
        if gate is not None:
            return gate
        return 200 if p.name in names else 404

    return expect


def post_only_page(p: Persona, scope: str) -> int:
    gate = _gate(p, scope)
    return 405 if gate is None else gate


def post_only_route(p: Persona, scope: str) -> int:
    return 405  # Ninja answers a GET on a POST-only route before authenticating


def any_role(p: Persona, scope: str) -> int:
    gate = _gate(p, scope)
    return 200 if gate is None else gate


def any_role_api(p: Persona, scope: str) -> int:
    gate = _gate(p, scope, api=True)
    return 200 if gate is None else gate


ENQUIRY_PAGES: dict[str, Expect] = {
    "enquiry_list": any_role,
    "enquiry_new": only(MEMBERS),
    "enquiry_detail": only(SEES_DEMO_ENQUIRY),
    "enquiry_action": post_only_page,
    "enquiry_attachment": only(SEES_DEMO_ENQUIRY),
    "question_new": only(OFFICERS),
    "direct_contacts": only(MEMBERS | HEADS),
    "enquiry_workload": only(WORKLOAD),
    "enquiry_performance": only(WORKLOAD),
    "enquiry_performance_csv": only(WORKLOAD),
    # Everyone may read the targets; only the head officer sees the form (and may POST it).
    "enquiry_targets": any_role,
    # The directory of services (002 3.2 fn 2) is for everyone; workplans for officers (each sees their own).
    "service_directory": any_role,
    "workplans": only(OFFICERS),
}

_BASE = "/api/v1/councils/{slug}/enquiries"
ENQUIRY_API: dict[str, Expect] = {
    _BASE: only(MEMBERS, api=True),
    _BASE + "/workload": only(WORKLOAD, api=True),
    _BASE + "/performance": only(WORKLOAD, api=True),
    _BASE + "/questions": post_only_route,
    _BASE + "/direct-contacts": any_role_api,
    _BASE + "/targets": any_role_api,
    _BASE + "/services": any_role_api,
    _BASE + "/services/remove": post_only_route,
    _BASE + "/workplans": only(OFFICERS, api=True),
    _BASE + "/workplans/remove": post_only_route,
    _BASE + "/{enquiry_id}": only(SEES_DEMO_ENQUIRY, api=True),
    _BASE + "/{enquiry_id}/{action}": post_only_route,
}

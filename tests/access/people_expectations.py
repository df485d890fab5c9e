"""Access expectations for the head officer's people pages and the Monitoring Officer's overview (issue 13).

The people pages are the head officer's (the Clerk, or the district's Chief Executive) and the host
administrator's; everyone else gets 404, like a missing page. ``username`` is the council's demo chair, with
their councillor role (``role_id``) and a committee seat (``tenure_id``). ``place`` is "groups": Sandon has no
political groups, so that page is missing there for everyone.

The overview is for a Monitoring Officer in their own council; the host administrator is not one.
"""

from __future__ import annotations

from .kit import Expect, gate
from .personas import Persona

MONITORING_OFFICERS = {"monitoring_officer", "parish_monitoring_officer"}


def keeper(p: Persona, scope: str) -> int:
    answer = gate(p, scope, api=False)
    if answer is not None:
        return answer
    return 200 if (p.head_officer or p.host_admin) else 404


def keeper_of_groups(p: Persona, scope: str) -> int:
    status = keeper(p, scope)
    return 404 if status == 200 and getattr(p, scope) == "sandon-burston" else status


def monitoring_officer(p: Persona, scope: str) -> int:
    answer = gate(p, scope, api=False)
    if answer is not None:
        return answer
    return 200 if scope == "own" and p.name in MONITORING_OFFICERS else 404


PEOPLE_PAGES: dict[str, Expect] = {
    "person_new": keeper,
    "people_import": keeper,
    "structure_new": keeper,
    "person": keeper,
    "person_edit": keeper,
    "role_new": keeper,
    "role_end": keeper,
    "seat_new": keeper,
    "place_new": keeper_of_groups,
    "tenure_end": keeper,
    "monitoring_overview": monitoring_officer,
}


def _chair(slug: str) -> str:
    from councildesk.demo.roster import COUNCILS

    return f"{next(c for c in COUNCILS if c.slug == slug).prefix}.chair"


def _chair_role(slug: str) -> str:
    from councildesk.people.models import Role

    return str(Role.objects.get(council__slug=slug, person__username=_chair(slug), kind="councillor").pk)


def _chair_seat(slug: str) -> str:
    from councildesk.people.models import CommitteeSeat

    seat = CommitteeSeat.objects.filter(committee__council__slug=slug, person__username=_chair(slug)).first()
    assert seat is not None
    return str(seat.pk)


PEOPLE_PARAMS = {
    "username": _chair,
    "role_id": _chair_role,
    "tenure_id": _chair_seat,
    "part": lambda slug: "committees",
    "place": lambda slug: "groups",
    "tenure": lambda slug: "seats",
}

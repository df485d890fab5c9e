"""Access expectations for the political-group pages and routes, by persona, from the demo data.

Object URLs use each council's demo objects (councildesk/demo/groups.py): in district-annex, mayor-town and
west-northants-town, advice to the first group of the roster, that group's request for an officer (accepted) and a
note of the discussion. Councils without groups in the demo have no such objects: their ids answer 404.

Written by hand from the roster, not computed by the code under test. The sensitive class: advice content and
notes are never seen by another group (district's vice-chair is in the Independent Group; the advice and note
belong to the Riverside Alliance), nor by the Monitoring Officer or a host administrator.
"""

from __future__ import annotations

from collections.abc import Callable

from .kit import everyone, only, post_only
from .objects import PARAMS
from .personas import Persona

Expect = Callable[[Persona, str], int]

# The council's employees who advise groups. district.mo is the district's own Monitoring Officer and sits on its
# Corporate Management Team, so is one of its officers; cottingham.mo serves the parish from the principal council.
OFFICERS = {"clerk", "town_clerk", "chief_executive", "officer", "head_of_service_cmt", "monitoring_officer"}
# Members of a current group in their own council.
GROUP_MEMBERS = {"councillor", "chair", "vice_chair", "mayor", "group_leader"}
# Members of the demo object's group (district: Riverside Alliance; mayor-town: Progressive Alliance).
OBJECT_GROUP = {"councillor", "chair", "group_leader", "mayor"}
# Advice and requests: the group and the council's officers, where the council has demo objects.
ADVICE_SEERS = (OBJECT_GROUP | OFFICERS) - {"clerk"}  # sandon-burston has no groups, so no demo advice
# Notes: the group and the officer present (district: its officer, not the Chief Executive; mayor-town: the Town
# Clerk, who attended).
NOTE_SEERS = OBJECT_GROUP | {"officer", "town_clerk"}
# The tally of support to each group: the head officer only.
HEAD_OFFICERS = {"clerk", "town_clerk", "chief_executive"}


GROUP_PAGES: dict[str, Expect] = {
    "groups": everyone(),
    "groups_service": only(HEAD_OFFICERS),
    "group_advice_new": only(OFFICERS),
    "group_advice": only(ADVICE_SEERS),
    "group_advice_verify": post_only,
    "group_attendance_new": only(GROUP_MEMBERS),
    "group_attendance": only(ADVICE_SEERS),
    "group_attendance_decide": post_only,
    "group_attendance_stay": post_only,
    "group_note_new": post_only,
    "group_note": only(NOTE_SEERS),
}

_API = "/api/v1/councils/{slug}/groups"
GROUP_API: dict[str, Expect] = {
    f"{_API}/advice": everyone(api=True),
    f"{_API}/advice/{{advice_id}}": only(ADVICE_SEERS, api=True),
    f"{_API}/advice/{{advice_id}}/verify": post_only,
    f"{_API}/attendance": everyone(api=True),
    f"{_API}/attendance/{{attendance_id}}": only(ADVICE_SEERS, api=True),
    f"{_API}/attendance/{{attendance_id}}/decision": post_only,
    f"{_API}/notes/{{note_id}}": only(NOTE_SEERS, api=True),
}


def _group_object(model: str) -> Callable[[str], str]:
    """The id of the council's demo object (the demo loads it); a council without one gets an id nobody has."""

    def pick(slug: str) -> str:
        from django.apps import apps

        pk = (
            apps.get_model("groups", model)
            .objects.filter(council__slug=slug)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        return str(pk or 987_654_321)

    return pick


PARAMS["advice_id"] = _group_object("GroupAdvice")
PARAMS["attendance_id"] = _group_object("AttendanceRequest")
PARAMS["note_id"] = _group_object("GroupNote")

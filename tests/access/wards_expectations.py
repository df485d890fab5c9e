"""Access expectations for the wards and resources pages and routes, by persona, from the demo data.

Only district-annex (002) and mayor-town (004) provide for this area; ward matters, public meetings, visits and the
resources ledger live in mayor-town's demo (councildesk/demo/wards.py): a consultation for North Ward (the Mayor's
ward), and a visit by a North Ward member to a school in South Ward. Councils without such objects answer 404 for
their ids. Written by hand from the roster, not computed by the code under test. The sensitive class: a ward matter
before it is public is seen only by the council's officers and that ward's members; a visit by the officers, the
visiting member and the site's ward members; never by a host administrator.
"""

from __future__ import annotations

from collections.abc import Callable

from .kit import everyone, only, post_only
from .objects import PARAMS
from .personas import Persona

Expect = Callable[[Persona, str], int]

# Officers of the two councils whose protocols provide for ward matters (district.mo sits on the district's CMT).
MATTER_RECORDERS = {"town_clerk", "chief_executive", "officer", "head_of_service_cmt", "monitoring_officer"}
# Members of the two councils, who may ask for resources.
MEMBERS = {"councillor", "chair", "vice_chair", "mayor", "group_leader"}

WARDS_PAGES: dict[str, Expect] = {
    "wards": everyone(),
    "ward_matter_new": only(MATTER_RECORDERS),
    "ward_matter": only({"town_clerk", "mayor"}),
    "ward_matter_public": post_only,
    "public_meeting_new": only({"town_clerk", "mayor"}),
    "public_meeting_officer": post_only,
    "premises_visit_new": only({"mayor"}),
    "premises_visit": only({"town_clerk"}),
    "resources": everyone(),
    "resource_request_new": only(MEMBERS),
    "resource_ledger_new": only({"town_clerk"}),
    "ict_rules": only({"town_clerk", "mayor"}),
}

_API = "/api/v1/councils/{slug}/wards"
WARDS_API: dict[str, Expect] = {
    f"{_API}/matters": everyone(api=True),
    f"{_API}/matters/{{matter_id}}": only({"town_clerk", "mayor"}, api=True),
    f"{_API}/matters/{{matter_id}}/public": post_only,
    f"{_API}/meetings": everyone(api=True),
    f"{_API}/meetings/{{meeting_id}}/officer": post_only,
    f"{_API}/visits": everyone(api=True),
    f"{_API}/visits/{{visit_id}}": only({"town_clerk"}, api=True),
    f"{_API}/resources/requests": everyone(api=True),
    f"{_API}/resources/ledger": everyone(api=True),
    f"{_API}/resources/ict": everyone(api=True),
}


def _object(model: str) -> Callable[[str], str]:
    def pick(slug: str) -> str:
        from django.apps import apps

        pk = (
            apps.get_model("wards", model)
            .objects.filter(council__slug=slug)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        return str(pk or 987_654_321)

    return pick


PARAMS["matter_id"] = _object("WardMatter")
PARAMS["visit_id"] = _object("PremisesVisit")
PARAMS["meeting_id"] = _object("PublicMeeting")

"""Access expectations for press and media and pre-election periods, by persona, from the demo roster.

Written by hand from the roster, not computed by the code under test. The demo has no press releases, media
contacts or enquiries, so their object pages answer 404 to everyone past the council gate (like a missing id).
"""

from __future__ import annotations

from collections.abc import Callable

from .kit import everyone, only, post_only
from .objects import PARAMS
from .personas import Persona

Expect = Callable[[Persona, str], int]

# Members of their own council (the twin-hatted councillor is a councillor in sandon-burston).
MEMBERS = {"councillor", "chair", "vice_chair", "mayor", "group_leader", "personnel_committee", "twin_hatted"}
# The council's own employees (district.mo also sits on the district's Corporate Management Team); the parish's
# Monitoring Officer serves from the principal council and is not one.
OFFICERS = {"clerk", "town_clerk", "chief_executive", "officer", "head_of_service_cmt", "monitoring_officer"}
HEAD_OFFICERS = {"clerk", "town_clerk", "chief_executive"}


MEDIA_PAGES: dict[str, Expect] = {
    "media": everyone(),
    "media_release_new": only(MEMBERS | OFFICERS),
    "media_release": only(set()),
    "media_release_submit": post_only,
    "media_release_decide": post_only,
    "media_release_publish": post_only,
    "media_contact_new": only(MEMBERS),
    "media_contact": only(set()),
    "media_enquiry_new": only(OFFICERS),
    "media_enquiry": only(set()),
    "media_enquiry_answer": post_only,
    "media_spokesperson_new": post_only,
    "elections": everyone(),
    "election_period_new": only(HEAD_OFFICERS),
}

MEDIA_API: dict[str, Expect] = {}

_NOBODY = "987654321"
PARAMS["release_id"] = lambda slug: _NOBODY
PARAMS["contact_id"] = lambda slug: _NOBODY
PARAMS["media_enquiry_id"] = lambda slug: _NOBODY

"""Access expectations for the document pages and routes, by persona, from the demo data.

Object URLs use each council's demo objects (councildesk/demo/documents.py): ``doc_id`` is its public paper,
``item_id`` its first agenda item, ``request_id`` the pending request made by ``<prefix>.cllr``. Which persona may
do what is written out here by hand, from the profiles, not computed by the code under test.
"""

from __future__ import annotations

from collections.abc import Callable

from .kit import everyone, only, post_only  # noqa: F401
from .personas import Persona

Expect = Callable[[Persona, str], int]

MEMBERS = {"councillor", "chair", "vice_chair", "mayor", "group_leader", "personnel_committee", "twin_hatted"}
# Upload, reclassify and add agenda items: the head officer and the need-to-know decider (004: any officer).
MANAGERS = {"clerk", "town_clerk", "chief_executive"}
# The profile's need-to-know decider: 000 the Clerk, 002 the Chief Executive (004's is an officer, not a persona).
DECIDERS = {"clerk", "chief_executive"}
# Decider, consultee (002 consults the Monitoring Officer) or the head officer, who advises (004 10.5).
CONSULT = {"clerk", "chief_executive", "monitoring_officer", "town_clerk"}
# The head officer sees the disclosure log, and the Monitoring Officer only where the profile gives them a part in
# document access (002 4.3); a parish's Monitoring Officer has none (issue 15 defect 10).
LOG_READERS = {"clerk", "town_clerk", "chief_executive", "monitoring_officer"}
# Who sees the demo request by <prefix>.cllr: its requester and the officers handling requests, in every council
# (002 4.2; elsewhere the product's data-protection baseline, issue 15 defect 4).
REQUEST_SEERS = {
    "councillor",  # district.cllr made district-annex's
    "chief_executive",
    "monitoring_officer",  # 002's, the consultee
    "town_clerk",
    "clerk",
}
# Onward disclosure exists only where the protocol provides for it (002 4.5): the Chief Executive.
ONWARD = {"chief_executive"}
REQUESTERS = {"councillor"}


def post_only_route(p: Persona, scope: str) -> int:
    return 405  # Ninja answers a GET on a POST-only route before authenticating


DOCUMENT_PAGES: dict[str, Expect] = {
    "documents": everyone(),
    "document": everyone(),
    "document_download": everyone(),
    "document_upload": only(MANAGERS),
    "document_reclassify": only(MANAGERS),
    "document_onward": only(ONWARD),
    "meeting_items": everyone(),
    "meeting_item_new": only(MANAGERS),
    "document_request_new": only(MEMBERS),
    "document_requests": everyone(),
    "document_request": only(REQUEST_SEERS),
    "document_request_consult": only(CONSULT),
    "document_request_decide": only(DECIDERS),
    "document_request_challenge": only(REQUESTERS),
    "disclosure_log": only(LOG_READERS),
    "disclosure_log_csv": only(LOG_READERS),
    "statutory_requests": everyone(),
    "statutory_request_new": only(MEMBERS),
}

_API = "/api/v1/councils/{slug}/documents"
DOCUMENT_API: dict[str, Expect] = {
    _API: everyone(api=True),
    f"{_API}/agenda": everyone(api=True),
    f"{_API}/agenda/{{item_id}}/requests": post_only_route,
    f"{_API}/requests": everyone(api=True),
    f"{_API}/requests/{{request_id}}": only(REQUEST_SEERS, api=True),
    f"{_API}/requests/{{request_id}}/consultations": post_only_route,
    f"{_API}/requests/{{request_id}}/decision": post_only_route,
    f"{_API}/requests/{{request_id}}/challenge": post_only_route,
    f"{_API}/log": only(LOG_READERS, api=True),
    f"{_API}/log/export": only(LOG_READERS, api=True),
    f"{_API}/statutory": everyone(api=True),
    f"{_API}/{{doc_id}}": everyone(api=True),
    f"{_API}/{{doc_id}}/file": everyone(api=True),
    f"{_API}/{{doc_id}}/reclassify": post_only_route,
    f"{_API}/{{doc_id}}/onward": post_only_route,
}

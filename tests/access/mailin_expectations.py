"""Access expectations for the Clerk's quarantine of incoming email, by persona.

Only the council's head officer (the Clerk, the Town Clerk, the Chief Executive) sees what intake held; every
other persona, the Monitoring Officer and the host administrator included, gets 404 as for a missing page. The
demo holds no email, so a held email's id is one nobody has: past the gate it answers 404 to everyone (the pages
and routes for a real held email are tested in tests/mailin/).
"""

from __future__ import annotations

from collections.abc import Callable

from .kit import gate, post_only
from .objects import PARAMS
from .personas import Persona

Expect = Callable[[Persona, str], int]


def head_officer_only(*, api: bool = False) -> Expect:
    def expect(p: Persona, scope: str) -> int:
        answer = gate(p, scope, api=api)
        if answer is not None:
            return answer
        return 200 if p.head_officer and scope == "own" else 404

    return expect


def nobody(*, api: bool = False) -> Expect:
    def expect(p: Persona, scope: str) -> int:
        return gate(p, scope, api=api) or 404

    return expect


MAILIN_PAGES: dict[str, Expect] = {
    "mail_quarantine": head_officer_only(),
    "mail_held": nobody(),
}

_API = "/api/v1/councils/{slug}/mail"
MAILIN_API: dict[str, Expect] = {
    f"{_API}/quarantine": head_officer_only(api=True),
    f"{_API}/{{inbound_id}}": nobody(api=True),
    f"{_API}/{{inbound_id}}/release": post_only,
    f"{_API}/{{inbound_id}}/enquiry": post_only,
    f"{_API}/{{inbound_id}}/reject": post_only,
}

PARAMS["inbound_id"] = lambda slug: "987654321"

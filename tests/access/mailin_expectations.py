"""Access expectations for the Clerk's quarantine of incoming email, by persona.

Only the council's head officer (the Clerk, the Town Clerk, the Chief Executive) sees what intake held; every
other persona, the Monitoring Officer and the host administrator included, gets 404 as for a missing page. A held
email's id is the council's first demo email (councildesk/demo/mail.py holds two in each council), so it is a real
one: its own head officer opens it, and nobody else.
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


MAILIN_PAGES: dict[str, Expect] = {
    "mail_quarantine": head_officer_only(),
    "mail_held": head_officer_only(),
}

_API = "/api/v1/councils/{slug}/mail"
MAILIN_API: dict[str, Expect] = {
    f"{_API}/quarantine": head_officer_only(api=True),
    f"{_API}/{{inbound_id}}": head_officer_only(api=True),
    f"{_API}/{{inbound_id}}/release": post_only,
    f"{_API}/{{inbound_id}}/enquiry": post_only,
    f"{_API}/{{inbound_id}}/reject": post_only,
}


def _first_held(slug: str) -> str:
    from django.apps import apps

    pk = (
        apps.get_model("mailin", "InboundEmail")
        .objects.filter(council__slug=slug, status="quarantined")
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return str(pk or 987_654_321)


PARAMS["inbound_id"] = _first_held

"""Access expectations for the delegated decision pages and routes, by persona, from the demo data.

``decision_id`` is each council's demo decision (councildesk/demo/delegation.py). The register is read by everyone
with a role in the council (every councillor is told of each decision); the form to record one is for members and
officers (a councillor sees why a member cannot record one); the transparency page is public, for everyone,
anonymous included, in every council.
"""

from __future__ import annotations

from collections.abc import Callable

from .declaration_expectations import everyone, post_only, with_role
from .expectations import public_page
from .objects import PARAMS
from .personas import Persona

Expect = Callable[[Persona, str], int]

DELEGATION_PAGES: dict[str, Expect] = {
    "delegation": everyone(),
    "delegation_new": with_role,
    "delegation_decision": everyone(),
    "transparency": public_page,
}

DELEGATION_API: dict[str, Expect] = {
    "/api/v1/councils/{slug}/delegation": everyone(api=True),
    "/api/v1/councils/{slug}/delegation/{decision_id}": everyone(api=True),
    "/api/v1/councils/{slug}/delegation/{decision_id}/implement": post_only,
}


def _demo_decision(slug: str) -> str:
    from councildesk.delegation.models import Decision

    return str(Decision.objects.filter(council__slug=slug).order_by("pk").first().pk)  # type: ignore[union-attr]


PARAMS["decision_id"] = _demo_decision

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
from .kit import only
from .objects import PARAMS
from .personas import Persona

Expect = Callable[[Persona, str], int]

DELEGATION_PAGES: dict[str, Expect] = {
    "delegation": everyone(),
    "delegation_new": with_role,
    "delegation_decision": everyone(),
    "transparency": public_page,
    # Asking for the guidelines is 002 3.7: councillors of district-annex, never the officer who decided.
    "delegation_explain": only({"councillor", "chair", "vice_chair", "group_leader"}),
    # The demo request (district-annex): its councillor, the officer who decided and the head officer.
    "delegation_answer": only({"councillor", "officer", "chief_executive"}),
    "delegation_resolutions": everyone(),
    "delegation_resolution_new": only({"clerk", "town_clerk", "chief_executive"}),
    "delegation_resolution": everyone(),
    "delegation_remits": everyone(),
}

DELEGATION_API: dict[str, Expect] = {
    "/api/v1/councils/{slug}/delegation": everyone(api=True),
    "/api/v1/councils/{slug}/delegation/{decision_id}": everyone(api=True),
    "/api/v1/councils/{slug}/delegation/{decision_id}/implement": post_only,
    "/api/v1/councils/{slug}/delegation/{decision_id}/explain": post_only,
    "/api/v1/councils/{slug}/delegation/resolutions": everyone(api=True),
    "/api/v1/councils/{slug}/delegation/resolutions/{resolution_id}": everyone(api=True),
    "/api/v1/councils/{slug}/delegation/resolutions/{resolution_id}/implement": post_only,
}


def _demo_decision(slug: str) -> str:
    from councildesk.delegation.models import Decision

    return str(Decision.objects.filter(council__slug=slug).order_by("pk").first().pk)  # type: ignore[union-attr]


PARAMS["decision_id"] = _demo_decision


def _demo_row(model: str) -> Callable[[str], str]:
    def pick(slug: str) -> str:
        from councildesk.delegation import models

        row = getattr(models, model).objects.filter(council__slug=slug).order_by("pk").first()
        return str(row.pk) if row else "987654321"  # a council without one: an id that does not exist

    return pick


PARAMS["resolution_id"] = _demo_row("Resolution")
PARAMS["explanation_id"] = _demo_row("Explanation")

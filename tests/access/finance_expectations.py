"""Access expectations for the payment and contract pages and routes, by persona, from the demo data.

``commitment_id`` is each council's demo payment (councildesk/demo/finance.py). Payments, contracts and the register
of signatories are council business, read by everyone with a role in the council; the form is for members and
officers (a councillor sees why a member cannot commit the council); signing is POST only.
"""

from __future__ import annotations

from .declaration_expectations import with_role
from .kit import Expect, everyone, post_only
from .objects import PARAMS

FINANCE_PAGES: dict[str, Expect] = {
    "finance": everyone(),
    "finance_new": with_role,
    "finance_signatories": everyone(),
    "finance_item": everyone(),
}

FINANCE_API: dict[str, Expect] = {
    "/api/v1/councils/{slug}/finance": everyone(api=True),
    "/api/v1/councils/{slug}/finance/signatories": everyone(api=True),
    "/api/v1/councils/{slug}/finance/{commitment_id}": everyone(api=True),
    "/api/v1/councils/{slug}/finance/{commitment_id}/sign": post_only,
}


def _demo_commitment(slug: str) -> str:
    from councildesk.finance.models import Commitment

    return str(Commitment.objects.filter(council__slug=slug).order_by("pk").first().pk)  # type: ignore[union-attr]


PARAMS["commitment_id"] = _demo_commitment

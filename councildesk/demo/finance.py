"""Demo payments: in each council two authorised signatories (the chair and the vice-chair where there is one) and
one payment raised by the officer on a minuted decision, through the services. Idempotent."""

from __future__ import annotations

from councildesk.councils.models import Council
from councildesk.finance import services
from councildesk.finance.models import Commitment, Signatory
from councildesk.people.models import Person

DEMO_KEY = "demo-1"


def load_demo_finance(council: Council, officer: str, signatories: list[str]) -> list[str]:
    lines: list[str] = []
    if not Signatory.objects.filter(council=council).exists():
        for username in signatories:
            person = Person.objects.filter(username=username).first()
            if person is not None:
                services.signatory_appoint(actor=None, council=council, person=person, minute_ref="Minute 7/25")
        lines.append(f"{council.slug}: authorised signatories")
    if not Commitment.objects.filter(council=council, submission_key=DEMO_KEY).exists():
        services.commitment_raise(
            actor=Person.objects.get(username=officer),
            council=council,
            kind="payment",
            payee="Parkside Grounds Ltd",
            description="Grass cutting, April to June.",
            amount="1250.00",
            minute_ref="Minute 31/25",
            submission_key=DEMO_KEY,
        )
        lines.append(f"{council.slug}: a payment awaiting signatures")
    return lines

"""Demo delegated decisions: in each council an entry in the scheme of delegation held by its officer, and one
published decision under it, through the services (every councillor is told). Idempotent."""

from __future__ import annotations

from councildesk.councils.models import Council
from councildesk.delegation import services
from councildesk.delegation.models import Authority, Decision
from councildesk.people.models import Person

DEMO_KEY = "demo-1"
DEMO_REF = "SD 1"


def load_demo_delegation(council: Council, officer: str) -> list[str]:
    lines: list[str] = []
    authority = Authority.objects.filter(council=council, ref=DEMO_REF).first()
    if authority is None:
        authority = services.authority_add(
            actor=None,
            council=council,
            ref=DEMO_REF,
            title="Routine maintenance orders up to £2,000",
            holder_kind="officer",
            resolution_ref="Minute 14/24",
        )
        lines.append(f"{council.slug}: an entry in the scheme of delegation")
    if not Decision.objects.filter(council=council, submission_key=DEMO_KEY).exists():
        services.decision_record(
            actor=Person.objects.get(username=officer),
            council=council,
            authority=authority,
            title="Repair the play area gate",
            summary="The play area gate latch is to be replaced by the council's usual contractor.",
            rationale="The latch failed its safety inspection; the cost is within the delegated limit.",
            published=True,
            submission_key=DEMO_KEY,
        )
        lines.append(f"{council.slug}: a delegated decision, told to every councillor and published")
    return lines

"""Demo delegated decisions: in each council an entry in the scheme of delegation held by its officer, and one
published decision under it, through the services (every councillor is told). Idempotent."""

from __future__ import annotations

from councildesk.councils.models import Council
from councildesk.delegation import explanations, resolutions, services
from councildesk.delegation.models import Authority, Decision, Explanation, Remit, Resolution
from councildesk.people.access import membership_for
from councildesk.people.models import Committee, Person

DEMO_KEY = "demo-1"
DEMO_REF = "SD 1"


def load_demo_delegation(council: Council, officer: str, head: str = "", councillor: str = "") -> list[str]:
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
    if head:
        lines += _load_resolution(council, Person.objects.get(username=head))
    decision = Decision.objects.filter(council=council, submission_key=DEMO_KEY).first()
    asker = Person.objects.filter(username=councillor).first() if councillor else None
    if decision is not None and asker is not None and not Explanation.objects.filter(decision=decision).exists():
        m = membership_for(asker, council.slug)
        if explanations.may_ask(m, decision):
            explanations.explanation_request(
                actor=asker, council=council, decision_id=decision.pk, question="Which repair guidelines apply?"
            )
            lines.append(f"{council.slug}: a councillor asked for the guidelines behind a delegated decision")
    return lines


def _load_resolution(council: Council, head: Person) -> list[str]:
    """A committee's terms of reference and one of its decisions, with the officers' advice beside it."""
    if Resolution.objects.filter(council=council, submission_key=DEMO_KEY).exists():
        return []
    committee = Committee.objects.filter(council=council).exclude(kind=Committee.Kind.PERSONNEL).first()
    remit = None
    if committee is not None:
        remit = Remit.objects.filter(committee=committee).first() or resolutions.remit_add(
            actor=None,
            council=council,
            committee=committee,
            ref="ToR 1",
            text="Maintenance of the council's open spaces",
        )
    resolutions.resolution_record(
        actor=head,
        council=council,
        committee=committee,
        remit=remit,
        title="Resurface the recreation ground path",
        text="The path is to be resurfaced in tarmac this summer.",
        minute_ref="Minute 22/25",
        officer_advice="Officers advised a bound gravel surface, which costs less to maintain.",
        follows_advice=False,
        departure_reasons="Members preferred tarmac for wheelchair users.",
        submission_key=DEMO_KEY,
    )
    return [f"{council.slug}: a committee decision with the officers' advice beside it"]

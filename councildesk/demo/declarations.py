"""Demo declarations and appointments: in each council its officer declares a family connection with its chair, and
its head officer sets up an appointment with published merit criteria, through the services. Idempotent."""

from __future__ import annotations

from councildesk.councils.models import Council
from councildesk.declarations import advice, services
from councildesk.declarations.models import AdviceRequest, Appointment, Declaration
from councildesk.people.access import membership_for
from councildesk.people.models import Person

DEMO_KEY = "demo-1"


def load_demo_declarations(council: Council, officer: str, member: str, head: str) -> list[str]:
    lines: list[str] = []
    if not Declaration.objects.filter(council=council, submission_key=DEMO_KEY).exists():
        services.declaration_make(
            actor=Person.objects.get(username=officer),
            council=council,
            counterpart=Person.objects.get(username=member),
            nature="family",
            details="We are cousins.",
            submission_key=DEMO_KEY,
        )
        lines.append(f"{council.slug}: a connection declared in writing to the Monitoring Officer")
    if not Appointment.objects.filter(council=council).exists():
        services.appointment_create(
            actor=Person.objects.get(username=head),
            council=council,
            post="Deputy Clerk",
            criteria="Experience of council administration\nCiLCA or equivalent\nClear written communication",
        )
        lines.append(f"{council.slug}: an appointment with published merit criteria")
    chair = Person.objects.get(username=member)
    if (
        advice.may_ask(membership_for(chair, council.slug))
        and not AdviceRequest.objects.filter(council=council).exists()
    ):
        advice.advice_request(
            actor=chair,
            council=council,
            to=AdviceRequest.To.HEAD_OFFICER,
            question="I chair the allotments association, which has applied to the council for a grant.",
        )
        lines.append(f"{council.slug}: a member asked for advice on a conflict between their roles")
    return lines

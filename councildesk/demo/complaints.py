"""Demo complaints: in each council, its councillor's concern about its officer, raised through the service so that
it is routed by the council's own profile (and lands with the handler the protocol names). Idempotent."""

from __future__ import annotations

from councildesk.complaints import rules, services
from councildesk.complaints.models import Complaint
from councildesk.councils.models import Council
from councildesk.people.models import Person

DEMO_KEY = "demo-1"


def load_demo_complaints(council: Council, complainant: str, subject: str) -> list[str]:
    if Complaint.objects.filter(council=council, submission_key=DEMO_KEY).exists():
        return []
    actor = Person.objects.get(username=complainant)
    about = Person.objects.get(username=subject)
    complaint, _ = services.complaint_raise(
        actor=actor,
        council=council,
        kind=rules.CONCERN,
        subject=about,
        summary="Dismissive replies to ward casework",
        details="Three replies to my casework this month were curt and did not answer the question asked.",
        submission_key=DEMO_KEY,
    )
    return [f"{council.slug}: a concern raised and routed to {complaint.first_recipient.replace('_', ' ')}"]

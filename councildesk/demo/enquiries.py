"""Demo enquiries for each council, raised and handled through the real services (so they are audited).

Each council gets: an enquiry from its councillor, assigned by the head officer to an officer, with an
attachment; an unassigned one from the chair; an answered one; and an officer's question to a councillor.
District-annex (002) also gets a strategic question routed to its Corporate Management Team.
"""

from __future__ import annotations

from django.db import transaction

from councildesk.councils.models import Council
from councildesk.enquiries import handling, services
from councildesk.enquiries.models import Enquiry
from councildesk.people.models import Person

from .roster import COUNCILS

NOTE = b"Notes from the site visit: the bench by the pond is broken and the bin is overflowing.\n"


def _p(prefix: str, key: str) -> Person:
    return Person.objects.get(username=f"{prefix}.{key}")


def load_enquiries() -> int:
    """Raise the demo enquiries once; running it again finds them by their submission keys and adds nothing."""
    made = 0
    for spec in COUNCILS:
        council = Council.objects.get(slug=spec.slug)
        if Enquiry.objects.filter(council=council, submission_key="demo-1").exists():
            continue
        with transaction.atomic():
            made += _load(council, spec.prefix)
    return made


def _load(council: Council, prefix: str) -> int:
    head, officer, cllr, chair = (
        _p(prefix, k) for k in ("ce" if prefix == "district" else "clerk", "officer", "cllr", "chair")
    )
    first = services.enquiry_raise(
        actor=cllr,
        council=council,
        subject="Broken bench and overflowing bin by the pond",
        details="Residents have asked when the bench will be repaired and the bin emptied more often.",
        submission_key="demo-1",
        attachments=[("site-visit-notes.txt", NOTE)],
    )
    handling.enquiry_assign(actor=head, council=council, pk=first.pk, assignee=officer)
    services.enquiry_raise(
        actor=chair,
        council=council,
        subject="Budget timetable for next year",
        details="Could I have the dates for the draft budget papers?",
        submission_key="demo-2",
    )
    answered = services.enquiry_raise(
        actor=chair,
        council=council,
        subject="Date of the next annual meeting",
        details="When is the annual meeting this year?",
        submission_key="demo-3",
    )
    handling.enquiry_answer(actor=head, council=council, pk=answered.pk, answer="The second Tuesday in May, at 7pm.")
    services.question_ask(
        actor=head,
        council=council,
        councillor=cllr,
        subject="Your availability for the ward walkabout",
        details="Which mornings next week would suit you?",
        submission_key="demo-q1",
    )
    if council.profile.features.cmt:
        services.enquiry_raise(
            actor=_p(prefix, "leader"),
            council=council,
            subject="Direction of the housing strategy",
            details="I would like to discuss the strategic direction before the consultation.",
            submission_key="demo-4",
            category="strategic",
        )
    return 5

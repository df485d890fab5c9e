"""Demo documents: agenda items and papers of every classification for each council, made in memory."""

from __future__ import annotations

import datetime as dt
import re

from councildesk.core import clock
from councildesk.councils.models import Council
from councildesk.documents import need_to_know, services
from councildesk.documents.models import Document, MeetingItem
from councildesk.people.models import Committee, Person


def tiny_pdf(text: str = "Council paper") -> bytes:
    """A one-page PDF showing ``text``, with a correct cross-reference table."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")[:200]
    stream = f"BT /F1 14 Tf 72 720 Td ({safe}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# (committee kind, item number, item title, paper title, classification, personal data, exempt paragraph). Every
# council has the same spread of classifications (public, committee, confidential, exempt, with and without
# personal data), each under its own believable titles.
Paper = tuple[str, str, str, str, str, bool, int | None]
PAPERS_BY_COUNCIL: dict[str, tuple[Paper, ...]] = {
    "sandon-burston": (
        ("committee", "1", "Minutes of the last meeting", "Draft minutes of 14 October", "public", False, None),
        ("committee", "2", "Budget and precept", "Draft budget and precept for next year", "committee", False, None),
        (
            "committee",
            "3",
            "Village hall lease",
            "Solicitor's advice on the village hall lease",
            "confidential",
            False,
            None,
        ),
        (
            "committee",
            "4",
            "Playing field at Sandon Road",
            "Offer for the playing field at Sandon Road",
            "exempt",
            False,
            3,
        ),
        (
            "committee",
            "5",
            "Churchyard maintenance",
            "Residents' letters about churchyard maintenance",
            "committee",
            True,
            None,
        ),
        ("personnel", "1", "Clerk's hours", "Review of the Clerk's hours and duties", "confidential", False, None),
        ("personnel", "2", "Clerk's appraisal", "The Clerk's annual appraisal", "exempt", True, 1),
    ),
    "cottingham": (
        ("committee", "1", "Minutes of the last meeting", "Draft Planning Committee minutes", "public", False, None),
        (
            "committee",
            "2",
            "Planning applications",
            "Planning applications received this month",
            "committee",
            False,
            None,
        ),
        (
            "committee",
            "3",
            "Enforcement case on Hallgate",
            "Legal advice on the Hallgate enforcement case",
            "confidential",
            False,
            None,
        ),
        (
            "committee",
            "4",
            "Allotment land purchase",
            "Proposed purchase of allotment land off Northgate",
            "exempt",
            False,
            3,
        ),
        (
            "committee",
            "5",
            "Objections from neighbours",
            "Neighbours' objections to the Thwaite Street extension",
            "committee",
            True,
            None,
        ),
        ("personnel", "1", "Grievance procedure", "Revised grievance procedure for staff", "confidential", False, None),
        ("personnel", "2", "Grievance hearing", "Papers for a staff grievance hearing", "exempt", True, 1),
    ),
    "district-annex": (
        (
            "committee",
            "1",
            "Minutes of the last meeting",
            "Draft minutes of the Planning Committee",
            "public",
            False,
            None,
        ),
        ("committee", "2", "Local plan review", "Local plan review: issues and options", "committee", False, None),
        (
            "committee",
            "3",
            "Appeal at Abbey Fields",
            "Counsel's opinion on the Abbey Fields appeal",
            "confidential",
            False,
            None,
        ),
        ("committee", "4", "Depot site disposal", "Disposal of the former depot site", "exempt", False, 3),
        ("committee", "5", "Housing allocations", "Representations on housing allocations", "committee", True, None),
        ("personnel", "1", "Staff restructure", "Staff restructure consultation", "confidential", False, None),
        ("personnel", "2", "Senior pay review", "Pay review for senior officers", "exempt", True, 1),
    ),
    "west-northants-town": (
        ("committee", "1", "Minutes of the last meeting", "Draft Amenities Committee minutes", "public", False, None),
        ("committee", "2", "Market Square events", "Events programme for the Market Square", "committee", False, None),
        (
            "committee",
            "3",
            "Cemetery boundary wall",
            "Legal advice on the cemetery boundary wall",
            "confidential",
            False,
            None,
        ),
        (
            "committee",
            "4",
            "Sports pavilion contract",
            "Tenders for the sports pavilion refurbishment",
            "exempt",
            False,
            3,
        ),
        (
            "committee",
            "5",
            "Allotment waiting list",
            "Allotment waiting list and tenants' requests",
            "committee",
            True,
            None,
        ),
        ("personnel", "1", "Office staffing", "Office staffing and opening hours review", "confidential", False, None),
        ("personnel", "2", "Sickness absence case", "A member of staff's sickness absence", "exempt", True, 1),
    ),
    "mayor-town": (
        ("committee", "1", "Minutes of the last meeting", "Draft Policy and Resources minutes", "public", False, None),
        (
            "committee",
            "2",
            "Mayor's charity and civic events",
            "Civic events budget and the Mayor's charity",
            "committee",
            False,
            None,
        ),
        (
            "committee",
            "3",
            "Town hall lease dispute",
            "Legal advice on the town hall lease dispute",
            "confidential",
            False,
            None,
        ),
        ("committee", "4", "Land at Mill Lane", "Proposed acquisition of land at Mill Lane", "exempt", False, 3),
        ("committee", "5", "Market traders' complaints", "Complaints from market traders", "committee", True, None),
        (
            "personnel",
            "1",
            "Deputy Town Clerk post",
            "Deputy Town Clerk: job description and grade",
            "confidential",
            False,
            None,
        ),
        ("personnel", "2", "Salary review", "Salary review for the office team", "exempt", True, 1),
    ),
}
PAPERS = PAPERS_BY_COUNCIL["mayor-town"]  # for a council the demo does not know
EXEMPT_REASONS = {
    1: "Information relating to particular employees (Schedule 12A, paragraph 1).",
    3: "The council's negotiating position on a purchase (Schedule 12A, paragraph 3).",
}
DEMO_REQUEST = "I have been asked about the restructure by staff who live in my ward and want to understand it."


def load_demo_documents(council: Council, head_username: str, requester_username: str) -> list[str]:
    """Agenda items, papers of every classification and one pending request for ``council``. Runs once."""
    if Document.objects.filter(council=council).exists():
        return []
    head = Person.objects.get(username=head_username)
    today = clock.today()
    meeting = today - dt.timedelta(days=7)
    for kind, number, item_title, title, classification, personal, paragraph in PAPERS_BY_COUNCIL.get(
        council.slug, PAPERS
    ):
        committee = Committee.objects.filter(council=council, kind=kind).order_by("pk").first()
        if committee is None:
            continue
        item = MeetingItem.objects.filter(committee=committee, meeting_date=meeting, item_number=number).first()
        if item is None:
            item = services.meeting_item_create(
                actor=head,
                council=council,
                committee=committee,
                meeting_date=meeting,
                item_number=number,
                title=item_title,
            )
        exemption = None
        if paragraph is not None:
            exemption = services.Exemption(
                paragraph, EXEMPT_REASONS[paragraph], f"Members of the {committee.name}", today + dt.timedelta(days=365)
            )
        services.document_upload(
            actor=head,
            council=council,
            data=tiny_pdf(f"{council.name}: {title}"),
            filename=f"{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}.pdf",
            title=title,
            classification=classification,
            meeting_item=item,
            personal_data=personal,
            exemption=exemption,
        )
    requester = Person.objects.filter(username=requester_username).first()
    target = MeetingItem.objects.filter(council=council, committee__kind="personnel", item_number="1").first()
    if requester is not None and target is not None:
        need_to_know.request_make(
            actor=requester, council=council, meeting_item=target, need="committee_work", justification=DEMO_REQUEST
        )
    items = MeetingItem.objects.filter(council=council).count()
    return [f"{council.slug}: {Document.objects.filter(council=council).count()} demo papers on {items} agenda items"]

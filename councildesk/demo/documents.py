"""Demo documents: agenda items and papers of every classification for each council, made in memory."""

from __future__ import annotations

import datetime as dt

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


# (committee kind, item number, item title, paper title, classification, personal data, exempt paragraph)
PAPERS: tuple[tuple[str, str, str, str, str, bool, int | None], ...] = (
    ("committee", "1", "Minutes of the last meeting", "Draft minutes", "public", False, None),
    ("committee", "2", "Budget monitoring", "Budget monitoring report, quarter 2", "committee", False, None),
    ("committee", "3", "Boundary dispute", "Legal advice on the boundary dispute", "confidential", False, None),
    ("committee", "4", "Land at Mill Lane", "Proposed acquisition of land at Mill Lane", "exempt", False, 3),
    ("committee", "5", "Allotment tenancies", "Complaints from allotment tenants", "committee", True, None),
    ("personnel", "1", "Staff restructure", "Staff restructure consultation", "confidential", False, None),
    ("personnel", "2", "Salary review", "Salary review for the office team", "exempt", True, 1),
)
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
    for kind, number, item_title, title, classification, personal, paragraph in PAPERS:
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
            filename=f"{title.lower().replace(' ', '-').replace(',', '')}.pdf",
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

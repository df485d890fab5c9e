"""The letter as a PDF on the council's letterhead, with WeasyPrint (ADR 0016): HTML and CSS in, a tagged PDF/UA-1
document out, its text extractable. The signatory's name and role, the reference and a UK date are on every
letter."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from councildesk.core.dates import long_date
from councildesk.core.errors import DomainError
from councildesk.people.access import Membership
from councildesk.people.models import WardMembership, active_on

from .models import Letter


def render_html(letter: Letter, m: Membership, *, issued_on: dt.date) -> str:
    profile = m.council.profile
    wards = []
    if letter.ward_capacity:
        wards = list(
            active_on(WardMembership.objects.filter(ward__council=m.council, person=letter.signatory), issued_on)
            .select_related("ward")
            .values_list("ward__name", flat=True)
        )
    return render_to_string(
        "correspondence/letter_pdf.html",
        {
            "letter": letter,
            "council": m.council,
            "date": long_date(issued_on),
            "role": profile.title_for(letter.signatory_role),
            "wards": wards,
            "paragraphs": [p.strip() for p in letter.body.split("\n\n") if p.strip()],
            "address_lines": [line.strip() for line in letter.recipient_address.splitlines() if line.strip()],
        },
    )


class LettersUnavailable(DomainError):
    """This server cannot produce PDF letters: WeasyPrint's Pango library is missing."""

    status = 503


def render_letter(letter: Letter, m: Membership, *, issued_on: dt.date) -> bytes:
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]  # imported here: only letters need Pango
    except OSError as exc:  # WeasyPrint loads Pango when imported; without it, say so instead of failing
        raise LettersUnavailable(
            "Letters cannot be produced on this server yet: it needs the Pango text library "
            "(on Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0). The letter is kept as a draft."
        ) from exc

    html = render_html(letter, m, issued_on=issued_on)
    document = HTML(string=html, base_url=None)
    data: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return data

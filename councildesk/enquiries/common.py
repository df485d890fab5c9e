"""Helpers every enquiry write shares: checked text, a person's role kinds here, the enquiry's URL, timeline notes.

Public names, so ``services.py`` and ``handling.py`` (and anything else) import them without reaching into
another module's private names.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import ValidationFailed
from councildesk.councils.models import Council
from councildesk.people.models import Person, Role, active_on
from councildesk.people.selectors import role_holders

from .models import Enquiry, EnquiryNote

__all__ = ["checked_text", "kinds_of", "long_date", "note_add", "role_holders", "url_of"]


def url_of(e: Enquiry) -> str:
    return reverse("enquiry_detail", kwargs={"slug": e.council.slug, "enquiry_id": e.pk})


def checked_text(value: str, field: str, label: str, limit: int) -> str:
    """The text stripped, or a ValidationFailed naming the field when it is empty or longer than ``limit``."""
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(f"Enter the {label}.", {field: f"Enter the {label}"})
    if len(value) > limit:
        raise ValidationFailed(
            f"The {label} is {len(value):,} characters; the most it may be is {limit:,}.",
            {field: f"{label.capitalize()} must be {limit:,} characters or fewer"},
        )
    return value


def kinds_of(council: Council, person: Person, day: dt.date) -> frozenset[str]:
    """The kinds of role this person holds in this council on this day."""
    return frozenset(active_on(Role.objects.filter(council=council, person=person), day).values_list("kind", flat=True))


def note_add(*, e: Enquiry, actor: Person | None, kind: str, text: str = "") -> EnquiryNote:
    return EnquiryNote.objects.create(enquiry=e, author=actor, at=clock.now(), kind=kind, text=text)

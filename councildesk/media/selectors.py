"""Reads about press and media, each through one gate per object type. What the viewer may not see answers
``NotFound`` exactly like a missing id, and lists hold only what the viewer may see.

- A press release: published ones to everyone in the council; drafts to their author and the council's officers.
- A member's media contact: the member and the council's officers.
- A media enquiry: everyone in the council (members are to be kept informed of media interest, 004 11.3).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from councildesk.core.errors import NotFound
from councildesk.councils.models import Council
from councildesk.people.access import Membership
from councildesk.people.models import CommitteeSeat, Person, active_on
from councildesk.people.selectors import role_holders

from . import rules
from .models import MediaContact, MediaEnquiry, PressRelease, Spokesperson


def is_officer(m: Membership) -> bool:
    return bool(m.kinds & rules.COUNCIL_OFFICER_KINDS)


def releases_visible(m: Membership) -> QuerySet[PressRelease]:
    rows = PressRelease.objects.filter(council=m.council)
    if is_officer(m):
        return rows
    return rows.filter(Q(status=PressRelease.Status.PUBLISHED) | Q(author_id=m.person.pk))


def releases_for(m: Membership) -> list[PressRelease]:
    return list(releases_visible(m).select_related("author")[:200])


def release_get_for(m: Membership, release_id: int) -> PressRelease:
    row = releases_visible(m).select_related("author", "decided_by", "published_by").filter(pk=release_id).first()
    if row is None:
        raise NotFound("That press release")
    return row


def contacts_visible(m: Membership) -> QuerySet[MediaContact]:
    rows = MediaContact.objects.filter(council=m.council)
    return rows if is_officer(m) else rows.filter(member_id=m.person.pk)


def contacts_for(m: Membership) -> list[MediaContact]:
    return list(contacts_visible(m).select_related("member", "consulted")[:200])


def contact_get_for(m: Membership, contact_id: int) -> MediaContact:
    row = contacts_visible(m).select_related("member", "consulted").filter(pk=contact_id).first()
    if row is None:
        raise NotFound("That media contact")
    return row


def enquiries_for(m: Membership) -> list[MediaEnquiry]:
    return list(MediaEnquiry.objects.filter(council=m.council).select_related("ward", "committee", "responder")[:200])


def enquiry_get_for(m: Membership, enquiry_id: int) -> MediaEnquiry:
    row = (
        MediaEnquiry.objects.filter(council=m.council, pk=enquiry_id)
        .select_related("ward", "committee", "responder", "recorded_by")
        .first()
    )
    if row is None:
        raise NotFound("That media enquiry")
    return row


def spokespersons_on(council: Council, day: dt.date) -> list[Spokesperson]:
    return list(
        Spokesperson.objects.filter(council=council, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("person")
    )


def committee_chairs(council: Council, day: dt.date) -> list[Person]:
    seats = active_on(CommitteeSeat.objects.filter(committee__council=council, seat=CommitteeSeat.Seat.CHAIR), day)
    return list({s.person_id: s.person for s in seats.select_related("person")}.values())


def may_speak_for_council(council: Council, person: Person, kinds: frozenset[str], day: dt.date) -> bool:
    """000 ¶4: the chair, a committee chair, or a spokesperson the council appointed."""
    if "chair" in kinds:
        return True
    if any(p.pk == person.pk for p in committee_chairs(council, day)):
        return True
    return any(s.person_id == person.pk for s in spokespersons_on(council, day))


def consultees(council: Council, day: dt.date) -> list[Person]:
    """002 8.2: the committee chairs and the Chief Executive."""
    people = {p.pk: p for p in committee_chairs(council, day)}
    people.update({p.pk: p for p in role_holders(council, ["chief_executive"], day)})
    return list(people.values())


def council_officers(m: Membership) -> list[Person]:
    return role_holders(m.council, rules.COUNCIL_OFFICER_KINDS, m.day)

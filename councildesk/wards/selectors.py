"""Reads for wards, public meetings, premises visits and resources, each through one gate per object type. What
the viewer may not see answers ``NotFound`` exactly like a missing id, and lists hold only what the viewer may see.

- A ward matter: the council's officers and the members of its wards; everyone in the council once it is public.
- A public meeting or surgery: everyone in the council (it is public).
- A premises visit: the council's officers, the visiting member and the members of the site's ward.
- A resource request, a ledger entry: the council's officers and the member concerned.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from councildesk.core.errors import NotFound
from councildesk.people import kinds
from councildesk.people.access import Membership
from councildesk.people.models import Person, Ward, WardMembership, active_on
from councildesk.people.selectors import role_holders

from .models import IctAcknowledgement, PremisesVisit, PublicMeeting, ResourceLedgerEntry, ResourceRequest, WardMatter

LIMIT = 100


def is_officer(m: Membership) -> bool:
    return kinds.is_officer(m.kinds)


def own_ward_ids(m: Membership) -> frozenset[int]:
    rows = active_on(WardMembership.objects.filter(person=m.person, ward__council=m.council), m.day)
    return frozenset(rows.values_list("ward_id", flat=True))


def council_wards(m: Membership) -> list[Ward]:
    return list(Ward.objects.filter(council=m.council).order_by("name"))


def ward_members(m: Membership, ward_ids: list[int] | frozenset[int]) -> list[Person]:
    """The current members of these wards, each once, by name."""
    rows = active_on(WardMembership.objects.filter(ward_id__in=list(ward_ids), ward__council=m.council), m.day)
    people = {r.person.pk: r.person for r in rows.select_related("person")}
    return sorted(people.values(), key=lambda p: (p.last_name, p.first_name, p.pk))


def officers(m: Membership) -> list[Person]:
    return role_holders(m.council, kinds.OFFICER_KINDS - {kinds.MONITORING_OFFICER}, m.day)


def members(m: Membership) -> list[Person]:
    return role_holders(m.council, kinds.MEMBER_KINDS, m.day)


def head_officers(m: Membership) -> list[Person]:
    return role_holders(m.council, [m.council.profile.roles.head_of_paid_service], m.day)


# ---- ward matters -------------------------------------------------------------------------------------------------


def _matters(m: Membership) -> QuerySet[WardMatter]:
    rows = WardMatter.objects.filter(council=m.council)
    if is_officer(m):
        return rows
    return rows.filter(Q(made_public_at__isnull=False) | Q(wards__in=own_ward_ids(m))).distinct()


def matters_for(m: Membership) -> list[WardMatter]:
    return list(_matters(m).prefetch_related("wards").select_related("recorded_by")[:LIMIT])


def matter_get_for(m: Membership, matter_id: int | str) -> WardMatter:
    try:
        return (
            _matters(m).prefetch_related("wards").select_related("recorded_by", "made_public_by").get(pk=int(matter_id))
        )
    except (WardMatter.DoesNotExist, ValueError, TypeError):
        raise NotFound("That ward matter") from None


# ---- public meetings ---------------------------------------------------------------------------------------------


def meetings_for(m: Membership) -> list[PublicMeeting]:
    rows = PublicMeeting.objects.filter(council=m.council).prefetch_related("wards").select_related("arranged_by")
    return list(rows[:LIMIT])


def meeting_get_for(m: Membership, meeting_id: int | str) -> PublicMeeting:
    try:
        return PublicMeeting.objects.filter(council=m.council).prefetch_related("wards").get(pk=int(meeting_id))
    except (PublicMeeting.DoesNotExist, ValueError, TypeError):
        raise NotFound("That meeting") from None


# ---- premises visits ------------------------------------------------------------------------------------------


def _visits(m: Membership) -> QuerySet[PremisesVisit]:
    rows = PremisesVisit.objects.filter(council=m.council)
    if is_officer(m):
        return rows
    return rows.filter(Q(member=m.person) | Q(site_ward_id__in=own_ward_ids(m)))


def visits_for(m: Membership) -> list[PremisesVisit]:
    return list(_visits(m).select_related("member", "officer_in_charge", "site_ward")[:LIMIT])


def visit_get_for(m: Membership, visit_id: int | str) -> PremisesVisit:
    try:
        return _visits(m).select_related("member", "officer_in_charge", "site_ward").get(pk=int(visit_id))
    except (PremisesVisit.DoesNotExist, ValueError, TypeError):
        raise NotFound("That visit") from None


# ---- resources -----------------------------------------------------------------------------------------------


def requests_for(m: Membership) -> list[ResourceRequest]:
    rows = ResourceRequest.objects.filter(council=m.council)
    if not is_officer(m):
        rows = rows.filter(member=m.person)
    return list(rows.select_related("member", "routed_to")[:LIMIT])


def ledger_for(m: Membership) -> list[ResourceLedgerEntry]:
    rows = ResourceLedgerEntry.objects.filter(council=m.council)
    if not is_officer(m):
        rows = rows.filter(member=m.person)
    return list(rows.select_related("member", "recorded_by")[:LIMIT])


def ict_acknowledgement(m: Membership) -> IctAcknowledgement | None:
    return IctAcknowledgement.objects.filter(council=m.council, person=m.person).first()

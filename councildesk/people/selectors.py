"""Reads of people and structure on a person's behalf. Each takes a Membership from ``membership_for``.

Every selector runs a fixed number of queries whatever the size of the council (prefetching, no N+1).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .access import Membership
from .models import (
    Committee,
    CommitteeSeat,
    GroupMembership,
    Person,
    PoliticalGroup,
    Role,
    Ward,
    WardMembership,
    active_on,
)


@dataclass(frozen=True)
class PersonEntry:
    person: Person
    roles: list[Role]
    titles: list[str]


def people_list_for(m: Membership) -> list[PersonEntry]:
    """Everyone with a current role in the council, with their roles' titles in the council's own words."""
    roles = active_on(Role.objects.all(), m.day).filter(council=m.council).select_related("person", "line_manager")
    by_person: dict[int, PersonEntry] = {}
    profile = m.council.profile
    for role in roles.order_by("person__last_name", "person__first_name", "kind"):
        entry = by_person.setdefault(role.person_id, PersonEntry(role.person, [], []))
        entry.roles.append(role)
        entry.titles.append(profile.title_for(role.kind))
    return list(by_person.values())


def roles_list_for(m: Membership) -> QuerySet[Role]:
    return active_on(Role.objects.all(), m.day).filter(council=m.council).select_related("person", "line_manager")


def committees_list_for(m: Membership) -> QuerySet[Committee]:
    seats = active_on(CommitteeSeat.objects.all(), m.day).select_related("person")
    return Committee.objects.filter(council=m.council).prefetch_related(Prefetch("seats", queryset=seats))


def wards_list_for(m: Membership) -> QuerySet[Ward]:
    members = active_on(WardMembership.objects.all(), m.day).select_related("person")
    return Ward.objects.filter(council=m.council).prefetch_related(Prefetch("memberships", queryset=members))


def groups_list_for(m: Membership) -> QuerySet[PoliticalGroup]:
    members = active_on(GroupMembership.objects.all(), m.day).select_related("person")
    return PoliticalGroup.objects.filter(council=m.council).prefetch_related(Prefetch("memberships", queryset=members))

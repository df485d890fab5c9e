"""Reads of people and structure on a person's behalf. Each takes a Membership from ``membership_for``.

Every selector runs a fixed number of queries whatever the size of the council (prefetching, no N+1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from councildesk.core import fixedsql
from councildesk.core.errors import NotFound
from councildesk.councils.models import Council

from .access import Membership
from .kinds import MONITORING_OFFICER
from .models import (
    Committee,
    CommitteeSeat,
    GroupMembership,
    MonitoringArrangement,
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


@dataclass(frozen=True)
class FormerEntry:
    """Someone who held, or is yet to take up, a role here but holds none today: the role that ended last (for
    "Term ended 4 May 2026") or the one that starts next ("No current role: starts 8 May 2027")."""

    person: Person
    role: Role
    title: str
    upcoming: bool


def people_without_a_role_for(m: Membership) -> list[FormerEntry]:
    """People with a role here in the past or the future but none today, by name: one query. The head officer
    finds them here to re-appoint them or correct a term."""
    rows = Role.objects.filter(council=m.council).select_related("person").order_by("start", "pk")
    current: set[int] = set()
    ended: dict[int, Role] = {}
    upcoming: dict[int, Role] = {}
    for role in rows:
        if role.is_active_on(m.day):
            current.add(role.person_id)
        elif role.start > m.day:
            upcoming.setdefault(role.person_id, role)
        elif role.end is not None:
            last = ended.get(role.person_id)
            if last is None or last.end is None or role.end >= last.end:
                ended[role.person_id] = role
    profile = m.council.profile
    entries = [
        FormerEntry(role.person, role, profile.title_for(role.kind), upcoming=role.person_id in upcoming)
        for role in (*upcoming.values(), *(r for pk, r in ended.items() if pk not in upcoming))
        if role.person_id not in current
    ]
    return sorted(entries, key=lambda e: (e.person.last_name, e.person.first_name, e.person.username))


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


def role_holders(council: Council, kinds: Iterable[str], day: dt.date) -> list[Person]:
    """The people who hold any of these kinds of role in this council on this day, by name, each once.

    The one query for "who is the Clerk / the Heads of Service / the councillors today"; derived kinds (group
    leaders, the personnel body) are not granted roles and are not found here. Asked for the Monitoring Officer,
    it also finds the principal council's Monitoring Officer who serves this council through a
    ``MonitoringArrangement`` on that day and holds no current role here: exactly whom the access gate treats as
    this council's Monitoring Officer, so a notice "to the Monitoring Officer" reaches the person who can open it.
    Every other question runs as fixed SQL, since every write that notifies someone asks it (issue 14).
    """
    kinds = sorted(set(kinds))
    if not kinds:
        return []
    if MONITORING_OFFICER in kinds:
        wanted = Q(council=council, kind__in=kinds)
        principals = active_on(MonitoringArrangement.objects.filter(council=council), day).values("principal_id")
        here = active_on(Role.objects.filter(council=council, person_id=OuterRef("person_id")), day)
        wanted |= Q(kind=MONITORING_OFFICER, council_id__in=principals) & ~Q(Exists(here))
        roles = active_on(Role.objects.filter(wanted), day).select_related("person")
        people = {r.person.pk: r.person for r in roles}
    else:
        on = connection.ops.adapt_datefield_value(day)
        person_of = fixedsql.loader(Person)
        with connection.cursor() as cursor:
            cursor.execute(_holders_sql(connection.vendor, len(kinds)), [council.pk, *kinds, on, on])
            people = {person.pk: person for person in map(person_of, cursor.fetchall())}
    return sorted(people.values(), key=lambda p: (p.last_name, p.first_name, p.username, p.pk))


@cache
def _holders_sql(vendor: str, count: int) -> str:
    assert (Role._meta.db_table, Person._meta.db_table) == ("people_role", "people_person")
    # Only column names from the model's metadata are formatted in; every value is a parameter.
    return (
        f"SELECT {fixedsql.columns(Person, 'p')} "  # noqa: S608
        'FROM "people_role" r JOIN "people_person" p ON p.id = r.person_id '
        f"WHERE r.council_id = %s AND r.kind IN ({', '.join(['%s'] * count)}) "
        'AND r.start <= %s AND (r."end" IS NULL OR r."end" >= %s)'
    )


def person_at(council: Council, username: str | None) -> Person:
    """The person with this username who holds, or held, a role in this council.

    Someone from another council answers exactly like nobody at all (``NotFound``), so a lookup by username can
    never tell a caller who uses councildesk elsewhere.
    """
    person = Person.objects.filter(username=username or "", roles__council=council).distinct().first()
    if person is None:
        raise NotFound("That person")
    return person

"""Reads of people and structure on a person's behalf. Each takes a Membership from ``membership_for``.

Every selector runs a fixed number of queries whatever the size of the council (prefetching, no N+1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Prefetch, QuerySet

from councildesk.core import fixedsql
from councildesk.core.errors import NotFound
from councildesk.councils.models import Council

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


def role_holders(council: Council, kinds: Iterable[str], day: dt.date) -> list[Person]:
    """The people who hold any of these kinds of role in this council on this day, by name, each once.

    The one query for "who is the Clerk / the Heads of Service / the councillors today"; derived kinds (group
    leaders, the personnel body) are not granted roles and are not found here. Fixed SQL: it runs on every write
    that notifies someone (issue 14).
    """
    wanted = sorted(set(kinds))
    if not wanted:
        return []
    on = connection.ops.adapt_datefield_value(day)
    person_of = fixedsql.loader(Person)
    with connection.cursor() as cursor:
        cursor.execute(_holders_sql(connection.vendor, len(wanted)), [council.pk, *wanted, on, on])
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

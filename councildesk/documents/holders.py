"""Who holds a role in a council on a day: the people a request's notices go to and its consultees come from.

One query; the lead's ``people.selectors.role_holders`` replaces this when it lands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from councildesk.councils.models import Council
from councildesk.people.models import Person, Role, active_on


def holders(council: Council, kinds: Iterable[str], day: dt.date) -> list[Person]:
    ids = active_on(Role.objects.all(), day).filter(council=council, kind__in=list(kinds)).values("person_id")
    return list(Person.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))


def role_pairs(council: Council, kinds: list[str], day: dt.date) -> list[tuple[str, Person]]:
    """(kind, person) for each current holder of these roles, in the order of ``kinds``."""
    roles = active_on(Role.objects.all(), day).filter(council=council, kind__in=kinds).select_related("person")
    return sorted({(r.kind, r.person) for r in roles}, key=lambda kp: (kinds.index(kp[0]), kp[1].last_name, kp[1].pk))

"""The access gate for a council: who the actor is in it today. Every read on a person's behalf starts here.

A council the actor has no business with answers ``NotFound``: "missing" and "forbidden" look the same. A
person whose every role there has ended is told so, citing the term-of-office rule and the council's clause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ProtocolViolation
from councildesk.councils.models import Council

from . import kinds as role_kinds
from .models import (
    MEMBER_KINDS,
    Committee,
    CommitteeSeat,
    GroupMembership,
    MonitoringArrangement,
    Person,
    Role,
    RoleKind,
    active_on,
)

HOST_ADMIN = role_kinds.HOST_ADMIN
GROUP_LEADER = role_kinds.GROUP_LEADER
PERSONNEL_COMMITTEE = role_kinds.PERSONNEL_COMMITTEE


class RoleNotCurrent(ProtocolViolation):
    pass


@dataclass(frozen=True)
class Membership:
    """The actor's standing in one council on one day."""

    council: Council
    person: Person
    day: dt.date
    roles: tuple[Role, ...]
    kinds: frozenset[str]

    @cached_property
    def head_officer_kind(self) -> str:
        return self.council.profile.roles.head_of_paid_service

    @property
    def is_head_officer(self) -> bool:
        return self.head_officer_kind in self.kinds

    @property
    def is_member(self) -> bool:
        return bool(self.kinds & MEMBER_KINDS)

    @property
    def is_host_admin(self) -> bool:
        return HOST_ADMIN in self.kinds

    def titles(self) -> list[str]:
        profile = self.council.profile
        return [profile.title_for(kind) for kind in sorted(self.kinds) if kind != HOST_ADMIN]


def _derived_kinds(person: Person, council: Council, day: dt.date) -> set[str]:
    kinds: set[str] = set()
    if (
        active_on(GroupMembership.objects.all(), day)
        .filter(person=person, group__council=council, is_leader=True)
        .exists()
    ):
        kinds.add(GROUP_LEADER)
    personnel = active_on(CommitteeSeat.objects.all(), day).filter(
        person=person, committee__council=council, committee__kind=Committee.Kind.PERSONNEL
    )
    if personnel.exists():
        kinds.add(PERSONNEL_COMMITTEE)
    return kinds


def _serves_as_monitoring_officer(actor: Person, council: Council, day: dt.date) -> bool:
    """The actor is today's Monitoring Officer of a council that serves this one (its principal council), so
    acts as this council's Monitoring Officer without a role here. Asked only of someone with no current role
    here, so it costs nothing on the usual path."""
    principals = active_on(MonitoringArrangement.objects.filter(council=council), day).values("principal_id")
    mo_roles = Role.objects.filter(person=actor, kind=role_kinds.MONITORING_OFFICER, council_id__in=principals)
    return active_on(mo_roles, day).exists()


def membership_for(actor: Person, council_slug: str, *, day: dt.date | None = None) -> Membership:
    day = day or clock.today()
    council = Council.objects.filter(slug=council_slug).first()
    if council is None or not actor.is_authenticated:
        raise NotFound("That council")
    all_roles = list(Role.objects.filter(council=council, person=actor).order_by("start"))
    active = tuple(r for r in all_roles if r.is_active_on(day))
    kinds = {r.kind for r in active}
    if active:
        kinds |= _derived_kinds(actor, council, day)
    elif _serves_as_monitoring_officer(actor, council, day):
        kinds.add(role_kinds.MONITORING_OFFICER)
    if actor.is_host_admin:
        kinds.add(HOST_ADMIN)
    if not kinds:
        if not all_roles:
            raise NotFound("That council")
        raise _not_current(council, all_roles, day)
    return Membership(council=council, person=actor, day=day, roles=active, kinds=frozenset(kinds))


@implements(
    R.ROLES_COUNCILLOR_TERM_BOUNDED,
    silent="baseline",
    baseline="the product ends a councillor's access with their term of office",
)
def _not_current(council: Council, roles: list[Role], day: dt.date) -> RoleNotCurrent:
    profile = council.profile
    citations = profile.cite(R.ROLES_COUNCILLOR_TERM_BOUNDED)
    upcoming = [r for r in roles if r.start > day]
    if upcoming:
        first = upcoming[0]
        reason = (
            f"Your role as {profile.title_for(first.kind)} at {council.name} starts on "
            f"{long_date(first.start)}; you can use it from then."
        )
    else:
        last = max(roles, key=lambda r: r.end or day)
        reason = (
            f"Your role as {profile.title_for(last.kind)} at {council.name} ended on "
            f"{long_date(last.end)}, and access ended with it."
        )
    return RoleNotCurrent(reason=reason, citations=citations)


def memberships_of(actor: Person, *, day: dt.date | None = None) -> list[Council]:
    """The councils where the actor holds a current role (all councils for a host administrator)."""
    day = day or clock.today()
    if not actor.is_authenticated:
        return []
    if actor.is_host_admin:
        return list(Council.objects.all())
    ids = active_on(Role.objects.all(), day).filter(person=actor).values("council_id")
    return list(Council.objects.filter(pk__in=ids))


__all__ = [
    "GROUP_LEADER",
    "HOST_ADMIN",
    "PERSONNEL_COMMITTEE",
    "Membership",
    "RoleKind",
    "RoleNotCurrent",
    "membership_for",
    "memberships_of",
]

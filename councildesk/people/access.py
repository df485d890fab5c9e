"""The access gate for a council: who the actor is in it today. Every read on a person's behalf starts here.

A council the actor has no business with answers ``NotFound``: "missing" and "forbidden" look the same. A
person whose every role there has ended is told so, citing the term-of-office rule and the council's clause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import TypeVar

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from pydantic import ValidationError

from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock, fixedsql
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ProtocolViolation
from councildesk.councils.models import Council
from councildesk.councils.profiles import Profile

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
_T = TypeVar("_T")


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


# The memo of one request (or one unit of work): the actor's roles in every council, fetched once with their
# councils, and each membership resolved from them. ``access_scope`` opens it; outside a scope nothing is kept,
# so a long-lived process (the sweep, a shell) never sees stale roles. Any write to a role, seat, group
# membership, council or person empties it, so a request that changes roles sees the change.
_memo: ContextVar[dict[object, object] | None] = ContextVar("councildesk_access_memo", default=None)


@contextmanager
def access_scope() -> Iterator[None]:
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


class AccessScopeMiddleware:
    """Each request resolves the actor's memberships once: the page's gate, the services it calls and the
    memberships context processor share them (issue 14). The gate stays where it is; only its cost changes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with access_scope():
            return self.get_response(request)


def _forget(**_: object) -> None:
    memo = _memo.get()
    if memo:
        memo.clear()


for _model in (Role, CommitteeSeat, GroupMembership, Council, Person, Committee):
    post_save.connect(_forget, sender=_model, dispatch_uid=f"access-memo-save-{_model.__name__}")
    post_delete.connect(_forget, sender=_model, dispatch_uid=f"access-memo-delete-{_model.__name__}")


def _remembered(key: object, make: Callable[[], _T]) -> _T:
    memo = _memo.get()
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]  # type: ignore[return-value]


def _roles_of(actor: Person, day: dt.date) -> list[Role]:
    """Every role the actor holds or held, in every council, with its council and whether on ``day`` the actor
    leads a political group or sits on a personnel committee there: one query per scope, in fixed SQL."""
    return _remembered(("roles", actor.pk, day), lambda: _roles_query(actor.pk, day))


@cache
def _roles_sql(vendor: str) -> str:
    assert (Role._meta.db_table, Council._meta.db_table) == ("people_role", "councils_council")
    assert (GroupMembership._meta.db_table, CommitteeSeat._meta.db_table) == (
        "people_groupmembership",
        "people_committeeseat",
    )
    # Only column names from the models' metadata are formatted in; every value is a parameter.
    return (
        f"SELECT {fixedsql.columns(Role, 'r')}, {fixedsql.columns(Council, 'c')}, "  # noqa: S608
        'EXISTS (SELECT 1 FROM "people_groupmembership" gm JOIN "people_politicalgroup" g ON g.id = gm.group_id '
        "  WHERE gm.person_id = %s AND g.council_id = r.council_id AND gm.is_leader AND gm.start <= %s "
        '  AND (gm."end" IS NULL OR gm."end" >= %s)), '
        'EXISTS (SELECT 1 FROM "people_committeeseat" cs JOIN "people_committee" k ON k.id = cs.committee_id '
        "  WHERE cs.person_id = %s AND k.council_id = r.council_id AND k.kind = %s AND cs.start <= %s "
        '  AND (cs."end" IS NULL OR cs."end" >= %s)) '
        'FROM "people_role" r JOIN "councils_council" c ON c.id = r.council_id '
        "WHERE r.person_id = %s ORDER BY r.start, r.id"
    )


# Parsed council profiles by the exact text they were stored as (issue 14): the gate reads the council with the
# roles on every request, and decoding and validating its profile cost more than the rest of the gate. The key is
# the stored JSON text itself, so a changed profile is a new key and is never served stale. Each entry keeps the
# decoded data and the validated ``Profile``. A ``Profile`` is frozen; the decoded data is shared by the council
# objects built from the same text, which is safe because a council's ``profile_data`` is only ever replaced
# whole (``council_sync_from_profile``), never changed in place. A host has a handful of councils; the memo is
# emptied if it ever holds more than 64 texts.
_PROFILES: dict[str, tuple[object, Profile]] = {}
_PROFILES_MAX = 64
_COUNCIL_COLUMNS = [field.attname for field in Council._meta.concrete_fields]
_PROFILE_AT, _COUNCIL_PK_AT = _COUNCIL_COLUMNS.index("profile_data"), _COUNCIL_COLUMNS.index("id")


def _council_from(values: Sequence[object]) -> Council:
    """The council in ``values`` (the columns of ``fixedsql.columns(Council, ...)``), as the ORM would build it, with
    its profile already decoded and parsed when the same stored text has been seen before."""
    build = fixedsql.loader(Council)
    text = values[_PROFILE_AT]
    found = _PROFILES.get(text) if isinstance(text, str) else None
    if found is None:  # the first time (or a driver that decodes JSON itself: nothing to key on)
        council = build(values)
        if isinstance(text, str):
            _remember_profile(council, text)
        return council
    council = build([None if i == _PROFILE_AT else v for i, v in enumerate(values)])
    council.profile_data, council.__dict__["profile"] = found  # where the cached property keeps its value
    return council


def _remember_profile(council: Council, text: str) -> None:
    try:
        parsed = council.profile
    except ValidationError:
        return  # left to fail where the profile is used, as before
    if len(_PROFILES) >= _PROFILES_MAX:
        _PROFILES.clear()
    _PROFILES[text] = (council.profile_data, parsed)


def _roles_query(person_id: int, day: dt.date) -> list[Role]:
    on = connection.ops.adapt_datefield_value(day)
    params = [person_id, on, on, person_id, Committee.Kind.PERSONNEL.value, on, on, person_id]
    role_of = fixedsql.loader(Role)
    split = fixedsql.width(Role)
    councils: dict[int, Council] = {}
    roles = []
    with connection.cursor() as cursor:
        cursor.execute(_roles_sql(connection.vendor), params)
        for row in cursor.fetchall():
            role = role_of(row[:split])
            council_id = row[split + _COUNCIL_PK_AT]
            if council_id not in councils:  # one object per council, as before
                councils[council_id] = _council_from(row[split:-2])
            role.council = councils[council_id]
            role.leads_group, role.on_personnel = bool(row[-2]), bool(row[-1])  # type: ignore[attr-defined]
            roles.append(role)
    return roles


def _serves_as_monitoring_officer(actor: Person, council: Council, day: dt.date) -> bool:
    """The actor is today's Monitoring Officer of a council that serves this one (its principal council), so
    acts as this council's Monitoring Officer without a role here. Asked only of someone with no current role
    here, so it costs nothing on the usual path."""
    principals = active_on(MonitoringArrangement.objects.filter(council=council), day).values("principal_id")
    mo_roles = Role.objects.filter(person=actor, kind=role_kinds.MONITORING_OFFICER, council_id__in=principals)
    return active_on(mo_roles, day).exists()


def membership_for(actor: Person, council_slug: str, *, day: dt.date | None = None) -> Membership:
    day = day or clock.today()
    if not actor.is_authenticated:
        raise NotFound("That council")
    found = _remembered(("membership", actor.pk, council_slug, day), lambda: _resolve(actor, council_slug, day))
    if isinstance(found, Exception):
        raise found
    if found.person is not actor:  # the same person, as the caller holds them
        found = replace(found, person=actor)
    return found


def _resolve(actor: Person, council_slug: str, day: dt.date) -> Membership | Exception:
    all_roles = [r for r in _roles_of(actor, day) if r.council.slug == council_slug]
    if all_roles:
        council = all_roles[0].council
    else:
        # No role here: only a host administrator, or a Monitoring Officer whose principal council serves this
        # one, can still have standing, so only they cost the lookup.
        may_reach = actor.is_host_admin or any(
            r.kind == role_kinds.MONITORING_OFFICER and r.is_active_on(day) for r in _roles_of(actor, day)
        )
        found = Council.objects.filter(slug=council_slug).first() if may_reach else None
        if found is None:
            return NotFound("That council")
        council = found
    active = tuple(r for r in all_roles if r.is_active_on(day))
    kinds = {r.kind for r in active}
    if active:  # the kinds that come from a seat or a group rather than a role (computed with the roles)
        if active[0].leads_group:  # type: ignore[attr-defined]
            kinds.add(GROUP_LEADER)
        if active[0].on_personnel:  # type: ignore[attr-defined]
            kinds.add(PERSONNEL_COMMITTEE)
    elif _serves_as_monitoring_officer(actor, council, day):
        kinds.add(role_kinds.MONITORING_OFFICER)
    if actor.is_host_admin:
        kinds.add(HOST_ADMIN)
    if not kinds:
        return _not_current(council, all_roles, day) if all_roles else NotFound("That council")
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
        return _remembered(("all councils",), lambda: list(Council.objects.all()))
    councils = {r.council_id: r.council for r in _roles_of(actor, day) if r.is_active_on(day)}
    return sorted(councils.values(), key=lambda c: (c.name, c.pk))  # Council's own ordering, by name


__all__ = [
    "GROUP_LEADER",
    "HOST_ADMIN",
    "PERSONNEL_COMMITTEE",
    "Membership",
    "RoleKind",
    "RoleNotCurrent",
    "access_scope",
    "membership_for",
    "memberships_of",
]

"""Writes for people and structure. Shape: gate -> rule -> write -> audit, in one transaction.

``actor=None`` means the system itself (profile sync, the demo loader, the CLI run by the host).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from councildesk.audit import events
from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import NotPermitted, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council

from .access import membership_for
from .models import (
    Committee,
    CommitteeSeat,
    GroupMembership,
    MonitoringArrangement,
    Person,
    PoliticalGroup,
    Role,
    RoleKind,
    Ward,
    WardMembership,
)
from .permissions import can_manage_structure
from .rules import most_at_once


@implements(
    R.ROLES_HEAD_OF_PAID_SERVICE,
    silent="baseline",
    baseline="the product lets only the head officer keep the council's records",
)
def _gate(actor: Person | None, council: Council) -> None:
    if actor is None:
        return
    if not can_manage_structure(membership_for(actor, council.slug)):
        raise ProtocolViolation(
            reason=f"Only the {council.profile.head_officer_title()} keeps the council's roles and structure.",
            citations=council.profile.cite(R.ROLES_HEAD_OF_PAID_SERVICE),
        )


def _check_password(password: str, person: Person) -> None:
    """The installation's password policy (AUTH_PASSWORD_VALIDATORS: 12 characters or more, not a common
    password, not like the person's name), applied wherever a password is set, not only in forms."""
    try:
        validate_password(password, user=person)
    except DjangoValidationError as exc:
        problems = " ".join(exc.messages)
        raise ValidationFailed(f"Choose another password. {problems}", {"password": problems}) from exc


def person_create(
    *,
    actor: Person | None,
    council: Council,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    password: str | None = None,
    is_host_admin: bool = False,
) -> Person:
    _gate(actor, council)
    if is_host_admin and actor is not None and not actor.is_host_admin:
        raise NotPermitted("Only a host administrator can make another person a host administrator.")
    if Person.objects.filter(username=username).exists():
        raise ValidationFailed("That username is taken.", {"username": "already in use"})
    with transaction.atomic():
        person = Person(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            is_host_admin=is_host_admin,
        )
        if password:
            _check_password(password, person)
            person.set_password(password)
        else:
            person.set_unusable_password()
        person.save()
        record(
            council=council,
            actor=actor,
            action=events.PERSON_CREATED,
            subject=person,
            data={"username": username, "name": person.get_full_name(), "host_admin": is_host_admin},
        )
    return person


@implements(R.PROTOCOL_APPLIES_TO_COOPTED_MEMBERS)
def _check_feature(council: Council, kind: str) -> None:
    profile = council.profile
    needs: dict[str, bool] = {RoleKind.MAYOR: profile.features.mayor, RoleKind.CMT_MEMBER: profile.features.cmt}
    if kind in needs and not needs[kind]:
        raise ValidationFailed(f"{council.name} has not adopted the {RoleKind(kind).label} role in its protocol.")
    for optional in (RoleKind.CLERK, RoleKind.CHIEF_EXECUTIVE, RoleKind.HEAD_OF_SERVICE, RoleKind.CO_OPTED_MEMBER):
        if kind == optional and getattr(profile.roles.titles, optional) is None:
            raise ValidationFailed(f"{council.name} has no {optional.label} in its profile.")


def role_grant(
    *,
    actor: Person | None,
    council: Council,
    person: Person,
    kind: str,
    start: dt.date,
    end: dt.date | None = None,
    line_manager: Person | None = None,
    serving_body: str = "",
) -> Role:
    _gate(actor, council)
    if kind not in RoleKind.values:
        raise ValidationFailed(f"{kind!r} is not a role.", {"kind": f"choose one of {', '.join(RoleKind.values)}"})
    if end is not None and end < start:
        raise ValidationFailed(
            "A role cannot end before it starts.",
            {"end": f"The end date must be on or after the start date, {long_date(start)}."},
        )
    _check_feature(council, kind)
    if Role.objects.filter(council=council, person=person, kind=kind, start=start).exists():
        title = council.profile.title_for(kind)
        raise ValidationFailed(
            f"{person} already holds the role of {title} from that day.",
            {"start": f"{person} is already {title} from {long_date(start)}; choose another start date."},
        )
    with transaction.atomic():
        role = Role.objects.create(
            council=council,
            person=person,
            kind=kind,
            start=start,
            end=end,
            line_manager=line_manager,
            serving_body=serving_body,
        )
        record(
            council=council,
            actor=actor,
            action=events.ROLE_GRANTED,
            subject=role,
            data={
                "person": person.username,
                "kind": kind,
                "start": start,
                "end": end,
                "line_manager": line_manager.username if line_manager else None,
                "serving_body": serving_body,
            },
            rule_ids=["ROLES_COUNCILLOR_TERM_BOUNDED"] if kind == RoleKind.COUNCILLOR else [],
        )
    return role


def role_end(*, actor: Person | None, role: Role, end: dt.date | None = None) -> Role:
    _gate(actor, role.council)
    end = end or clock.today()
    if role.end is not None and end > role.end:
        raise ValidationFailed(
            f"This role already ended on {long_date(role.end)}; grant a new role rather than extend an ended one."
        )
    if end < role.start:
        raise ValidationFailed(
            "A role cannot end before it starts.",
            {"end": f"The end date must be on or after the day the role started, {long_date(role.start)}."},
        )
    with transaction.atomic():
        role.end = end
        role.save(update_fields=["end"])
        record(
            council=role.council,
            actor=actor,
            action=events.ROLE_ENDED,
            subject=role,
            data={"end": end},
            rule_ids=["ROLES_COUNCILLOR_TERM_BOUNDED"],
        )
    return role


def ward_create(*, actor: Person | None, council: Council, name: str) -> Ward:
    _gate(actor, council)
    with transaction.atomic():
        ward = Ward.objects.create(council=council, name=name)
        record(council=council, actor=actor, action=events.WARD_CREATED, subject=ward, data={"name": name})
    return ward


def ward_member_add(*, actor: Person | None, ward: Ward, person: Person, start: dt.date) -> WardMembership:
    _gate(actor, ward.council)  # the Clerk's pages and the CSV import offer wards only where the profile uses them
    with transaction.atomic():
        membership = WardMembership.objects.create(ward=ward, person=person, start=start)
        record(
            council=ward.council,
            actor=actor,
            action=events.WARD_MEMBER_ADDED,
            subject=membership,
            data={"ward": ward.name, "person": person.username, "start": start},
        )
    return membership


def committee_create(
    *, actor: Person | None, council: Council, name: str, kind: str = Committee.Kind.COMMITTEE
) -> Committee:
    _gate(actor, council)
    with transaction.atomic():
        committee = Committee.objects.create(council=council, name=name, kind=kind)
        record(
            council=council,
            actor=actor,
            action=events.COMMITTEE_CREATED,
            subject=committee,
            data={"name": name, "kind": kind},
        )
    return committee


@implements(
    R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED,
    silent="baseline",
    baseline="the council's profile fixes the size of its personnel body",
)
def committee_seat_add(
    *, actor: Person | None, committee: Committee, person: Person, seat: str, start: dt.date
) -> CommitteeSeat:
    council = committee.council
    _gate(actor, council)
    if seat not in CommitteeSeat.Seat.values:
        raise ValidationFailed(f"{seat!r} is not a seat.", {"seat": "Choose the kind of seat."})
    if seat == CommitteeSeat.Seat.CO_OPTED:
        _check_feature(council, RoleKind.CO_OPTED_MEMBER)  # a co-option only where the profile has the role
    size = council.profile.complaints.personnel_panel_size
    with transaction.atomic():
        if committee.kind == Committee.Kind.PERSONNEL and size is not None:
            Committee.objects.select_for_update().filter(pk=committee.pk).first()  # one seat change at a time
            periods = list(CommitteeSeat.objects.filter(committee=committee).values_list("start", "end"))
            if most_at_once([*periods, (start, None)], from_day=start) > size:
                raise ProtocolViolation(
                    reason=f"The {committee.name} already has its {size} members.",
                    citations=council.profile.cite(R.COMPLAINTS_PERSONNEL_COMMITTEE_DELEGATED),
                )
        seat_row = CommitteeSeat.objects.create(committee=committee, person=person, seat=seat, start=start)
        record(
            council=council,
            actor=actor,
            action=events.COMMITTEE_SEAT_ADDED,
            subject=seat_row,
            data={"committee": committee.name, "person": person.username, "seat": seat, "start": start},
        )
    return seat_row


@implements(R.GROUPS_REGISTER_OF_POLITICAL_GROUPS)
def group_create(*, actor: Person | None, council: Council, name: str) -> PoliticalGroup:
    _gate(actor, council)
    if not council.profile.features.political_groups:
        raise NotPermitted(f"{council.name}'s protocol makes no provision for political groups.")
    with transaction.atomic():
        group = PoliticalGroup.objects.create(council=council, name=name)
        record(council=council, actor=actor, action=events.GROUP_CREATED, subject=group, data={"name": name})
    return group


def group_member_add(
    *, actor: Person | None, group: PoliticalGroup, person: Person, start: dt.date, is_leader: bool = False
) -> GroupMembership:
    _gate(actor, group.council)
    with transaction.atomic():
        membership = GroupMembership.objects.create(group=group, person=person, start=start, is_leader=is_leader)
        record(
            council=group.council,
            actor=actor,
            action=events.GROUP_MEMBER_ADDED,
            subject=membership,
            data={"group": group.name, "person": person.username, "leader": is_leader, "start": start},
        )
    return membership


def person_update(
    *, actor: Person | None, council: Council, person: Person, first_name: str, last_name: str, email: str = ""
) -> Person:
    """Correct a person's name or email address. The username never changes: the audit trail names people by it."""
    _gate(actor, council)
    if not Role.objects.filter(council=council, person=person).exists():
        raise NotPermitted(f"{person} holds no role at {council.name}.")
    changes = {
        name: value
        for name, value in (("first_name", first_name), ("last_name", last_name), ("email", email))
        if getattr(person, name) != value
    }
    if not changes:
        return person
    with transaction.atomic():
        for name, value in changes.items():
            setattr(person, name, value)
        person.save(update_fields=list(changes))
        record(
            council=council,
            actor=actor,
            action=events.PERSON_UPDATED,
            subject=person,
            data={"username": person.username, **changes},
        )
    return person


Tenure = CommitteeSeat | WardMembership | GroupMembership


def _membership_council(row: Tenure) -> Council:
    if isinstance(row, CommitteeSeat):
        return row.committee.council
    if isinstance(row, WardMembership):
        return row.ward.council
    return row.group.council


def membership_end(*, actor: Person | None, row: Tenure, end: dt.date) -> Tenure:
    """End a committee or panel seat, a ward membership or a group membership on ``end`` (inclusive)."""
    council = _membership_council(row)
    _gate(actor, council)
    if row.end is not None and end > row.end:
        raise ValidationFailed(
            f"This already ended on {long_date(row.end)}.", {"end": f"Choose a date on or before {long_date(row.end)}."}
        )
    if end < row.start:
        raise ValidationFailed(
            "It cannot end before it starts.",
            {"end": f"The end date must be on or after the day it started, {long_date(row.start)}."},
        )
    action = {
        CommitteeSeat: events.COMMITTEE_SEAT_ENDED,
        WardMembership: events.WARD_MEMBER_ENDED,
        GroupMembership: events.GROUP_MEMBER_ENDED,
    }[type(row)]
    with transaction.atomic():
        row.end = end
        row.save(update_fields=["end"])
        record(
            council=council,
            actor=actor,
            action=action,
            subject=row,
            data={"person": row.person.username, "of": str(_membership_of(row)), "end": end},
        )
    return row


def _membership_of(row: Tenure) -> Committee | Ward | PoliticalGroup:
    if isinstance(row, CommitteeSeat):
        return row.committee
    if isinstance(row, WardMembership):
        return row.ward
    return row.group


def monitoring_arrangement_record(
    *, actor: Person | None, council: Council, principal: Council, start: dt.date, end: dt.date | None = None
) -> MonitoringArrangement:
    """Record that ``principal``'s Monitoring Officer serves ``council`` (a parish by its principal council). Kept
    by the host: it reaches across councils, so no one council's head officer may set it."""
    if actor is not None and not actor.is_host_admin:
        raise NotPermitted("Only a host administrator records which council's Monitoring Officer serves another.")
    if principal.pk == council.pk:
        raise ValidationFailed("A council's own Monitoring Officer needs no arrangement.", {"principal": "another"})
    if end is not None and end < start:
        raise ValidationFailed("An arrangement cannot end before it starts.", {"end": "on or after the start"})
    with transaction.atomic():
        row = MonitoringArrangement.objects.create(council=council, principal=principal, start=start, end=end)
        record(
            council=council,
            actor=actor,
            action=events.MONITORING_ARRANGEMENT_RECORDED,
            subject=row,
            data={"principal": principal.slug, "start": start, "end": end},
        )
    return row

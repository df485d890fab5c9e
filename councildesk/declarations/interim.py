"""A councillor acting as Clerk while a vacancy is filled (000 Officer/Clerks ¶7): only unpaid, only short-term with
an end date, on the council's resolution, and recorded so that it is clear when they act as Proper Officer and when
as a councillor (``capacity``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from councildesk.audit.services import record
from councildesk.catalogue.ids import R
from councildesk.catalogue.registry import implements
from councildesk.core import clock
from councildesk.core.dates import long_date
from councildesk.core.errors import NotFound, ProtocolViolation, ValidationFailed
from councildesk.councils.models import Council
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership, membership_for
from councildesk.people.models import Person, Role, active_on

from . import events, rules
from .models import InterimClerk


def may_record(m: Membership) -> bool:
    return m.is_head_officer or bool(m.kinds & {role_kinds.CHAIR, role_kinds.VICE_CHAIR, role_kinds.MAYOR})


def current(council: Council, day: dt.date) -> InterimClerk | None:
    return (
        InterimClerk.objects.filter(council=council, starts_on__lte=day, ends_on__gte=day)
        .select_related("person")
        .first()
    )


def capacity(council: Council, person: Person, day: dt.date) -> str:
    """The capacity in which this person acts today: as Proper Officer (interim Clerk) or as a councillor."""
    row = current(council, day)
    if row is not None and row.person_id == person.pk:
        return f"Acting as Proper Officer (interim Clerk, unpaid) until {long_date(row.ends_on)}"
    return ""


@implements(R.EMPLOYMENT_COUNCILLOR_AS_INTERIM_CLERK)
def interim_clerk_record(
    *,
    actor: Person,
    council: Council,
    person: Person | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    unpaid: bool,
    minute_ref: str,
) -> InterimClerk:
    """Record the council's resolution that a councillor acts as Clerk for a short, unpaid period."""
    m = membership_for(actor, council.slug)
    profile = council.profile
    if not may_record(m):
        raise NotFound("That page")
    problems = rules.interim_problems(starts_on=starts_on, ends_on=ends_on, unpaid=unpaid, minute_ref=minute_ref)
    is_councillor = (
        person is not None
        and active_on(
            Role.objects.filter(council=council, person=person, kind__in=role_kinds.MEMBER_KINDS), m.day
        ).exists()
    )
    if not is_councillor:
        problems["person"] = f"Choose a councillor of {council.name}"
    if problems:
        protocol = {"unpaid", "ends_on"} & set(problems)
        if protocol and profile.adopts(R.EMPLOYMENT_COUNCILLOR_AS_INTERIM_CLERK):
            raise ProtocolViolation(
                reason=". ".join(problems[k] for k in sorted(protocol)) + ".",
                citations=profile.cite(R.EMPLOYMENT_COUNCILLOR_AS_INTERIM_CLERK),
            )
        raise ValidationFailed("Check the record", problems)
    assert person is not None
    assert starts_on is not None
    assert ends_on is not None
    with transaction.atomic():
        row = InterimClerk.objects.create(
            council=council,
            person=person,
            starts_on=starts_on,
            ends_on=ends_on,
            minute_ref=minute_ref.strip(),
            unpaid=True,
            recorded_by=actor,
            created_at=clock.now(),
        )
        record(
            council=council,
            actor=actor,
            action=events.INTERIM_CLERK_RECORDED,
            subject=row,
            data={"person": person.username, "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
            rule_ids=[R.EMPLOYMENT_COUNCILLOR_AS_INTERIM_CLERK],
        )
    return row

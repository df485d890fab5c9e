"""Who must use a second factor: everyone who handles officers' business or confidential staffing matters.

Required for host administrators, every officer kind (Clerks and other head officers, officers, chief
executives, heads of service, CMT members, Monitoring Officers) and members of a personnel committee, in any
council where the role is current. Members (councillors, the chair, vice-chair, mayor, co-opted members) may set
one up; once set up, it is asked for every time. A council whose profile sets
``sign_in.councillor_second_factor`` requires it of its current members too. A person whose authenticator an
administrator reset must set one up again at their next sign-in, whatever their role (``SetUpDue``).
"""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

from councildesk.core import clock
from councildesk.people import kinds
from councildesk.people.models import Committee, CommitteeSeat, Person, Role, active_on

from .models import Passkey, SetUpDue


def second_factor_required(person: Person) -> bool:
    if person.is_host_admin or set_up_due(person):
        return True
    today = clock.today()
    if active_on(Role.objects.all(), today).filter(person=person, kind__in=kinds.OFFICER_KINDS).exists():
        return True
    seats = active_on(CommitteeSeat.objects.all(), today)
    if seats.filter(person=person, committee__kind=Committee.Kind.PERSONNEL).exists():
        return True
    return bool(councils_requiring_members(person))


def councils_requiring_members(person: Person) -> list[str]:
    """The names of the councils where ``person`` is a current member and the profile requires members to use a
    second factor (``sign_in.councillor_second_factor``)."""
    roles = active_on(Role.objects.all(), clock.today()).filter(person=person, kind__in=kinds.MEMBER_KINDS)
    councils = {role.council_id: role.council for role in roles.select_related("council")}
    return sorted(c.name for c in councils.values() if c.profile.sign_in.councillor_second_factor)


def has_second_factor(person: Person) -> bool:
    """An authenticator app or at least one passkey."""
    return has_app(person) or Passkey.objects.filter(person=person).exists()


def has_app(person: Person) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def set_up_due(person: Person) -> bool:
    """Whether an administrator reset this person's second factor and they have not set one up since."""
    return SetUpDue.objects.filter(person=person).exists()

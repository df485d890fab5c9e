"""Reads of declarations on a person's behalf, and the register's one question for conflict checks elsewhere.

The visibility rule (``rules.may_open``): the declarer, the Monitoring Officer and the head officer. Everyone else,
the counterpart, the chair and the host administrator included, gets NotFound exactly as for a missing id.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from councildesk.core.errors import NotFound
from councildesk.councils.models import Council
from councildesk.people import kinds as role_kinds
from councildesk.people.access import Membership
from councildesk.people.models import Person

from . import rules
from .models import Appointment, Declaration, PanelSeat

MAX_ID = 2**62


def sees_register(m: Membership) -> bool:
    return rules.may_open(
        is_declarer=False,
        is_monitoring_officer=role_kinds.MONITORING_OFFICER in m.kinds,
        is_head_officer=m.is_head_officer,
    )


def visible(m: Membership) -> QuerySet[Declaration]:
    rows = Declaration.objects.filter(council=m.council)
    return rows if sees_register(m) else rows.filter(declarer=m.person)


def declaration_list_for(m: Membership, *, limit: int = 200) -> list[Declaration]:
    return list(visible(m).select_related("declarer", "officer", "member").order_by("-declared_on", "-id")[:limit])


def declaration_get_for(m: Membership, pk: int) -> Declaration:
    """The declaration, or NotFound exactly as for a missing id."""
    if not 0 < pk < MAX_ID:
        raise NotFound("That declaration")
    found = visible(m).select_related("declarer", "officer", "member").filter(pk=pk).first()
    if found is None:
        raise NotFound("That declaration")
    return found


def declared_connection(council: Council, a: Person, b: Person, day: dt.date) -> bool:
    """Whether a and b (either way round) have a declared officer-councillor connection current on ``day``.

    For conflict checks only: it answers yes or no and shows nothing of the declaration itself."""
    rows = Declaration.objects.filter(council=council, declared_on__lte=day).exclude(ended_on__lt=day)
    return rows.filter(Q(officer=a, member=b) | Q(officer=b, member=a)).exists()


def appointments_visible(m: Membership) -> QuerySet[Appointment]:
    """Appointments are seen by the head officer, the Monitoring Officer and current members (who may sit)."""
    rows = Appointment.objects.filter(council=m.council)
    if m.is_head_officer or role_kinds.MONITORING_OFFICER in m.kinds or m.is_member:
        return rows
    return rows.none()


def appointment_get_for(m: Membership, pk: int) -> Appointment:
    if not 0 < pk < MAX_ID:
        raise NotFound("That appointment")
    found = appointments_visible(m).filter(pk=pk).first()
    if found is None:
        raise NotFound("That appointment")
    return found


def sees_candidates(m: Membership, appointment: Appointment) -> bool:
    """Candidates' names are seen by the head officer, the Monitoring Officer and the panel's members."""
    if m.is_head_officer or role_kinds.MONITORING_OFFICER in m.kinds:
        return True
    return PanelSeat.objects.filter(appointment=appointment, member=m.person).exists()

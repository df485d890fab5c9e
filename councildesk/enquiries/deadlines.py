"""Putting the enquiry clock on an Enquiry row: targets from the profile, dates from the council's calendar."""

from __future__ import annotations

import datetime as dt
from typing import cast

from councildesk.calendars.working_days import Calendar, Unit, deadline
from councildesk.councils.models import Council

from .clock import next_notice
from .models import Enquiry
from .targets import Effective, enquiry_source, for_direction


def targets_for(council: Council, direction: str) -> tuple[Effective | None, Effective | None]:
    """(acknowledgement, response) targets for a new enquiry in this direction: the council's confirmation where
    it has confirmed them, else the profile's number (a default awaiting confirmation, or set by a clause)."""
    return for_direction(council, direction)


def apply_targets(e: Enquiry, council: Council) -> None:
    ack, response = targets_for(council, e.direction)
    if ack is not None:
        e.ack_value, e.ack_unit, e.ack_confirmed = ack.value, ack.unit, ack.confirmed
    if response is not None:
        e.response_value, e.response_unit, e.response_confirmed = response.value, response.unit, response.confirmed


def recompute(e: Enquiry, calendar: Calendar, today: dt.date) -> None:
    """Recompute both deadlines and the next notice from the stored targets and this calendar."""
    if e.ack_value is not None:
        e.ack_due = deadline(e.clock_start, e.ack_value, cast(Unit, e.ack_unit), calendar).due
    if e.response_value is not None:
        e.response_due = deadline(
            e.clock_start, e.response_value + e.extra_units, cast(Unit, e.response_unit), calendar
        ).due
    e.calendar = calendar.fingerprint
    reschedule(e, calendar)


def reschedule(e: Enquiry, calendar: Calendar) -> None:
    """Set ``next_notice_on``: null when closed or paused, else the day of the next notice not yet sent."""
    if not e.is_open or e.paused_since is not None:
        e.next_notice_on = None
        return
    nxt = next_notice(
        ack_due=e.ack_due,
        acknowledged=e.acknowledged_at is not None,
        response_due=e.response_due,
        response_unit=e.response_unit,
        sent=e.notices_sent,
        calendar=calendar,
    )
    e.next_notice_on = nxt[1] if nxt else None


def units_between(start: dt.date, end: dt.date, unit: str, calendar: Calendar) -> int:
    """How many target units passed from ``start`` to ``end``: working days, or calendar days."""
    if end <= start:
        return 0
    if unit == "working_days":
        return calendar.working_days_between(start, end)
    return (end - start).days


def target_note(council: Council, e: Enquiry, *, ack: bool = False) -> str:
    """Where the enquiry's target comes from: the clause that sets it, the council's confirmation (date and minute),
    or a plain statement that the number is a default the council has not confirmed (no seed states a 2-day
    acknowledgement or a 10-day response)."""
    return enquiry_source(council, e, ack=ack)

"""The enquiry clock as pure functions: which notice is next, and when.

Notices, in order:
- ACK_OVERDUE: the day after the acknowledgement deadline, if nobody has acknowledged the enquiry;
- RESPONSE_REMINDER: the last working day before the response deadline (or the day before, for calendar days);
- RESPONSE_OVERDUE: the day after the response deadline. It tells the assignee, the head officer and the
  escalation role, and (where the protocol gives one) tells the councillor they may follow up.

``sent`` is the bit set of notices already sent, so a notice is sent at most once even if the sweep runs twice.
"""

from __future__ import annotations

import datetime as dt
from enum import IntFlag
from typing import cast

from councildesk.calendars.working_days import Calendar, Unit, deadline, describe_period
from councildesk.core.dates import long_date

ONE_DAY = dt.timedelta(days=1)


class Notice(IntFlag):
    ACK_OVERDUE = 1
    RESPONSE_REMINDER = 2
    RESPONSE_OVERDUE = 4


def reminder_day(due: dt.date, unit: str, calendar: Calendar) -> dt.date:
    """The day a reminder goes: the working day before a working-day deadline, the day before a calendar one."""
    if unit != "working_days":
        return due - ONE_DAY
    day = due - ONE_DAY
    while not calendar.is_working_day(day):
        day -= ONE_DAY
    return day


def next_notice(
    *,
    ack_due: dt.date | None,
    acknowledged: bool,
    response_due: dt.date | None,
    response_unit: str,
    sent: int,
    calendar: Calendar,
) -> tuple[Notice, dt.date] | None:
    """The earliest notice not yet sent and still relevant, with the day it becomes due; None if there is none."""
    pending: list[tuple[dt.date, Notice]] = []
    if ack_due is not None and not acknowledged and not sent & Notice.ACK_OVERDUE:
        pending.append((ack_due + ONE_DAY, Notice.ACK_OVERDUE))
    if response_due is not None:
        if not sent & Notice.RESPONSE_REMINDER and not sent & Notice.RESPONSE_OVERDUE:
            pending.append((reminder_day(response_due, response_unit, calendar), Notice.RESPONSE_REMINDER))
        if not sent & Notice.RESPONSE_OVERDUE:
            pending.append((response_due + ONE_DAY, Notice.RESPONSE_OVERDUE))
    if not pending:
        return None
    day, notice = min(pending, key=lambda p: (p[0], int(p[1])))
    return notice, day


def overdue(response_due: dt.date | None, today: dt.date) -> bool:
    return response_due is not None and today > response_due


def label(start: dt.date, due: dt.date | None, value: int | None, unit: str, extra: int = 0) -> str:
    """'due 4 December 2026 (5 working days)'; with pauses or extensions, '(5 working days + 2)'."""
    if due is None or value is None:
        return "no target set"
    period = describe_period(value, cast(Unit, unit))
    return f"due {long_date(due)} ({period}{f' + {extra}' if extra else ''})"


def lateness(due: dt.date, closed_on: dt.date, unit: str, calendar: Calendar) -> str:
    """How late something closed on ``closed_on`` was against ``due``: '2 working days' for a working-day target
    (counting only working days after the due day), '3 days' otherwise; '' when it was on time. A working-day
    target closed on a weekend just after its due day is '1 day' late, never '0 working days'."""
    if closed_on <= due:
        return ""
    if unit == "working_days" and (n := calendar.working_days_between(due, closed_on)):
        return describe_period(n, "working_days")
    days = (closed_on - due).days
    return f"{days} day{'' if days == 1 else 's'}"


def outcome(*, closed_on: dt.date, due: dt.date | None, unit: str, declined: bool, calendar: Calendar) -> str:
    """'Answered on 4 December 2026, within target', 'Answered on 8 December 2026, 2 working days late',
    'Declined on 4 December 2026, within target'; without a target, just the day."""
    text = f"{'Declined' if declined else 'Answered'} on {long_date(closed_on)}"
    if due is None:
        return text
    late = lateness(due, closed_on, unit, calendar)
    return f"{text}, {late} late" if late else f"{text}, within target"


def follow_up_opens(clock_start: dt.date, value: int | None, unit: str, calendar: Calendar) -> dt.date | None:
    """The first day a councillor may follow up an unanswered enquiry: the day after the response target counted
    from receipt. Pauses and extensions do not move it (002 3.5-3.6: a week from receipt, then the CMT member)."""
    if value is None:
        return None
    return deadline(clock_start, value, cast(Unit, unit), calendar).due + ONE_DAY

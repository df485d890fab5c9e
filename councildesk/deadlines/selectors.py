"""Reads for the deadline calculator: what a council can calculate, and the answer for one received date.

Both the page and the API go through these, after the council gate (the caller passes the ``Membership``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from councildesk.calendars.statutory import RULES, Regime, regimes_for, statutory_calendar, statutory_deadline
from councildesk.calendars.working_days import Deadline, deadline, describe_period
from councildesk.core.errors import ValidationFailed
from councildesk.councils.calendar import calendar_for
from councildesk.people.access import Membership

EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)
NO_CLAUSE = "set by the council, not in the protocol text"
NO_REGIME = "Choose what to calculate"
NO_RECEIVED = "Enter the date it was received"

# The council's own targets, in the order they are offered, with what each one times.
TARGET_LABELS: dict[str, str] = {
    "enquiry_acknowledgement": "Acknowledging a councillor's enquiry",
    "enquiry_response": "Answering a councillor's enquiry",
    "councillor_response": "A councillor answering an officer's enquiry",
    "complaint_response": "Answering a complaint",
}


_TARGET_COUNTING = {
    "working_days": "This council's own target: weekends, its bank holidays and its closure days do not count.",
    "calendar_days": "This council's own target, in calendar days: every day counts and the date is never moved.",
}


@dataclass(frozen=True)
class DeadlineOption:
    """Something the calculator can time: a statutory regime, or one of the council's own targets."""

    key: str
    label: str
    period: str  # "20 working days"
    source: str  # the statute, the council's clause, or NO_CLAUSE
    kind: Literal["statute", "protocol", "council"]
    description: str


@dataclass(frozen=True)
class Calculation:
    option: DeadlineOption
    received: dt.date
    deadline: Deadline
    calendar_name: str


def deadline_options_for(m: Membership) -> list[DeadlineOption]:
    """The statutory regimes that apply in the council's nation, then the council's own targets that are set."""
    profile = m.council.profile
    options = [
        DeadlineOption(
            key=regime.value,
            label=RULES[regime].label,
            period=describe_period(RULES[regime].value, RULES[regime].unit),
            source=RULES[regime].statute,
            kind="statute",
            description=RULES[regime].description,
        )
        for regime in regimes_for(profile.nation)
    ]
    for key, label in TARGET_LABELS.items():
        target = getattr(profile.targets, key)
        if target is None:
            continue
        options.append(
            DeadlineOption(
                key=key,
                label=label,
                period=describe_period(target.value, target.unit),
                source=f"clause {target.clause}" if target.clause else NO_CLAUSE,
                kind="protocol" if target.clause else "council",
                description=_TARGET_COUNTING[target.unit],
            )
        )
    return options


def option_for(options: list[DeadlineOption], key: str) -> DeadlineOption:
    """The option called ``key``, or ``ValidationFailed`` naming the field ``regime``."""
    if not key:
        raise ValidationFailed(NO_REGIME + ".", {"regime": NO_REGIME})
    for option in options:
        if option.key == key:
            return option
    known = ", ".join(o.key for o in options)
    raise ValidationFailed(
        f"'{key[:40]}' is not something this council can calculate; choose one of: {known}.",
        {"regime": "Choose one of the listed request types or targets"},
    )


def parse_received(text: str) -> dt.date:
    """A date written YYYY-MM-DD between 1990 and 2100, or ``ValidationFailed`` naming the field ``received``."""
    if not text:
        raise ValidationFailed(NO_RECEIVED + ".", {"received": NO_RECEIVED})
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        problem = "Enter the date it was received as a real date, for example 2026-12-21"
        raise ValidationFailed(problem + ".", {"received": problem})
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        problem = "Enter the date it was received as a real date, for example 2026-12-21"
        raise ValidationFailed(problem + ".", {"received": problem}) from None
    if not EARLIEST <= day <= LATEST:
        problem = "The date received must be between 1 January 1990 and 31 December 2100"
        raise ValidationFailed(problem + ".", {"received": problem})
    return day


def parse_request(options: list[DeadlineOption], key: str, received: str) -> tuple[DeadlineOption, dt.date]:
    """Both inputs checked at once, so one ``ValidationFailed`` reports every problem."""
    problems: dict[str, str] = {}
    option, day = None, None
    try:
        option = option_for(options, key)
    except ValidationFailed as e:
        problems.update(e.problems)
    try:
        day = parse_received(received)
    except ValidationFailed as e:
        problems.update(e.problems)
    if option is None or day is None:
        raise ValidationFailed("The request was not understood: " + "; ".join(problems.values()) + ".", problems)
    return option, day


def deadline_calculate_for(m: Membership, key: str, received: dt.date) -> Calculation:
    """When ``key`` (a regime or a target) falls due for something this council received on ``received``."""
    profile = m.council.profile
    option = option_for(deadline_options_for(m), key)
    if option.kind == "statute":
        regime = Regime(key)
        due = statutory_deadline(regime, received, profile.nation)
        name = statutory_calendar(regime, profile.nation).name
    else:
        target = getattr(profile.targets, key)
        calendar = calendar_for(m.council)
        due = deadline(received, target.value, target.unit, calendar)
        name = calendar.name
    return Calculation(option=option, received=received, deadline=due, calendar_name=name)

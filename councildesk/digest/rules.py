"""Pure: which week a councillor digest covers. No Django, no clock: the day comes in as an argument.

A digest goes out once a week, from Monday, and covers the whole of the previous Monday to Sunday. A sweep that
missed Monday (the server was down) still sends that week's digest later in the week, once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Week:
    first: dt.date  # a Monday
    last: dt.date  # the Sunday after it

    @property
    def key(self) -> str:
        year, week, _ = self.first.isocalendar()
        return f"{year}-W{week:02d}"


def week_before(day: dt.date) -> Week:
    """The Monday-to-Sunday week before the one ``day`` falls in."""
    this_monday = day - dt.timedelta(days=day.weekday())
    first = this_monday - dt.timedelta(days=7)
    return Week(first, first + dt.timedelta(days=6))

"""Pure rules about people and structure: no database, no clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

Period = tuple[dt.date, dt.date | None]  # first and last day, inclusive; None = open-ended


def most_at_once(periods: Iterable[Period], *, from_day: dt.date) -> int:
    """The largest number of the periods that are all running on one day, on or after ``from_day``."""
    changes: list[tuple[dt.date, int]] = []
    for start, end in periods:
        if end is not None and end < from_day:
            continue
        changes.append((max(start, from_day), 1))
        if end is not None:
            changes.append((end + dt.timedelta(days=1), -1))
    running = peak = 0
    for _day, delta in sorted(changes, key=lambda change: (change[0], change[1])):  # leavers before joiners
        running += delta
        peak = max(peak, running)
    return peak

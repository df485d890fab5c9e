"""The working-day calendar of one council: its nation's bank holidays plus its own closure days."""

from __future__ import annotations

from councildesk.calendars.working_days import Calendar

from .models import Council


def calendar_for(council: Council) -> Calendar:
    """Named for people, e.g. "England bank holidays + 3 council closure days"; used for the council's own targets.

    Statutory clocks (FOI, EIR, SAR) use ``councildesk.calendars.statutory`` instead: closure days never stop them.
    """
    profile = council.profile
    return Calendar.for_nation(profile.nation, closure_days=profile.closure_days)

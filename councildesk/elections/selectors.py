"""Reads about pre-election periods. Periods are public facts of the council: everyone in it may see them."""

from __future__ import annotations

import datetime as dt

from councildesk.councils.models import Council
from councildesk.people.access import Membership

from .models import PreElectionPeriod


def periods_for(m: Membership) -> list[PreElectionPeriod]:
    return list(PreElectionPeriod.objects.filter(council=m.council).select_related("recorded_by")[:100])


def period_on(council: Council, day: dt.date, *, council_elections_only: bool = False) -> PreElectionPeriod | None:
    """The pre-election period in force on ``day``, if any (the one with the nearest poll)."""
    rows = PreElectionPeriod.objects.filter(council=council, notice_date__lte=day, poll_date__gte=day)
    if council_elections_only:
        rows = rows.exclude(kind=PreElectionPeriod.Kind.OTHER_POLL)
    return rows.order_by("poll_date", "pk").first()

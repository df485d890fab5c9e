"""Pure date rules for pre-election periods. The notice of election's last date comes from the maintained
``uk-election-timetables`` library (ADR 0013), never from dates written here. No database, no clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from uk_election_timetables.calendars import Country  # type: ignore[import-untyped]
from uk_election_timetables.elections.local import LocalElection  # type: ignore[import-untyped]

from councildesk.core.dates import long_date

_COUNTRY = {
    "england": Country.ENGLAND,
    "wales": Country.WALES,
    "scotland": Country.SCOTLAND,
    "northern_ireland": Country.NORTHERN_IRELAND,
}


class NoticeDateUnknown(ValueError):
    """The library cannot compute the notice date for this poll; the head officer enters it."""


def notice_of_election_date(poll_date: dt.date, nation: str) -> dt.date:
    """The last day for publishing the notice of election of a local (council, parish or community) election on
    ``poll_date`` in ``nation``: 25 working days before the poll in England, Wales and Northern Ireland, 28 in
    Scotland, skipping that nation's bank holidays, as the library's rules have it."""
    country = _COUNTRY.get(nation)
    if country is None:
        raise NoticeDateUnknown(f"no election timetable for {nation!r}")
    try:
        return LocalElection(poll_date, country).notice_of_election_deadline
    except (NotImplementedError, KeyError, ValueError) as exc:
        raise NoticeDateUnknown(str(exc)) from exc


@dataclass(frozen=True)
class Period:
    notice_date: dt.date
    poll_date: dt.date
    council_elections: bool

    def covers(self, day: dt.date) -> bool:
        """The period runs from the notice of election to polling day, both inclusive."""
        return self.notice_date <= day <= self.poll_date


def check_dates(notice_date: dt.date, poll_date: dt.date) -> str | None:
    """What is wrong with a period's dates, in words for the person entering them, or None."""
    if notice_date >= poll_date:
        return (
            f"The notice of election ({long_date(notice_date)}) must come before polling day "
            f"({long_date(poll_date)}): the period runs from the notice to the poll."
        )
    if (poll_date - notice_date).days > 120:
        return "The notice of election is more than 120 days before polling day: check the dates."
    return None

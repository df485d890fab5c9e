"""Working days and deadlines: weekends, the bank holidays of UK regions, and a council's closure days.

Pure: dates in, dates out. Bank holidays come from the ``holidays`` library (pinned in pyproject; see
docs/decisions/0007-calendars-holidays-library.md), computed per region and year and memoised, so a sweep over
thousands of enquiries asks the library once per region and year.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Literal, get_args

import holidays
from holidays.version import __version__ as _holidays_version

Unit = Literal["working_days", "calendar_days", "calendar_months"]
Region = Literal["england", "wales", "scotland", "northern_ireland"]

REGIONS: tuple[Region, ...] = get_args(Region)  # also the canonical order of regions in names and fingerprints
REGION_NAMES: Mapping[Region, str] = MappingProxyType(
    {"england": "England", "wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}
)
_SUBDIVISIONS: Mapping[Region, str] = MappingProxyType(
    {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}
)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKEND = {5: "Saturday", 6: "Sunday"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CLOSURE_REASON = "Council closure day"
HOLIDAYS_VERSION: str = _holidays_version


@cache
def bank_holidays(region: Region, year: int) -> Mapping[dt.date, str]:
    """The bank holidays of one UK region in one year, by date, with the library's name for each."""
    found = holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[region], years=year)
    return MappingProxyType({day: name for day, name in sorted(found.items()) if day.year == year})


def _region_list(regions: Iterable[Region]) -> str:
    names = [REGION_NAMES[r] for r in regions]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class SkippedDay:
    """A day a working-day count passed over, and why it is not a working day."""

    day: dt.date
    reason: str


@dataclass(frozen=True)
class Calendar:
    """Which days are working days: not a weekend, not a bank holiday of any of ``regions``, not a closure day."""

    regions: tuple[Region, ...]
    closure_days: frozenset[dt.date] = field(default_factory=frozenset)
    name: str = ""

    def __post_init__(self) -> None:
        unknown = [r for r in self.regions if r not in REGIONS]
        if unknown or not self.regions:
            raise ValueError(f"regions must be one or more of {', '.join(REGIONS)}; got {self.regions!r}")
        # Canonical order and no repeats, so equal calendars compare, hash and fingerprint equally.
        object.__setattr__(self, "regions", tuple(r for r in REGIONS if r in self.regions))
        object.__setattr__(self, "closure_days", frozenset(self.closure_days))
        if not self.name:
            object.__setattr__(self, "name", self._describe())

    @classmethod
    def for_nation(cls, nation: Region, closure_days: Iterable[dt.date] = ()) -> Calendar:
        return cls(regions=(nation,), closure_days=frozenset(closure_days))

    @classmethod
    def uk_wide(cls) -> Calendar:
        """Bank holidays anywhere in the UK count (the FOI Act's working day, s.10(6))."""
        return cls(regions=REGIONS)

    def _describe(self) -> str:
        if self.regions == REGIONS:
            text = "Bank holidays anywhere in the UK"
        else:
            text = f"{_region_list(self.regions)} bank holidays"
        count = len(self.closure_days)
        if count:
            text += f" + {count} council closure day{'' if count == 1 else 's'}"
        return text

    def _bank_holiday(self, day: dt.date) -> str | None:
        by_name: dict[str, list[Region]] = {}
        for region in self.regions:
            name = bank_holidays(region, day.year).get(day)
            if name is not None:
                by_name.setdefault(name, []).append(region)
        if not by_name:
            return None
        parts = []
        for name, regions in by_name.items():
            where = "UK-wide" if tuple(regions) == REGIONS else _region_list(regions)
            parts.append(f"Bank holiday ({where}): {name}")
        return "; ".join(parts)

    def closed_because(self, day: dt.date) -> str | None:
        """Why ``day`` is not a working day (weekend first, then bank holiday, then closure), or None."""
        weekend = _WEEKEND.get(day.weekday())
        if weekend:
            return weekend
        holiday = self._bank_holiday(day)
        if holiday:
            return holiday
        if day in self.closure_days:
            return CLOSURE_REASON
        return None

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5 or day in self.closure_days:
            return False
        return not any(day in bank_holidays(region, day.year) for region in self.regions)

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``th working day after ``start``; ``start`` itself never counts (``n == 0`` gives ``start``)."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        while n:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall in (start, end]; 0 when ``end`` is not after ``start``."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def skipped(self, start: dt.date, end: dt.date) -> list[SkippedDay]:
        """Every non-working day in (start, end], with its reason."""
        days = []
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            reason = self.closed_because(day)
            if reason is not None:
                days.append(SkippedDay(day, reason))
        return days

    @property
    def fingerprint(self) -> str:
        """A stable id of exactly these rules: regions, closure days and the holidays library version.

        A stored deadline whose fingerprint differs from its calendar's current one must be recalculated.
        """
        closures = ",".join(d.isoformat() for d in sorted(self.closure_days))
        digest = hashlib.sha256(closures.encode()).hexdigest()[:8]
        return f"{'+'.join(self.regions)}|closures:{len(self.closure_days)}:{digest}|holidays-{HOLIDAYS_VERSION}"


def format_day(day: dt.date, *, with_year: bool) -> str:
    """'Fri 4 Dec', or 'Mon 4 Jan 2027' with the year. Fixed English names, whatever the locale."""
    text = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


_UNIT_WORDS: Mapping[Unit, tuple[str, str]] = MappingProxyType(
    {
        "working_days": ("working day", "working days"),
        "calendar_days": ("calendar day", "calendar days"),
        "calendar_months": ("calendar month", "calendar months"),
    }
)


def describe_period(value: int, unit: Unit) -> str:
    """'5 working days', '1 calendar month'."""
    singular, plural = _UNIT_WORDS[unit]
    return f"{value} {singular if value == 1 else plural}"


@dataclass(frozen=True)
class Deadline:
    """When something received on ``start`` is due, under which calendar, and every day the count passed over."""

    start: dt.date
    due: dt.date
    value: int
    unit: Unit
    calendar: str  # the calendar's fingerprint
    skipped: tuple[SkippedDay, ...]

    @property
    def period(self) -> str:
        """'5 working days', '1 calendar month'."""
        return describe_period(self.value, self.unit)

    def label(self) -> str:
        """'due Fri 4 Dec (5 working days)'; the year is shown when it differs from the start's."""
        return f"due {format_day(self.due, with_year=self.due.year != self.start.year)} ({self.period})"


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later, or the last day of that month when it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, _stdlib_calendar.monthrange(year, month)[1]))


def deadline(start: dt.date, value: int, unit: Unit, calendar: Calendar) -> Deadline:
    """When something received on ``start`` is due.

    - working_days: the ``value``th working day after ``start``; ``skipped`` lists every day passed over.
    - calendar_days: exactly ``value`` days later, never moved ("one week" means seven days); nothing skipped.
    - calendar_months: the same day ``value`` months later (the month's last day if shorter), moved on to the
      next working day if it is not one; ``skipped`` lists the days it was moved over.
    """
    if value < 0:
        raise ValueError("value must not be negative")
    skipped: list[SkippedDay]
    if unit == "working_days":
        due = calendar.add_working_days(start, value)
        skipped = calendar.skipped(start, due)
    elif unit == "calendar_days":
        due, skipped = start + dt.timedelta(days=value), []
    elif unit == "calendar_months":
        nominal = add_months(start, value)
        due = calendar.next_working_day(nominal)
        skipped = calendar.skipped(nominal - dt.timedelta(days=1), due)
    else:
        raise ValueError(f"unknown unit {unit!r}")
    return Deadline(start, due, value, unit, calendar.fingerprint, tuple(skipped))

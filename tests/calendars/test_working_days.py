"""Known cases for working-day calendars, worked out by hand from the published UK bank holiday lists."""

from __future__ import annotations

import datetime as dt

import pytest

from councildesk.calendars import working_days
from councildesk.calendars.working_days import Calendar, SkippedDay, add_months, deadline

D = dt.date
ENGLAND = Calendar.for_nation("england")
SCOTLAND = Calendar.for_nation("scotland")


def test_christmas_and_new_year_in_england_skip_the_bank_holidays_and_weekends_with_reasons():
    due = deadline(D(2026, 12, 24), 1, "working_days", ENGLAND)
    assert due.due == D(2026, 12, 29)
    assert due.skipped == (
        SkippedDay(D(2026, 12, 25), "Bank holiday (England): Christmas Day"),
        SkippedDay(D(2026, 12, 26), "Saturday"),
        SkippedDay(D(2026, 12, 27), "Sunday"),
        SkippedDay(D(2026, 12, 28), "Bank holiday (England): Boxing Day (observed)"),
    )


def test_an_english_closure_day_is_skipped_and_named():
    cal = Calendar.for_nation("england", closure_days=[D(2026, 12, 29)])
    due = deadline(D(2026, 12, 24), 1, "working_days", cal)
    assert due.due == D(2026, 12, 30)
    assert due.skipped[-1] == SkippedDay(D(2026, 12, 29), "Council closure day")
    assert cal.name == "England bank holidays + 1 council closure day"


def test_scotland_keeps_2_january_and_england_does_not():
    assert SCOTLAND.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    assert ENGLAND.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 2)
    assert SCOTLAND.closed_because(D(2026, 1, 2)) == "Bank holiday (Scotland): New Year Holiday"


def test_st_andrews_day_is_a_holiday_in_scotland_only():
    assert SCOTLAND.add_working_days(D(2026, 11, 27), 1) == D(2026, 12, 1)
    assert ENGLAND.add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)
    assert SCOTLAND.closed_because(D(2026, 11, 30)) == "Bank holiday (Scotland): Saint Andrew's Day"


def test_easter_monday_is_a_holiday_in_england_but_not_scotland():
    assert ENGLAND.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert SCOTLAND.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 6)


def test_a_holiday_shared_by_every_region_is_called_uk_wide_and_others_name_their_region():
    uk = Calendar.uk_wide()
    assert uk.closed_because(D(2026, 12, 25)) == "Bank holiday (UK-wide): Christmas Day"
    assert uk.closed_because(D(2026, 3, 17)) == "Bank holiday (Northern Ireland): Saint Patrick's Day"
    assert uk.closed_because(D(2026, 4, 6)) == "Bank holiday (England, Wales and Northern Ireland): Easter Monday"
    assert uk.name == "Bank holidays anywhere in the UK"


def test_the_start_never_counts_and_zero_days_is_the_start_itself():
    assert ENGLAND.add_working_days(D(2026, 12, 7), 1) == D(2026, 12, 8)  # a Monday start: Tuesday is day 1
    assert ENGLAND.add_working_days(D(2026, 12, 5), 1) == D(2026, 12, 7)  # a Saturday start: Monday is day 1
    assert ENGLAND.add_working_days(D(2026, 12, 5), 0) == D(2026, 12, 5)
    with pytest.raises(ValueError, match="negative"):
        ENGLAND.add_working_days(D(2026, 12, 5), -1)


def test_next_working_day_and_counting_between():
    assert ENGLAND.next_working_day(D(2026, 12, 8)) == D(2026, 12, 8)
    assert ENGLAND.next_working_day(D(2026, 12, 25)) == D(2026, 12, 29)
    assert ENGLAND.working_days_between(D(2026, 12, 21), D(2027, 1, 4)) == 7  # 22-24, 29-31 Dec, 4 Jan (the end counts)
    assert ENGLAND.working_days_between(D(2026, 12, 21), D(2026, 12, 21)) == 0
    assert ENGLAND.working_days_between(D(2026, 12, 21), D(2026, 12, 1)) == 0


def test_calendar_days_are_literal_and_skip_nothing():
    due = deadline(D(2026, 12, 21), 7, "calendar_days", ENGLAND)
    assert due.due == D(2026, 12, 28)  # a bank holiday, and still the due date
    assert due.skipped == ()


def test_calendar_months_take_the_same_day_or_the_month_end_then_the_next_working_day():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)
    due = deadline(D(2026, 1, 31), 1, "calendar_months", ENGLAND)
    assert due.due == D(2026, 3, 2)  # 28 Feb 2026 is a Saturday
    assert [s.day for s in due.skipped] == [D(2026, 2, 28), D(2026, 3, 1)]


def test_labels_show_the_year_only_when_it_changes():
    assert deadline(D(2026, 11, 27), 5, "working_days", ENGLAND).label() == "due Fri 4 Dec (5 working days)"
    assert deadline(D(2026, 11, 30), 7, "calendar_days", ENGLAND).label() == "due Mon 7 Dec (7 calendar days)"
    assert deadline(D(2026, 12, 28), 7, "calendar_days", ENGLAND).label() == "due Mon 4 Jan 2027 (7 calendar days)"
    assert deadline(D(2026, 12, 7), 1, "working_days", ENGLAND).label() == "due Tue 8 Dec (1 working day)"
    assert deadline(D(2026, 3, 3), 1, "calendar_months", ENGLAND).label() == "due Tue 7 Apr (1 calendar month)"


def test_fingerprint_names_regions_closures_and_library_version(monkeypatch):
    closures = Calendar.for_nation("england", closure_days=[D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)])
    print_ = closures.fingerprint
    assert print_.startswith("england|closures:3:")
    assert print_.endswith("|holidays-0.108")
    assert print_ != ENGLAND.fingerprint
    same = Calendar(("england",), frozenset(sorted(closures.closure_days, reverse=True)))
    assert closures.fingerprint == same.fingerprint
    assert Calendar(("scotland", "england", "scotland")).fingerprint == Calendar(("england", "scotland")).fingerprint
    monkeypatch.setattr(working_days, "HOLIDAYS_VERSION", "0.109")
    assert closures.fingerprint != print_  # a library upgrade means recalculating open deadlines


def test_a_calendar_needs_known_regions():
    with pytest.raises(ValueError, match="regions must be"):
        Calendar(())
    with pytest.raises(ValueError, match="regions must be"):
        Calendar(("atlantis",))  # type: ignore[arg-type]


def test_a_negative_value_or_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="negative"):
        deadline(D(2026, 1, 1), -1, "working_days", ENGLAND)
    with pytest.raises(ValueError, match="unknown unit"):
        deadline(D(2026, 1, 1), 1, "fortnights", ENGLAND)  # type: ignore[arg-type]

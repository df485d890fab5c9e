"""Properties of working-day arithmetic and statutory clocks that hold for any date and calendar."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from councildesk.calendars.statutory import Regime, statutory_calendar, statutory_deadline
from councildesk.calendars.working_days import REGIONS, Calendar, add_months, deadline

dates = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2095, 12, 31))
nations = st.sampled_from(REGIONS)
regimes = st.sampled_from(list(Regime))


@st.composite
def calendars(draw: st.DrawFn) -> Calendar:
    regions = draw(st.lists(nations, min_size=1, max_size=4, unique=True))
    anchor = draw(dates)
    closures = draw(st.lists(st.integers(0, 120), max_size=8).map(lambda xs: {anchor + dt.timedelta(x) for x in xs}))
    return Calendar(tuple(regions), frozenset(closures))


def _weekdays_later(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= day.weekday() < 5
    return day


@settings(max_examples=300)
@given(regimes, dates, nations)
def test_a_statutory_due_date_is_a_working_day_of_its_calendar(regime, received, nation):
    due = statutory_deadline(regime, received, nation)
    cal = statutory_calendar(regime, nation)
    assert cal.is_working_day(due.due)
    assert due.calendar == cal.fingerprint
    assert due.due > received


@settings(max_examples=300)
@given(regimes, dates, st.integers(1, 40), nations)
def test_a_statutory_due_date_never_moves_earlier_when_receipt_is_later(regime, received, later, nation):
    first = statutory_deadline(regime, received, nation).due
    second = statutory_deadline(regime, received + dt.timedelta(days=later), nation).due
    assert first <= second


@settings(max_examples=300)
@given(dates, nations)
def test_foi_is_never_earlier_than_twenty_weekdays_later(received, nation):
    due = statutory_deadline(Regime.FOI, received, nation).due
    assert due >= _weekdays_later(received, 20)
    if received.weekday() < 5:
        assert (due - received).days >= 28


@settings(max_examples=300)
@given(calendars(), dates, st.integers(0, 60))
def test_working_day_deadlines_skip_exactly_the_days_they_list(cal, start, value):
    due = deadline(start, value, "working_days", cal)
    assert cal.working_days_between(start, due.due) == value
    assert (due.due - start).days == value + len(due.skipped)
    listed = {s.day: s.reason for s in due.skipped}
    day = start
    while day < due.due:
        day += dt.timedelta(days=1)
        assert cal.closed_because(day) == listed.get(day)
        assert cal.is_working_day(day) == (day not in listed)
    if value:
        assert cal.is_working_day(due.due)


@settings(max_examples=200)
@given(calendars(), dates, st.integers(0, 60))
def test_every_closure_day_inside_the_count_is_skipped(cal, start, value):
    due = deadline(start, value, "working_days", cal)
    skipped = {s.day for s in due.skipped}
    assert {d for d in cal.closure_days if start < d <= due.due} <= skipped


@settings(max_examples=200)
@given(dates, nations)
def test_sar_is_the_month_date_or_the_first_working_day_after_it(received, nation):
    due = statutory_deadline(Regime.SAR, received, nation)
    nominal = add_months(received, 1)
    cal = Calendar.for_nation(nation)
    assert due.due >= nominal
    assert all(not cal.is_working_day(nominal + dt.timedelta(d)) for d in range((due.due - nominal).days))
    assert (due.due - nominal).days == len(due.skipped)


@given(calendars(), dates, st.integers(0, 400))
def test_calendar_days_are_never_moved(cal, start, value):
    due = deadline(start, value, "calendar_days", cal)
    assert due.due == start + dt.timedelta(days=value)
    assert due.skipped == ()

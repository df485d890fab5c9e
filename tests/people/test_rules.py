"""The pure rule behind panel sizes: the most periods running on one day (property-tested)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from councildesk.people.rules import most_at_once

DAY0 = dt.date(2025, 1, 1)
periods = st.lists(
    st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(0, 60))).map(
        lambda p: (DAY0 + dt.timedelta(p[0]), None if p[1] is None else DAY0 + dt.timedelta(p[0] + p[1]))
    ),
    max_size=8,
)


def brute_force(rows, from_day):
    days = [from_day + dt.timedelta(n) for n in range(200)]
    return max((sum(1 for s, e in rows if s <= d and (e is None or e >= d)) for d in days), default=0)


@given(periods, st.integers(0, 90))
def test_matches_counting_every_day(rows, offset):
    from_day = DAY0 + dt.timedelta(offset)
    assert most_at_once(rows, from_day=from_day) == brute_force(rows, from_day)


def test_back_to_back_periods_do_not_overlap():
    rows = [(DAY0, DAY0 + dt.timedelta(9)), (DAY0 + dt.timedelta(10), None)]
    assert most_at_once(rows, from_day=DAY0) == 1

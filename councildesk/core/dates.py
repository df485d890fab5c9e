"""Dates as people read them on GOV.UK pages and in notices: "4 December 2026", never "04 December 2026"."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date | None) -> str:
    """'4 December 2026' (no leading zero), or '' for no date."""
    return f"{day.day} {day:%B %Y}" if day else ""

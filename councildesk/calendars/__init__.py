"""Calendars and deadlines. Pure: no Django, no clock; dates in, dates out."""

"""Dates as people in the UK type them. Forms show "For example, 4 December 2026", so that must parse; Django's
own en_GB formats leave the written-month forms commented out. ISO dates are always accepted as well."""

DATE_INPUT_FORMATS = [
    "%d %B %Y",  # '4 December 2026'
    "%d %b %Y",  # '4 Dec 2026'
    "%d/%m/%Y",  # '04/12/2026'
    "%d/%m/%y",  # '04/12/26'
]
DATETIME_INPUT_FORMATS = [
    "%d %B %Y %H:%M",  # '4 December 2026 09:30'
    "%d %b %Y %H:%M",  # '4 Dec 2026 09:30'
    "%d/%m/%Y %H:%M",  # '04/12/2026 09:30'
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]

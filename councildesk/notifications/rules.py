"""Pure delivery policy: when to try an email again, and when to give up. No clock, no database."""

from __future__ import annotations

import datetime as dt

FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(hours=6)


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failed try: 1, 2, 4, 8 ... minutes, never more than six hours."""
    if attempts < 1:
        raise ValueError("retry_delay is for an email that has failed at least once")
    if attempts > 20:  # 2**20 minutes is far past the cap; avoid huge numbers
        return LONGEST_WAIT
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def gives_up(attempts: int, max_attempts: int) -> bool:
    """After ``max_attempts`` failed tries an email is marked failed and waits for a person to retry it."""
    return attempts >= max_attempts

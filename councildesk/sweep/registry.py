"""What a sweep job is. The jobs themselves are listed, explicitly, in ``jobs.JOBS``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    """One kind of time-based work.

    ``run(now)`` does whatever is due as of ``now`` and returns how many things it did. It must be idempotent
    (running it twice for the same ``now`` does nothing the second time), open its own transaction(s), and find
    due items through an index rather than by scanning everything.
    """

    name: str
    run: Callable[[dt.datetime], int]
